import { ResultRow, Summary } from './stats';

const fmt = (v: number) => (!Number.isFinite(v) ? '-' : Math.abs(v) >= 100 ? String(Math.round(v)) : String(Math.round(v * 100) / 100));
const cell = (s?: Summary) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '');

// Median (min–max over the alternated runs) for the measured side, the bare baseline and their ratio.
export function printTable(rows: readonly ResultRow[]): void {
  const header = ['benchmark', 'metric', 'median (min–max)', 'baseline', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.benchmark,
    `${r.metric} [${r.unit}]`,
    cell(r.value),
    cell(r.baseline),
    cell(r.ratio),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (l: string[]) => `| ${l.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${lines.map(line).join('\n')}\n\n`);
  for (const r of rows.filter((x) => x.note)) process.stdout.write(`  ${r.benchmark} / ${r.metric}: ${r.note}\n`);
}
