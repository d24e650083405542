import { z } from 'zod';

// What a service's controller states about one route, read from its Nest metadata by
// scripts/openapi (the gateway cannot import the services; ADR 0021): the schemas its
// ZodValidationPipes check and the status of a success.
export type OperationFacts = {
  method: string;
  path: string;
  handler: string;
  successStatus: number;
  body?: z.ZodType;
  query?: z.ZodType;
  params: Record<string, z.ZodType>;
  // The codes the pipes answer with when the schema refuses the input.
  validationCodes: string[];
  // The schema of the success answer (@Answer on the handler); none: not declared.
  answer?: z.ZodType;
  // The DomainError codes the handler's code can throw, with their HTTP status.
  errorCodes: { code: string; status: number }[];
};

export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
