import { InvalidArgumentError } from 'commander';

// Parsers for option values; a bad value is a usage error (exit 64) naming the option.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

// --input key=value (a string) or key:=json (a number, boolean, list… as JSON), repeatable.
export function collectInput(raw: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const match = /^([A-Za-z_][\w.-]*)(:?=)([\s\S]*)$/.exec(raw);
  if (!match) throw new InvalidArgumentError(`expected key=value or key:=json, got "${raw}"`);
  const [key, operator, text] = [match[1]!, match[2]!, match[3]!];
  if (Object.hasOwn(previous, key)) throw new InvalidArgumentError(`input "${key}" is given twice`);
  if (operator === '=') return { ...previous, [key]: text };
  try {
    return { ...previous, [key]: JSON.parse(text) as unknown };
  } catch {
    throw new InvalidArgumentError(`the value of "${key}" is not JSON: ${text}`);
  }
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

// --since 90m | 12h | 7d | an ISO date-time: the ISO date-time it means (now given for tests).
export function parseSince(raw: string, now: Date = new Date()): string {
  const relative = /^(\d+)([smhdw])$/.exec(raw);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNITS[relative[2]!]!).toISOString();
  const absolute = new Date(raw);
  if (/^\d{4}-\d{2}-\d{2}/.test(raw) && !Number.isNaN(absolute.getTime())) return absolute.toISOString();
  throw new InvalidArgumentError('expected a duration (30m, 12h, 7d, 2w) or an ISO date-time (2026-12-01T00:00:00Z)');
}

export function parseLimit(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('expected a positive whole number');
  return value;
}

export function parseChoice<T extends string>(choices: readonly T[]) {
  return (raw: string): T => {
    const found = choices.find((c) => c.toLowerCase() === raw.toLowerCase());
    if (!found) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
    return found;
  };
}

// --priority: a whole number from -100 (lowest) to 100 (highest), as the API takes it.
export function parsePriority(raw: string): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < -100 || value > 100) throw new InvalidArgumentError('expected a whole number from -100 to 100');
  return value;
}

export type InputDeclaration = { name: string; type?: string };

// `-i days=7` gives the string "7"; the workflow declares `days` a number, so the CLI sends 7.
// Only strings are converted, and only when they read cleanly as the declared type; anything else
// goes as given and the API names the problem (WORKFLOWS.INVALID_INPUT).
export function coerceInputs(values: Record<string, unknown>, declared: InputDeclaration[]): Record<string, unknown> {
  const types = new Map(declared.map((d) => [d.name, d.type ?? 'string']));
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, typeof value === 'string' ? coerce(value, types.get(name)) : value]),
  );
}

function coerce(value: string, type: string | undefined): unknown {
  if (type === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'json') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

export const IDEMPOTENCY_HELP =
  'send this Idempotency-Key: the same command again within 24 h answers the first result, with no second effect';

// The header parameter of a create route, when a key was given.
export const idempotency = (key: string | undefined) => (key ? { header: { 'Idempotency-Key': key } } : {});
