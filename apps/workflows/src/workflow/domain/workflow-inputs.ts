import { z } from 'zod';
import { WORKFLOW_INPUT_TYPES, WorkflowInput } from '@mindhill/contracts';
import { DomainError } from '@mindhill/domain';

export type InputType = WorkflowInput['type'];
export type InputIssue = { name: string; code: 'unknown' | 'wrong-type' | 'missing' | 'not-an-object'; message: string };

// Given by the platform, never declared: a webhook-started run's delivery.
export const RESERVED_INPUT_NAMES = ['delivery'] as const;

// Declared inputs as a client sends them; a default is checked against its type by
// parseInputDeclarations (a schema alone cannot tie the two).
export const inputDeclarationsField = z
  .array(
    z.strictObject({
      name: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a letter or _ then up to 63 letters, digits or _')
        .refine((n) => !(RESERVED_INPUT_NAMES as readonly string[]).includes(n), 'is reserved (given by the platform)'),
      type: z.enum(WORKFLOW_INPUT_TYPES).default('string'),
      required: z.boolean().default(false),
      default: z.unknown().optional(),
      description: z.string().max(500).nullable().optional(),
    }),
  )
  .max(50);

const ISO_DATE = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

// Whether a value is of the declared type: a date is an ISO 8601 date or date-time string; json
// is any JSON value (null included); no other type takes null.
export function hasInputType(type: InputType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return ISO_DATE.safeParse(value).success;
    case 'json':
      return value !== undefined;
  }
}

const TYPE_WORDS: Record<InputType, string> = {
  string: 'a string',
  number: 'a finite number',
  boolean: 'true or false',
  date: 'an ISO 8601 date or date-time',
  json: 'a JSON value',
};

// The declared inputs of a workflow being saved: unique names, defaults of their own type.
export function parseInputDeclarations(declared: readonly WorkflowInput[]): WorkflowInput[] {
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  declared.forEach((input, i) => {
    if (seen.has(input.name)) issues.push({ path: `inputs.${i}.name`, message: `${input.name} is declared twice` });
    seen.add(input.name);
    if (input.default !== undefined && !hasInputType(input.type, input.default)) {
      issues.push({ path: `inputs.${i}.default`, message: `must be ${TYPE_WORDS[input.type]}` });
    }
  });
  if (issues.length > 0) {
    throw new DomainError('WORKFLOWS.INVALID_INPUT_DECLARATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), 'invalid', {
      issues,
    });
  }
  return declared.map((d) => ({
    name: d.name,
    type: d.type,
    required: d.required,
    ...(d.default !== undefined ? { default: d.default } : {}),
    description: d.description ?? null,
  }));
}

// The inputs a run starts with: what was given, checked against the declarations, with the
// defaults of what was not. Every problem is reported at once (one issue per input name);
// `provided` are the platform's own inputs (a webhook delivery), taken as they are.
export function resolveRunInputs(
  declared: readonly WorkflowInput[],
  given: unknown,
  provided: Record<string, unknown> = {},
): Record<string, unknown> {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw invalidInput([{ name: '', code: 'not-an-object', message: 'inputs must be an object of input names to values' }]);
  }
  const values = given as Record<string, unknown>;
  const byName = new Map(declared.map((d) => [d.name, d]));
  const issues: InputIssue[] = Object.keys(values)
    .filter((name) => !byName.has(name))
    .map((name) => ({ name, code: 'unknown', message: `the workflow declares no input ${name}` }));
  const resolved: Record<string, unknown> = {};
  for (const input of declared) {
    const value = Object.hasOwn(values, input.name) ? values[input.name] : undefined;
    if (value === undefined) {
      if (input.default !== undefined) resolved[input.name] = input.default;
      else if (input.required) issues.push({ name: input.name, code: 'missing', message: `${input.name} is required` });
    } else if (!hasInputType(input.type, value)) {
      issues.push({ name: input.name, code: 'wrong-type', message: `${input.name} must be ${TYPE_WORDS[input.type]}` });
    } else {
      resolved[input.name] = value;
    }
  }
  if (issues.length > 0) throw invalidInput(issues);
  return { ...resolved, ...provided };
}

function invalidInput(issues: InputIssue[]): DomainError {
  return new DomainError('WORKFLOWS.INVALID_INPUT', issues.map((i) => i.message).join('; '), 'invalid', { issues });
}
