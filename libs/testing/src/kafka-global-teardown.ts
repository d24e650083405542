import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default async function kafkaGlobalTeardown(): Promise<void> {
  if (process.env.MINDHILL_TEST_STARTED_KAFKA !== '1' || process.env.KEEP_KAFKA === '1') return;
  execFileSync('bash', [path.resolve(__dirname, '../../../deploy/local/kafka.sh'), 'stop'], { stdio: 'inherit' });
}
