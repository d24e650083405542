import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { DrillResult, runBackupDrill } from './backup-drill';

// The backup drill at a small size (`npm run backup:drill` sets BACKUP_DRILL_SECONDS for a longer
// load). See backup-drill.ts for what each round proves.
const seconds = Number(process.env.BACKUP_DRILL_SECONDS ?? 6);
const say = (line: string) => process.env.BACKUP_DRILL_SECONDS && process.stdout.write(`[drill] ${line}\n`);

describe('backup drill: back up under load, restore one service then all, check every acknowledged command', () => {
  let platform: TestPlatform;
  let result: DrillResult;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      env: { GATEWAY_RATE_LIMIT_PER_HOUR: '10000000', GATEWAY_LOGIN_RATE_PER_MINUTE: '100000' },
    });
    result = await runBackupDrill({
      platform,
      loadSeconds: seconds,
      rates: { usersPerSecond: seconds > 10 ? 8 : 3, workflowsPerSecond: seconds > 10 ? 15 : 5 },
      runsPerPhase: seconds > 10 ? 20 : 3,
      restoreFirst: 'workflows',
      log: say,
    });
    for (const round of result.rounds) {
      say(
        `${round.name}: ${JSON.stringify(round.verdict.total)}; runs ${JSON.stringify(round.runs)}; projections differing from a rebuild: ${round.projectionsDifferingFromRebuild.length}`,
      );
      for (const line of round.verdict.details) say(`  ${line}`);
    }
  }, 20 * 60_000);
  afterAll(() => platform?.close());

  it('restoring one service loses only its own work after the backup, every loss named in the report', () => {
    const [one] = result.rounds;
    expect(one!.report.services.map((s) => s.app)).toEqual(['workflows']);
    // The verdict's details ride along, so a failure names the command or row at fault.
    expect({ ...one!.verdict.total, details: one!.verdict.details }).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    // Workflows created after the backup went back in time with their store, and were named.
    expect(one!.verdict.byPhase.get('after backup')?.reportedLost).toBeGreaterThan(0);
    expect(one!.report.services[0]!.lostEvents.every((e) => e.type.startsWith('workflows.'))).toBe(true);
    // Accounts live in auth, which kept them: nothing of theirs is reported.
    expect(one!.verdict.byPhase.get('before backup')?.reportedLost).toBe(0);
    expect(one!.afterRestoreAcked).toBeGreaterThan(0);
    // Runs and report runs: present once or named lost, none from nowhere.
    expect(one!.runs).toMatchObject({ lost: [], strangers: [] });
    expect(one!.runs.runs).toBeGreaterThan(0);
    expect(one!.runs.reportedLost).toBeGreaterThan(0);
    expect(one!.runs.present + one!.runs.reportedLost).toBe(one!.runs.acked);
    expect(one!.projectionsDifferingFromRebuild).toEqual([]);
  });

  it('restoring all six: the platform is the backup again, every later command present or named lost, none doubled', () => {
    const all = result.rounds[1]!;
    expect(all.report.services.map((s) => s.app).sort()).toEqual(['audit', 'auth', 'ingestion', 'processing', 'reporting', 'workflows']);
    expect({ ...all.verdict.total, details: all.verdict.details }).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    const users = all.report.services.find((s) => s.app === 'auth')!;
    expect(users.lostEvents.map((e) => e.type)).toContain('auth.user.registered');
    expect(all.verdict.byPhase.get('before backup')?.reportedLost).toBe(0);
    expect(all.verdict.byPhase.get(`after ${result.rounds[0]!.name}`)?.reportedLost).toBeGreaterThan(0);
    expect(all.afterRestoreAcked).toBeGreaterThan(0);
    expect(all.runs).toMatchObject({ lost: [], strangers: [] });
    expect(all.runs.present + all.runs.reportedLost).toBe(all.runs.acked);
    // Report runs after the backup live in reporting: gone with its store, and named.
    expect(all.report.services.find((s) => s.app === 'reporting')!.lostEvents.length).toBeGreaterThan(0);
    expect(all.projectionsDifferingFromRebuild).toEqual([]);
  });
});
