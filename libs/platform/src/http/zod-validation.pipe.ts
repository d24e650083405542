import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { DomainError } from '@mindhill/domain';

// Validates a body or query against a schema. Use strict objects so unknown fields are refused.
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly code = 'REQUEST.VALIDATION_FAILED',
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = result.error.issues.map((i) => ({
      path: i.path.join('.'),
      code: i.code,
      message: i.message,
      ...(i.code === 'unrecognized_keys' ? { keys: i.keys } : {}),
    }));
    const unknownFields = issues.some((i) => i.code === 'unrecognized_keys');
    throw new DomainError(
      unknownFields ? 'REQUEST.UNKNOWN_FIELDS' : this.code,
      issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '),
      'invalid',
      { issues },
    );
  }
}
