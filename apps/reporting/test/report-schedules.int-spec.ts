import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { settingChanged } from '@mindhill/contracts';
import { createKafka, prefixedTopic, publishRaw } from '@mindhill/messaging';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { createServiceApp, startServiceApp } from '@mindhill/platform';
import { eventually, makeJobsDueSql } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { FireReportScheduleJob } from '../src/report-schedules/application/fire-report-schedule/fire-report-schedule.job';
import { loadReportingConfig } from '../src/reporting.config';
import { reportingProjections } from '../src/reporting.projections';
import { reportingService } from '../src/reporting.service';
import { envelope } from './read-model-events';

// Two reporting replicas on one database and one topic prefix: every tick of a schedule starts
// its runs exactly once. Waiting for the clock is too slow, so a test makes a planned tick due by
// moving its job's run_after to now (its payload keeps the fire time it was planned for).
const scheduled = {
  reportName: 'Every minute',
  reportType: 'summary',
  reportConfig: { source: 'executions', columns: ['workflow_name', 'status'] },
  outputFormats: ['json', 'csv'],
  isScheduled: true,
  scheduleCron: '*/1 * * * *',
  scheduleTimezone: 'Europe/Paris',
};

type TickRow = {
  id: string;
  status: string;
  attempts: number;
  run_after: Date;
  payload: { reportId: string; fireAt: string; cron: string };
};

describe('scheduled reports on two replicas', () => {
  let platform: TestPlatform;
  let second: NestFastifyApplication;
  let db: Client;
  let user: string;
  const url = (path: string) => `${platform.gatewayUrl}${path}`;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['reporting'] });
    const bootstrap = reportingService(loadReportingConfig({ ...platform.env, REPORTING_PORT: '0' }));
    second = await createServiceApp(bootstrap);
    await startServiceApp(second, bootstrap);
    db = new Client({ connectionString: platform.databases.reporting!.url });
    await db.connect();
    user = await signToken(platform.tokenKey, { role: 'user', userNumber: 7, email: 'ana@example.com' });
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await second?.close();
    await platform?.close();
  });

  const ticks = async (reportId: string) =>
    (
      await db.query<TickRow>(
        `SELECT id, status, attempts, run_after, payload FROM job WHERE kind = 'report-schedule-tick' AND payload->>'reportId' = $1 ORDER BY id`,
        [reportId],
      )
    ).rows;
  const pendingTick = async (reportId: string) => {
    const pending = (await ticks(reportId)).filter((t) => t.status === 'pending');
    expect(pending).toHaveLength(1);
    return pending[0]!;
  };
  const scheduledRuns = async (reportId: string) =>
    (
      await db.query<{ output_format: string; trigger_user_id: number; status: string }>(
        `SELECT x.output_format, x.trigger_user_id, x.status FROM report_executions x JOIN flux_reports r ON r.id = x.report_id
          WHERE r.uuid = $1 AND x.triggered_by = 'schedule' ORDER BY x.id`,
        [reportId],
      )
    ).rows;
  const makeDue = (tick: TickRow) => db.query(makeJobsDueSql('id = $1'), [tick.id]);
  const create = async (body: Record<string, unknown>) => {
    const res = await http('POST', url('/api/v1/reports'), { token: user, body });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('plans the first tick with the report, shows it as nextRunAt, and fires each tick exactly once across both replicas', async () => {
    const before = Date.now();
    const report = await create(scheduled);
    const nextMinute = new Date(Math.floor(before / 60_000) * 60_000 + 60_000).toISOString();
    expect([nextMinute, new Date(Date.parse(nextMinute) + 60_000).toISOString()]).toContain(report.nextRunAt);
    let tick = await pendingTick(report.id);
    expect(tick.payload).toEqual({ reportId: report.id, cron: '*/1 * * * *', timezone: 'Europe/Paris', fireAt: report.nextRunAt });
    expect(tick.run_after.toISOString()).toBe(report.nextRunAt);
    expect((await http('GET', url(`/api/v1/reports/${report.id}`), { token: user })).body.nextRunAt).toBe(report.nextRunAt);
    const listed = (await http('GET', url('/api/v1/reports'), { token: user })).body.items;
    expect(listed.find((r: { id: string }) => r.id === report.id).nextRunAt).toBe(report.nextRunAt);

    // The real minute may also come round meanwhile and fire a tick by itself: that is a tick too.
    // What must hold in every snapshot: one pending tick, and exactly one run per format per done tick.
    for (let n = 1; n <= 2; n++) {
      const fired = tick;
      await makeDue(fired);
      // The tick is done, its runs (one per output format) and the next tick committed together.
      tick = await eventually(async () => {
        const next = await pendingTick(report.id);
        expect(next.id).not.toBe(fired.id);
        return next;
      });
      expect(Date.parse(tick.payload.fireAt)).toBeGreaterThanOrEqual(Date.parse(fired.payload.fireAt) + 60_000);
      expect(tick.payload.fireAt).toMatch(/:00\.000Z$/);
      const done = (await ticks(report.id)).find((t) => t.id === fired.id)!;
      expect([done.status, done.attempts]).toEqual(['done', 1]);
    }
    const [counts] = (
      await db.query<{ done: number; attempts: number; json: number; csv: number }>(
        `SELECT (SELECT count(*)::int FROM job WHERE kind = 'report-schedule-tick' AND status = 'done' AND payload->>'reportId' = $1::text) AS done,
                (SELECT max(attempts)::int FROM job WHERE kind = 'report-schedule-tick' AND status = 'done' AND payload->>'reportId' = $1::text) AS attempts,
                (SELECT count(*)::int FROM report_executions x JOIN flux_reports r ON r.id = x.report_id
                  WHERE r.uuid = $1::uuid AND x.triggered_by = 'schedule' AND x.output_format = 'json') AS json,
                (SELECT count(*)::int FROM report_executions x JOIN flux_reports r ON r.id = x.report_id
                  WHERE r.uuid = $1::uuid AND x.triggered_by = 'schedule' AND x.output_format = 'csv') AS csv`,
        [report.id],
      )
    ).rows;
    expect(counts!.done).toBeGreaterThanOrEqual(2);
    expect(counts).toEqual({ done: counts!.done, attempts: 1, json: counts!.done, csv: counts!.done });
    const runs = await eventually(
      async () => {
        const rows = await scheduledRuns(report.id);
        expect(rows.map((r) => r.status)).toEqual(Array(counts!.done * 2).fill('Success'));
        return rows;
      },
      { timeoutMs: 20_000 },
    );
    // Run as the report's owner: counted to them, and their actor on the run's events.
    expect(new Set(runs.map((r) => r.trigger_user_id))).toEqual(new Set([7]));
    const actors = await db.query<{ role: string; userNumber: number }>(
      `SELECT metadata->'actor'->>'role' AS role, (metadata->'actor'->>'userNumber')::int AS "userNumber"
         FROM stored_event WHERE type = 'reporting.report-execution.requested'`,
    );
    expect(actors.rows).toEqual(Array(runs.length).fill({ role: 'user', userNumber: 7 }));
    expect((await http('GET', url(`/api/v1/reports/${report.id}`), { token: user })).body.nextRunAt).toBe(
      (await pendingTick(report.id)).payload.fireAt,
    );
  });

  it('runs many due ticks at once on two replicas: each report once, each with its next tick', async () => {
    // Once a year: no tick of these comes round by itself during the test.
    const yearly = { ...scheduled, scheduleCron: '0 3 1 1 *', outputFormats: ['json'] };
    const reports = [];
    for (let i = 0; i < 5; i++) reports.push(await create({ ...yearly, reportName: `Batch ${i}` }));
    const first: TickRow[] = [];
    for (const r of reports) first.push(await pendingTick(r.id));
    await db.query(makeJobsDueSql('id = ANY($1::bigint[])'), [first.map((t) => t.id)]);
    for (const [i, r] of reports.entries()) {
      await eventually(async () => expect((await pendingTick(r.id)).id).not.toBe(first[i]!.id));
    }
    for (const r of reports) expect(await scheduledRuns(r.id)).toHaveLength(1);
    for (const [i, r] of reports.entries()) {
      expect((await pendingTick(r.id)).payload.fireAt).toBe(
        new Date(Date.parse(first[i]!.payload.fireAt) + 365 * 86_400_000).toISOString(),
      );
    }
  });

  it('replaces the tick when the schedule changes; a tick planned for the old schedule does nothing', async () => {
    const report = await create({ ...scheduled, reportName: 'Changes', outputFormats: ['json'], scheduleCron: '0 3 1 1 *' });
    const old = await pendingTick(report.id);
    const changed = await http('PATCH', url(`/api/v1/reports/${report.id}`), { token: user, body: { scheduleCron: '0 4 1 1 *' } });
    expect(changed.status).toBe(200);
    const replaced = await pendingTick(report.id);
    expect(replaced.payload.cron).toBe('0 4 1 1 *');
    expect(changed.body.nextRunAt).toBe(replaced.payload.fireAt);
    // 04:00 on 1 January in Paris (CET) is 03:00 UTC.
    expect(changed.body.nextRunAt).toMatch(/-01-01T03:00:00\.000Z$/);
    expect((await ticks(report.id)).find((t) => t.id === old.id)!.status).toBe('cancelled');

    // A rename leaves the planned tick alone.
    await http('PATCH', url(`/api/v1/reports/${report.id}`), { token: user, body: { reportName: 'Renamed' } });
    expect((await pendingTick(report.id)).id).toBe(replaced.id);

    // The old tick, as if a worker had claimed it before the change committed: it finishes without a run.
    await db.query(makeJobsDueSql('id = $1', "status = 'pending', run_after = now()"), [old.id]);
    await eventually(async () => expect((await ticks(report.id)).find((t) => t.id === old.id)!.status).toBe('done'));
    expect(await scheduledRuns(report.id)).toEqual([]);
    expect((await pendingTick(report.id)).id).toBe(replaced.id);

    // Deactivated: no tick, no nextRunAt; active again: planned again; archived: none.
    const inactive = await http('PATCH', url(`/api/v1/reports/${report.id}`), { token: user, body: { status: 'inactive' } });
    expect(inactive.body.nextRunAt).toBeNull();
    expect((await ticks(report.id)).filter((t) => t.status === 'pending')).toEqual([]);
    const again = await http('PATCH', url(`/api/v1/reports/${report.id}`), { token: user, body: { status: 'active' } });
    expect(again.body.nextRunAt).toBe((await pendingTick(report.id)).payload.fireAt);
    const archived = await http('POST', url(`/api/v1/reports/${report.id}/archive`), { token: user });
    expect(archived.body.nextRunAt).toBeNull();
    expect((await ticks(report.id)).filter((t) => t.status === 'pending')).toEqual([]);
  });

  it('plans a tick at start for a scheduled report that has none (saved before ticks were planned)', async () => {
    const report = await create({ ...scheduled, reportName: 'Older', outputFormats: ['json'], scheduleCron: '0 3 1 1 *' });
    await db.query(`DELETE FROM job WHERE payload->>'reportId' = $1`, [report.id]);
    await db.query(`UPDATE flux_reports SET next_run_at = NULL WHERE uuid = $1`, [report.id]);
    expect(await platform.apps.reporting!.get(FireReportScheduleJob).planUnplannedSchedules()).toBe(1);
    expect(await second.get(FireReportScheduleJob).planUnplannedSchedules()).toBe(0);
    const tick = await pendingTick(report.id);
    expect((await http('GET', url(`/api/v1/reports/${report.id}`), { token: user })).body.nextRunAt).toBe(tick.payload.fireAt);
  });

  it('keeps nextRunAt through a rebuild of flux_reports (restored from the pending ticks)', async () => {
    const report = await create({ ...scheduled, reportName: 'Rebuilt', outputFormats: ['json'], scheduleCron: '0 3 1 1 *' });
    const orm = await MikroORM.init(
      createOrmConfig({ clientUrl: platform.databases.reporting!.url, entities: reportingProjections.entities, migrations: [] }),
    );
    try {
      await rebuildProjections(orm, 'reporting', reportingProjections);
    } finally {
      await orm.close();
    }
    expect((await http('GET', url(`/api/v1/reports/${report.id}`), { token: user })).body.nextRunAt).toBe(report.nextRunAt);
  });

  it.each([
    ['a cron field out of range', { scheduleCron: '61 * * * *' }, 'REPORTING.INVALID_SCHEDULE'],
    ['six fields', { scheduleCron: '*/10 * * * * *' }, 'REPORTING.INVALID_SCHEDULE'],
    ['words', { scheduleCron: 'every day' }, 'REPORTING.INVALID_SCHEDULE'],
    ['a schedule without cron', { scheduleCron: null }, 'REPORTING.INVALID_DEFINITION'],
  ])('refuses %s with 400 %s and plans nothing', async (_what, change, code) => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM job WHERE kind = 'report-schedule-tick'`)).rows[0].n;
    const res = await http('POST', url('/api/v1/reports'), { token: user, body: { ...scheduled, ...change } });
    expect([res.status, res.body.error.code]).toEqual([400, code]);
    expect((await db.query(`SELECT count(*)::int AS n FROM job WHERE kind = 'report-schedule-tick'`)).rows[0].n).toBe(before);
  });

  it('follows min_schedule_interval_seconds live: raised to 5 minutes, an every-minute schedule is refused', async () => {
    const kafka = createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 'schedules-test',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
    const change = envelope(
      settingChanged,
      'min_schedule_interval_seconds',
      {
        key: 'min_schedule_interval_seconds',
        environment: 'all',
        oldValue: '60',
        newValue: '300',
        changedBy: null,
        reason: 'test',
        requiresRestart: false,
      },
      'auth',
    );
    await publishRaw(kafka, prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, settingChanged.topic), [
      { key: change.aggregateId, value: JSON.stringify(change) },
    ]);
    await eventually(
      async () => {
        const res = await http('POST', url('/api/v1/reports'), { token: user, body: scheduled });
        expect([res.status, res.body.error?.code, res.body.error?.details?.minIntervalSeconds]).toEqual([
          400,
          'REPORTING.SCHEDULE_TOO_FREQUENT',
          300,
        ]);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect((await create({ ...scheduled, scheduleCron: '*/5 * * * *' })).nextRunAt).toMatch(/:[0-5][05]:00\.000Z$/);
  });
});
