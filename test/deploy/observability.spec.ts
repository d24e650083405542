import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { metricsRegistry, initMetrics } from '@mindhill/platform';

// The dashboard and alert rules only use metrics the code really serves, and promtool accepts
// the rules. A renamed metric breaks this test rather than a silent dashboard.
const root = path.resolve(__dirname, '../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
// Series Prometheus itself adds, and a metric served by the audit app only.
const OUTSIDE_REGISTRY = new Set(['up', 'dead_letter_pending_messages']);

function metricNames(expr: string): string[] {
  const words = expr.replace(/"[^"]*"/g, '').match(/[a-z_][a-z0-9_]*(?=\s*[{[(\s]|$)/g) ?? [];
  const functions = new Set(['sum', 'by', 'rate', 'increase', 'deriv', 'max', 'histogram_quantile', 'and', 'or', 'le', 'without', 'avg']);
  return words.filter((w) => !functions.has(w) && w.includes('_'));
}

function known(): Set<string> {
  initMetrics('test');
  const names = new Set<string>(OUTSIDE_REGISTRY);
  for (const m of metricsRegistry.getMetricsAsArray()) {
    const name = (m as unknown as { name: string; type?: string }).name;
    names.add(name);
    for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('observability files', () => {
  const names = known();

  it('alert rules use only served metrics', () => {
    const rules = YAML.parse(read('deploy/prometheus/alerts.yml')).groups.flatMap((g: { rules: { expr: string }[] }) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(5);
    const unknown = rules.flatMap((r: { expr: string }) => metricNames(r.expr)).filter((n: string) => !names.has(n));
    expect(unknown).toEqual([]);
  });

  it('the dashboard uses only served metrics', () => {
    const dashboard = JSON.parse(read('deploy/grafana/mindhill-overview.json'));
    const exprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(10);
    expect(exprs.flatMap(metricNames).filter((n) => !names.has(n))).toEqual([]);
  });

  it('prometheus.yml loads the alert rules', () => {
    expect(YAML.parse(read('deploy/prometheus/prometheus.yml')).rule_files).toContain('alerts.yml');
  });

  it('promtool accepts the rules when it is installed', () => {
    const result = spawnSync('promtool', ['check', 'rules', path.join(root, 'deploy/prometheus/alerts.yml')], { encoding: 'utf8' });
    // Without promtool there is nothing more to run; the checks above still hold.
    if (result.error) return;
    expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
