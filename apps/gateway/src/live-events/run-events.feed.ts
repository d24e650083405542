import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EXECUTION_TOPIC, eventRegistry } from '@mindhill/contracts';
import { EventConsumer, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { getLogger } from '@mindhill/platform';
import { LiveRunEvents } from './live-run-events';

const logger = getLogger('run-events-feed');

// The live side of the run event streams: every gateway replica reads every run event (a group of
// its own per process, as for revocations), from the newest, since what came before is read from
// the workflows service's event store. An event this feed misses (before it joined, or a
// rebalance) is found by the stream's next history read. Started by the Nest app's bootstrap,
// once the topics exist (the backbone creates them; Nest does not order bootstrap hooks).
export class RunEventsFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;
  private topicsReady: () => Promise<void> = async () => undefined;

  constructor(kafka: KafkaClient, settings: KafkaSettings, topicPrefix: string, hub: LiveRunEvents) {
    this.consumer = new EventConsumer(kafka, settings, {
      group: `${topicPrefix}gateway.run-events.${hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`,
      service: 'gateway',
      topics: [EXECUTION_TOPIC],
      registry: eventRegistry,
      batchMode: true,
      fromBeginning: false,
      // No open stream here: nothing to decode (parsing and checking every run event cost the
      // gateway ~8 ms of CPU per execution in the executions benchmark). A stream subscribes
      // before its history read, so what it needs is never among what was passed over.
      accepts: () => hub.hasListeners,
      handle: async (events) => {
        for (const e of events) {
          const payload = e.payload as { executionId?: unknown; workflowId?: unknown };
          if (typeof payload.executionId !== 'string' || typeof payload.workflowId !== 'string') continue;
          try {
            hub.dispatch({
              cursor: String(e.aggregateVersion),
              type: e.type,
              executionId: payload.executionId,
              workflowId: payload.workflowId,
              occurredAt: e.occurredAt,
              payload: e.payload as Record<string, unknown>,
            });
          } catch (error) {
            logger.warn({ err: error, eventId: e.eventId }, 'Run event not dispatched');
          }
        }
      },
    });
  }

  afterTopics(ready: () => Promise<void>): this {
    this.topicsReady = ready;
    return this;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.topicsReady();
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
