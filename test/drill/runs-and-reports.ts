import { randomUUID } from 'node:crypto';
import { queryDatabase } from '@mindhill/testing';
import { http } from '../support/http';
import { ReportedLoss } from '../faults/lib/verify';
import { TestPlatform } from '../support/test-platform';

// Runs and report runs beside the drill's load: each one the platform acknowledged must, after a
// restore, still exist once, or be named lost by the restore's report; and no execution may exist
// that nobody started.
export type Started = { kind: 'run' | 'report run'; id: string; phase: string };
export type RunsVerdict = { acked: number; runs: number; present: number; reportedLost: number; lost: string[]; strangers: string[] };

export class RunsAndReports {
  readonly started: Started[] = [];
  private reportId?: string;
  private workflowId?: string;
  readonly workflowName = 'drill runs';

  constructor(
    private readonly platform: TestPlatform,
    private readonly token: string,
  ) {}

  private call(method: 'POST', path: string, body: unknown) {
    return http(method, `${this.platform.gatewayUrl}/api/v1${path}`, { body, token: this.token });
  }

  // An active workflow to run (its data source does not exist: each run fails at its first stage,
  // which is work recorded all the same) and a report over executions.
  async prepare(): Promise<void> {
    const workflow = await this.call('POST', '/workflows', {
      name: this.workflowName,
      status: 'active',
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [randomUUID()] }] },
    });
    if (workflow.status !== 201) throw new Error(`POST /workflows -> ${workflow.status} ${JSON.stringify(workflow.body)}`);
    this.workflowId = workflow.body.id;
    const res = await this.call('POST', '/reports', {
      reportName: 'drill executions',
      reportType: 'detailed',
      reportConfig: { source: 'executions', columns: ['workflow_name', 'status'] },
      outputFormats: ['csv'],
    });
    if (res.status !== 201) throw new Error(`POST /reports -> ${res.status} ${JSON.stringify(res.body)}`);
    this.reportId = res.body.id;
  }

  // `count` runs and as many report runs; only acknowledged ones are kept.
  async start(count: number, phase: string): Promise<void> {
    for (let i = 0; i < count; i++) {
      const run = await this.call('POST', `/workflows/${this.workflowId}/executions`, {});
      if (run.status === 202) this.started.push({ kind: 'run', id: run.body.id, phase });
      const report = await this.call('POST', `/reports/${this.reportId}/executions`, { format: 'csv' });
      if (report.status === 202) this.started.push({ kind: 'report run', id: report.body.id, phase });
    }
  }

  async check(reported: ReportedLoss[]): Promise<RunsVerdict> {
    const lostStreams = new Set(reported.map((e) => /([0-9a-f-]{36})$/.exec(e.stream)?.[1]));
    const runs = await ids(this.platform.databases.workflows!.url, 'SELECT uuid::text AS id FROM workflow_executions');
    const reportRuns = await ids(this.platform.databases.reporting!.url, 'SELECT uuid::text AS id FROM report_executions');
    const verdict: RunsVerdict = { acked: this.started.length, runs: 0, present: 0, reportedLost: 0, lost: [], strangers: [] };
    for (const s of this.started) {
      const rows = (s.kind === 'run' ? runs : reportRuns).filter((id) => id === s.id).length;
      if (rows === 1) verdict.present++;
      else if (rows === 0 && lostStreams.has(s.id)) verdict.reportedLost++;
      else verdict.lost.push(`${s.kind} ${s.id} [${s.phase}]: ${rows} rows`);
    }
    const asked = new Set(this.started.map((s) => s.id));
    verdict.strangers = [...runs, ...reportRuns].filter((id) => !asked.has(id));
    verdict.runs = this.started.filter((s) => s.kind === 'run').length;
    return verdict;
  }
}

const ids = async (url: string, sql: string) => (await queryDatabase<{ id: string }>(url, sql)).map((r) => r.id);
