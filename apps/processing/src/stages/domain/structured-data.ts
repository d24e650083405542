import { ContentFormat } from './content-decoder';

export class ItemError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ItemError';
  }
}

const NUMERIC = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

// RFC 4180 rows: quoted fields may hold the delimiter, quotes ("") and line breaks.
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function addValue(out: Map<string, number[]>, name: string, value: number) {
  const list = out.get(name);
  if (list) list.push(value);
  else out.set(name, [value]);
}

// Numbers of a JSON record, nested objects flattened with dots ("price.amount").
function collectJson(out: Map<string, number[]>, value: unknown, prefix: string) {
  if (typeof value === 'number' && Number.isFinite(value) && prefix) addValue(out, prefix, value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) collectJson(out, v, prefix ? `${prefix}.${k}` : k);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ItemError('PROCESSING.INVALID_JSON', `not valid JSON: ${(error as Error).message}`);
  }
}

// Numeric values per field of CSV (columns; numeric cells only) and JSON/NDJSON (records' numeric
// keys) content. Other formats have no fields. `fields` keeps only the named ones.
export function numericFields(text: string, format: ContentFormat, fields?: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (format === 'csv') {
    const [header, ...rows] = parseCsv(text);
    if (!header) return out;
    const names = header.map((h) => h.trim());
    for (const row of rows) {
      row.forEach((cell, i) => {
        const name = names[i];
        const v = cell.trim();
        if (name && NUMERIC.test(v)) addValue(out, name, Number(v));
      });
    }
  } else if (format === 'json') {
    const data = parseJson(text);
    const records = Array.isArray(data) ? data : [data];
    for (const r of records) collectJson(out, r, '');
  } else if (format === 'ndjson') {
    for (const line of text.split(/\r?\n/)) if (line.trim()) collectJson(out, parseJson(line), '');
  }
  if (fields) for (const name of [...out.keys()]) if (!fields.includes(name)) out.delete(name);
  return out;
}

export function mergeFieldValues(into: Map<string, number[]>, from: ReadonlyMap<string, readonly number[]>): void {
  for (const [k, v] of from) for (const x of v) addValue(into, k, x);
}
