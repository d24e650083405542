import { Admin, Kafka } from 'kafkajs';
import { ReadinessCheck } from '@mindhill/platform';

// Kafka is ready when the broker answers a metadata request on a kept-open admin connection.
export function kafkaReadinessCheck(kafka: Kafka): ReadinessCheck & { close(): Promise<void> } {
  let admin: Admin | undefined;
  return {
    name: 'kafka',
    async check() {
      try {
        if (!admin) {
          admin = kafka.admin();
          await admin.connect();
        }
        const cluster = await admin.describeCluster();
        return { ok: cluster.brokers.length > 0, details: { brokers: cluster.brokers.length } };
      } catch (error) {
        const stale = admin;
        admin = undefined;
        await stale?.disconnect().catch(() => undefined);
        return { ok: false, details: { message: (error as Error).message } };
      }
    },
    async close() {
      await admin?.disconnect().catch(() => undefined);
    },
  };
}
