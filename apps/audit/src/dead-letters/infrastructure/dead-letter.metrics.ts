import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Gauge } from 'prom-client';
import { PLATFORM_SERVICES } from '@mindhill/contracts';
import { metricsRegistry } from '@mindhill/platform';
import { pendingByService } from './dead-letter.read-model';

// dead_letter_pending_messages: what no one has replayed or discarded yet, by consuming service.
@Injectable()
export class DeadLetterMetrics {
  constructor(orm: MikroORM) {
    metricsRegistry.removeSingleMetric('dead_letter_pending_messages');
    new Gauge({
      name: 'dead_letter_pending_messages',
      help: 'Dead-lettered messages no one has replayed or discarded yet, by consuming service',
      labelNames: ['consumer_service'],
      registers: [metricsRegistry],
      async collect() {
        // A database outage must not break /metrics: the gauge keeps its last values.
        const pending = await pendingByService(orm.em.fork()).catch(() => null);
        if (!pending) return;
        for (const s of PLATFORM_SERVICES) this.set({ consumer_service: s }, pending.get(s) ?? 0);
      },
    });
  }
}
