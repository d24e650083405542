import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';

const SAMPLES = 200;

// Measures, never asserts: login latency for an unknown e-mail against a wrong password, 200
// alternating samples each through the gateway, after a warm-up. Both paths are meant to cost
// one argon2 verification and one event append, so the figures should be close.
describe('login timing (prints figures only)', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth'],
      env: authTestEnv({ GATEWAY_LOGIN_RATE_PER_MINUTE: '100000', AUTH_LOCKOUT_THRESHOLD: '100' }),
    });
    await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, {
      body: { email: 'timed@example.com', password: 'the timed passphrase 1' },
    });
  });
  afterAll(() => platform?.close());

  it('prints median and p90 for unknown e-mail vs wrong password', async () => {
    const once = async (email: string) => {
      const start = process.hrtime.bigint();
      const res = await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email, password: 'not the right passphrase' } });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      expect(res.status).toBe(401);
      return ms;
    };
    for (let i = 0; i < 10; i++) {
      await once(`warm${i}@example.com`);
      await once('timed@example.com');
    }
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      unknown.push(await once(`nobody${i}@example.com`));
      wrong.push(await once('timed@example.com'));
    }
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
      return { median: at(0.5).toFixed(1), p90: at(0.9).toFixed(1) };
    };
    const u = stats(unknown);
    const w = stats(wrong);
    process.stdout.write(
      `login timing over ${SAMPLES} alternating samples (ms): unknown e-mail median ${u.median} p90 ${u.p90}; wrong password median ${w.median} p90 ${w.p90}; median ratio ${(Number(w.median) / Number(u.median)).toFixed(3)}\n`,
    );
    // 2 × 200 argon2 verifications: slow when other test files share the machine.
  }, 300_000);
});
