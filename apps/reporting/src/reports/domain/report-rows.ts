import { outputColumns, ReportConfig, ReportGrouping, ReportSorting } from './report-model';

export type CellValue = string | number | boolean | null | string[];
export type ReportRow = Record<string, CellValue>;

// Shapes the source rows (already filtered, in the source's natural order) into the report:
// grouped and summed, sorted, reduced to the output columns in their order.
export function shapeRows(
  rows: readonly ReportRow[],
  config: ReportConfig,
  grouping: ReportGrouping | null,
  sorting: ReportSorting | null,
): ReportRow[] {
  const columns = outputColumns(config, grouping);
  let shaped: ReportRow[] = grouping ? groupRows(rows, config, grouping) : [...rows];
  if (sorting) shaped = sortRows(shaped, sorting.field, sorting.direction);
  else if (grouping) shaped = sortRows(shaped, grouping.by, 'asc');
  return shaped.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
}

export function groupRows(rows: readonly ReportRow[], config: ReportConfig, grouping: ReportGrouping): ReportRow[] {
  const sums = outputColumns(config, grouping)
    .filter((c) => c.endsWith('_sum'))
    .map((c) => c.slice(0, -4));
  const groups = new Map<string, ReportRow>();
  for (const row of rows) {
    const value = row[grouping.by] ?? null;
    const key = JSON.stringify(value);
    let group = groups.get(key);
    if (!group) {
      group = { [grouping.by]: value, count: 0, ...Object.fromEntries(sums.map((c) => [`${c}_sum`, null])) };
      groups.set(key, group);
    }
    group.count = (group.count as number) + 1;
    for (const c of sums) {
      const v = row[c];
      // Missing values are left out of the sum; a group with none keeps null.
      if (typeof v === 'number') group[`${c}_sum`] = ((group[`${c}_sum`] as number | null) ?? 0) + v;
    }
  }
  return [...groups.values()];
}

// Stable sort; nulls last whatever the direction; numbers numerically, text by code point
// (ISO timestamps therefore chronologically).
export function sortRows(rows: readonly ReportRow[], field: string, direction: 'asc' | 'desc'): ReportRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[field] ?? null;
      const y = b.row[field] ?? null;
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
      const c = compare(x, y);
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((e) => e.row);
}

function compare(x: Exclude<CellValue, null>, y: Exclude<CellValue, null>): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const a = Array.isArray(x) ? x.join(';') : String(x);
  const b = Array.isArray(y) ? y.join(';') : String(y);
  return a < b ? -1 : a > b ? 1 : 0;
}
