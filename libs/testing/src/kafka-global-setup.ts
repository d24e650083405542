import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Jest global setup for suites that need a broker: use KAFKA_BROKERS when given, otherwise start
// the project's own broker (idempotent; a no-op when it already runs) and note whether this run
// started it, so the teardown only stops what it started.
export default async function kafkaGlobalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  const script = path.resolve(__dirname, '../../../deploy/local/kafka.sh');
  const port = process.env.KAFKA_PORT ?? '9092';
  let wasRunning = true;
  try {
    execFileSync('bash', [script, 'status'], { stdio: 'ignore' });
  } catch {
    wasRunning = false;
  }
  if (!wasRunning) execFileSync('bash', [script, 'start'], { stdio: 'inherit' });
  process.env.KAFKA_BROKERS = `127.0.0.1:${port}`;
  process.env.MINDHILL_TEST_STARTED_KAFKA = wasRunning ? '' : '1';
}
