import { StreamableFile } from '@nestjs/common';
import { z } from 'zod';

export const ANSWER_METADATA = 'mindhill:answer';

// What a value becomes on the wire: a Date is sent as its ISO string by JSON.stringify, so a
// handler may return either where the schema says string.
export type Sendable<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? readonly Sendable<U>[]
    : T extends object
      ? { [K in keyof T]: Sendable<T[K]> }
      : T;

type AnswerHandler<S extends z.ZodType> = (...args: never[]) => Sendable<z.output<S>> | Promise<Sendable<z.output<S>>>;

// The schema of a route's success answer. The compiler checks the handler's return type against it
// (a field of the schema the handler does not give, or gives another type, fails tsc); the OpenAPI
// generator (scripts/openapi) documents it; test/e2e/openapi-answers.int-spec.ts checks real answers
// against the document, which refuses keys the schema does not name (strict objects).
export function Answer<S extends z.ZodType>(schema: S) {
  return <T extends AnswerHandler<S>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<T>) => {
    Reflect.defineMetadata(ANSWER_METADATA, schema, descriptor.value as object);
  };
}

// A timestamp of an answer: ISO 8601 in UTC (docs/api.md, "Names").
export const isoTimestamp = () => z.iso.datetime({ offset: true });

// A page of a list: nextCursor is the `cursor` of the next page, null on the last.
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// A row of one of the seed's SQL views or history tables, answered column for column under the
// API's camelCase names (libs/persistence row-keys.ts): the columns are the view's, not the code's.
export const seedRowAnswer = z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), z.unknown()).describe("A row of the seed's view, camelCase");

// A file sent as an attachment (a report download): bytes, not JSON.
export const fileAnswer = z
  .custom<StreamableFile>((v) => v instanceof StreamableFile)
  .meta({ file: true })
  .describe('The file, as an attachment (Content-Disposition), its type in Content-Type');
export const isFileAnswer = (schema: z.ZodType) => z.globalRegistry.get(schema)?.file === true;

// A route that answers no body (204).
export const noAnswer = z.undefined();

export const answerSchemaOf = (handler: object): z.ZodType | undefined =>
  Reflect.getMetadata(ANSWER_METADATA, handler) as z.ZodType | undefined;
