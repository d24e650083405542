import { spawnSync, execFileSync } from 'node:child_process';
import path from 'node:path';
import { kafkaAnswers } from '@mindhill/messaging';

// Jest global setup for suites that need a broker: KAFKA_BROKERS when given; otherwise a broker
// already answering on 127.0.0.1:$KAFKA_PORT (e.g. one `npm start` runs); otherwise the
// project's own broker, started here and stopped by the teardown. Only a broker this run
// really launched is stopped: never one that was running (maybe busy) when the run began.
export default async function kafkaGlobalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  const address = `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`;
  process.env.KAFKA_BROKERS = address;
  if (await kafkaAnswers([address], 10_000)) return;
  const script = path.resolve(__dirname, '../../../deploy/local/kafka.sh');
  // kafka.sh status: 0 ready, 1 running but not ready, 3 stopped.
  const wasStopped = spawnSync('bash', [script, 'status'], { stdio: 'ignore' }).status === 3;
  execFileSync('bash', [script, 'start'], { stdio: 'inherit' });
  if (wasStopped) process.env.MINDHILL_TEST_STARTED_KAFKA = '1';
}
