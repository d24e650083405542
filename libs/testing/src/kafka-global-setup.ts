import { spawnSync, execFileSync } from 'node:child_process';
import path from 'node:path';
// The file, not the @mindhill/messaging barrel: the barrel loads MikroORM, and whatever the global
// setup loads stays on the runner's global object, which Jest copies into every test file's
// context. With --runInBand the files then share MikroORM's metadata storage (`mikro-orm-metadata`)
// across realms, and the second file's entity discovery fails ("Map.prototype.set called on
// incompatible receiver").
import { kafkaAnswers } from '../../messaging/src/topic-tools';

// Jest global setup for suites that need a broker: KAFKA_BROKERS when given; otherwise a broker
// already answering on 127.0.0.1:$KAFKA_PORT (e.g. one `npm start` runs); otherwise the
// project's own broker, started here and stopped by the teardown. Only a broker this run
// really launched is stopped: never one that was running (maybe busy) when the run began.
export default async function kafkaGlobalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return assertNoOrmLoaded();
  const address = `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`;
  process.env.KAFKA_BROKERS = address;
  if (await kafkaAnswers([address], 10_000)) return assertNoOrmLoaded();
  const script = path.resolve(__dirname, '../../../deploy/local/kafka.sh');
  // kafka.sh status: 0 ready, 1 running but not ready, 3 stopped.
  const wasStopped = spawnSync('bash', [script, 'status'], { stdio: 'ignore' }).status === 3;
  execFileSync('bash', [script, 'start'], { stdio: 'inherit' });
  if (wasStopped) process.env.MINDHILL_TEST_STARTED_KAFKA = '1';
  assertNoOrmLoaded();
}

function assertNoOrmLoaded(): void {
  if ('mikro-orm-metadata' in globalThis)
    throw new Error('The Jest global setup loaded MikroORM: import single files, not a barrel that reaches @mikro-orm.');
}
