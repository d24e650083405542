import { round } from './keyword-classifier';

export type FieldStatistics = { count: number; sum: number; mean: number; min: number; max: number; p50: number; p95: number };

// Percentiles by linear interpolation between closest ranks (PostgreSQL percentile_cont, numpy's
// default): rank = p × (n − 1). Values are rounded to 6 decimals to keep float noise out.
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty list');
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return a + (b - a) * (rank - lower);
}

export function fieldStatistics(values: readonly number[]): FieldStatistics {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    sum: round(sum, 6),
    mean: round(sum / sorted.length, 6),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    p50: round(percentile(sorted, 0.5), 6),
    p95: round(percentile(sorted, 0.95), 6),
  };
}

export function statisticsByField(values: ReadonlyMap<string, readonly number[]>): Record<string, FieldStatistics> {
  const out: Record<string, FieldStatistics> = {};
  for (const name of [...values.keys()].sort()) {
    const list = values.get(name)!;
    if (list.length > 0) out[name] = fieldStatistics(list);
  }
  return out;
}
