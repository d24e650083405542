// The API's names for a seed row's columns (the seed's views and history tables are snake_case;
// every answer is camelCase). A public id is the uuid: `uuid` becomes `id` and `x_uuid` becomes
// `xId`; the integer beside it (`id`, `x_id`) is the row's `number` (`xNumber`). The seed's
// "flux" is a data source. Values, nested JSON included, are left as they are.
const ALIASES: Record<string, string> = { flux: 'data_source' };

export function apiKeys(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[apiKey(key, row)] = value;
  return out;
}

export function apiKey(column: string, row: Record<string, unknown>): string {
  if (column === 'uuid') return 'id';
  if (column === 'id') return 'uuid' in row ? 'number' : 'id';
  const uuid = /^(.+)_uuid$/.exec(column);
  if (uuid) return camel(`${alias(uuid[1]!)}_id`);
  const id = /^(.+)_id$/.exec(column);
  if (id && `${id[1]}_uuid` in row) return camel(`${alias(id[1]!)}_number`);
  const prefix = /^([a-z]+)_(.+)$/.exec(column);
  if (prefix && ALIASES[prefix[1]!]) return camel(`${ALIASES[prefix[1]!]}_${prefix[2]}`);
  return camel(column);
}

function alias(name: string): string {
  return ALIASES[name] ?? name;
}

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
