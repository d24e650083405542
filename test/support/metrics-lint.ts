import { spawnSync } from 'node:child_process';

// Checks a /metrics page with `promtool check metrics` (Prometheus' own linter) when it is
// installed, and always with a strict reading of the text exposition format.
export function lintMetrics(text: string): string[] {
  const problems = lintExposition(text);
  const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (!promtool.error) {
    const output = `${promtool.stdout}${promtool.stderr}`.trim();
    if (promtool.status !== 0 || output) problems.push(`promtool: ${output || `exit ${promtool.status}`}`);
  }
  return problems;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)( \d+)?$/i;
// prom-client writes NaN as "Nan"; Prometheus parses special values case-insensitively.

export function lintExposition(text: string): string[] {
  const problems: string[] = [];
  const help = new Set<string>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'HELP') help.add(meta[2]!);
      else types.set(meta[2]!, meta[3]!);
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) {
      problems.push(`unparseable line: ${line}`);
      continue;
    }
    const family = [...types.keys()].find(
      (f) => sample[1] === f || (/^_(bucket|sum|count|total|created)$/.test(sample[1]!.slice(f.length)) && sample[1]!.startsWith(f)),
    );
    if (!family) problems.push(`sample without TYPE: ${sample[1]}`);
  }
  for (const [family, type] of types) {
    if (!help.has(family)) problems.push(`no HELP for ${family}`);
    if (type === 'counter' && !family.endsWith('_total')) problems.push(`counter ${family} does not end in _total`);
  }
  return problems;
}
