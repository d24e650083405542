import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

// Files of runs finished more than report_file_retention_days (90 by default) ago are deleted;
// the runs stay, marked file-expired, and their download answers 410 with a code.
describe('report file retention: old rendered files, dry run first, a receipt every run', () => {
  let platform: TestPlatform;
  let db: Client;
  let admin: string;
  let outputDir: string;
  const reportId = randomUUID();
  const runs = { old: randomUUID(), older: randomUUID(), recent: randomUUID() };
  const fileOf = (run: string) => `${reportId}/${run}.csv`;
  const retention = (body: unknown, token = admin) =>
    http('POST', `${platform.gatewayUrl}/api/v1/report-executions/retention`, { body, token });
  const download = (run: string) => http('GET', `${platform.gatewayUrl}/api/v1/report-executions/${run}/download`, { token: admin });

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['reporting'] });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    outputDir = platform.env.REPORT_OUTPUT_DIR!;
    db = new Client({ connectionString: platform.databases.reporting!.url });
    await db.connect();
    await db.query(`INSERT INTO flux_reports (id, uuid, report_name, report_type, created_by) VALUES (1, $1, 'Runs', 'summary', 1)`, [
      reportId,
    ]);
    let number = 0;
    const run = async (id: string, daysAgo: number, text: string) => {
      number += 1;
      await mkdir(path.join(outputDir, reportId), { recursive: true });
      await writeFile(path.join(outputDir, fileOf(id)), text);
      await db.query(
        `INSERT INTO report_executions (id, uuid, report_id, status, output_format, output_file_path, output_file_size_bytes, started_at, completed_at)
         VALUES ($1, $2, 1, 'Success', 'csv', $3, $4, now() - $5 * interval '1 day', now() - $5 * interval '1 day')`,
        [number, id, fileOf(id), Buffer.byteLength(text), daysAgo],
      );
    };
    await run(runs.old, 91, 'a,b\n1,2\n');
    await run(runs.older, 200, 'a\n1\n2\n3\n');
    await run(runs.recent, 10, 'a\n');
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const receipts = async () =>
    (await db.query(`SELECT payload FROM stored_event WHERE type = 'reporting.retention.applied' ORDER BY position`)).rows.map(
      (r) => r.payload,
    );

  it('answers what a run would delete and deletes nothing on a dry run (the default)', async () => {
    const res = await retention({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dataClass: 'report-files',
      dryRun: true,
      retentionDays: 90,
      matched: { files: 2 },
      matchedBytes: Buffer.byteLength('a,b\n1,2\n') + Buffer.byteLength('a\n1\n2\n3\n'),
      removed: { files: 0 },
      removedBytes: 0,
    });
    for (const run of Object.values(runs)) expect(existsSync(path.join(outputDir, fileOf(run)))).toBe(true);
    expect((await download(runs.old)).status).toBe(200);
    expect(await receipts()).toHaveLength(1);
  });

  it('deletes the old files, keeps the runs, and a download of one answers 410 REPORTING.FILE_EXPIRED', async () => {
    const res = await retention({ dryRun: false });
    expect(res.body).toMatchObject({ dryRun: false, removed: { files: 2 }, removedBytes: res.body.matchedBytes });
    expect(existsSync(path.join(outputDir, fileOf(runs.old)))).toBe(false);
    expect(existsSync(path.join(outputDir, fileOf(runs.older)))).toBe(false);
    expect(existsSync(path.join(outputDir, fileOf(runs.recent)))).toBe(true);
    const gone = await download(runs.old);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('REPORTING.FILE_EXPIRED');
    expect((await download(runs.recent)).status).toBe(200);
    const view = await http('GET', `${platform.gatewayUrl}/api/v1/report-executions/${runs.older}`, { token: admin });
    expect(view.body).toMatchObject({ status: 'Success', downloadUrl: null, outputFileExpiredAt: expect.any(String) });
    const expired = await db.query(`SELECT payload FROM stored_event WHERE type = 'reporting.report-execution.file-expired'`);
    expect([...expired.rows[0].payload.reportExecutionIds].sort()).toEqual([runs.old, runs.older].sort());
    expect((await receipts()).map((r) => [r.dryRun, r.removed.files])).toEqual([
      [true, 0],
      [false, 2],
    ]);
  });

  it('records a run that matched nothing, and refuses non-admins and bad input', async () => {
    const res = await retention({ dryRun: false });
    expect(res.body).toMatchObject({ matched: { files: 0 }, removed: { files: 0 } });
    expect(await receipts()).toHaveLength(3);
    expect((await retention({}, await signToken(platform.tokenKey, { role: 'user', userNumber: 2 }))).status).toBe(403);
    expect((await retention({ dryRun: 'yes' })).status).toBe(400);
  });

  it('plans the daily run through the job queue', async () => {
    const { rows } = await db.query(`SELECT run_after, status FROM job WHERE kind = 'report-file-retention'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('pending');
    const at = new Date(rows[0].run_after);
    expect([at.getUTCHours(), at.getUTCMinutes()]).toEqual([3, 0]);
    expect(at.getTime()).toBeGreaterThan(Date.now());
  });
});
