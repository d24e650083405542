import { Writable } from 'node:stream';

type Row = Record<string, unknown>;

// stdout carries the result only (JSON with --json, so `| jq` always parses); messages for the
// person at the terminal, progress and errors go to stderr.
export class Output {
  constructor(
    readonly json: boolean,
    private readonly stdout: Writable = process.stdout,
    private readonly stderr: Writable = process.stderr,
  ) {}

  // The command's result: JSON as is with --json, otherwise the human rendering.
  result(value: unknown, human: () => string): void {
    this.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  }

  raw(chunk: string | Uint8Array): void {
    this.stdout.write(chunk);
  }

  info(message: string): void {
    this.stderr.write(`${message}\n`);
  }

  get errorStream(): Writable {
    return this.stderr;
  }
}

// A plain text table of the chosen columns (empty cells for missing values).
export function table(rows: Row[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\s+/g, ' ');
}

export function items(page: unknown): Row[] {
  const list = typeof page === 'object' && page !== null ? Reflect.get(page, 'items') : undefined;
  return Array.isArray(list) ? (list as Row[]) : [];
}
