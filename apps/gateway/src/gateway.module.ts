import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings, LiveSettings, liveSettingsProviders, ServiceBackbone } from '@mindhill/messaging';
import { HealthController, MetricsController, READINESS_CHECKS, ReadinessCheck } from '@mindhill/platform';
import { AccessWatermarksKafkaController, WATERMARKS } from './identity/access-watermarks.kafka-controller';
import { AccessWatermarks } from './identity/access-watermarks';
import { JwksKeyStore } from './identity/jwks-key-store';
import { RevocationKafkaController, REVOCATIONS } from './identity/revocation.kafka-controller';
import { RevocationList } from './identity/revocation-list';
import { KEY_STORE, SigningKeysKafkaController } from './identity/signing-keys.kafka-controller';
import { RunEventsFeed } from './live-events/run-events.feed';

// The gateway's Nest side: probes and metrics. The API routes are plain Fastify routes
// (see routing/proxy.routes.ts) so forwarding stays on the fast path.
@Module({})
export class GatewayModule {
  static forRoot(
    kafka: KafkaClient,
    kafkaSettings: KafkaSettings,
    revocations: RevocationList,
    watermarks: AccessWatermarks,
    liveSettings: LiveSettings,
    keys: JwksKeyStore,
    runEventsFeed: RunEventsFeed,
  ): DynamicModule {
    return {
      module: GatewayModule,
      imports: [TerminusModule],
      controllers: [
        HealthController,
        MetricsController,
        RevocationKafkaController,
        AccessWatermarksKafkaController,
        SigningKeysKafkaController,
      ],
      providers: [
        ...backboneProviders({ service: 'gateway', kafka, kafkaSettings }),
        // Not ready until auth's signing keys are loaded: before that no token can be checked.
        {
          provide: READINESS_CHECKS,
          inject: [ServiceBackbone],
          useFactory: (b: ServiceBackbone) => [...b.readinessChecks(), signingKeysCheck(keys)],
        },
        { provide: REVOCATIONS, useValue: revocations },
        { provide: WATERMARKS, useValue: watermarks },
        { provide: KEY_STORE, useValue: keys },
        // Live run events: follows the run events once the topics exist, stops with the app.
        {
          provide: RunEventsFeed,
          inject: [ServiceBackbone],
          useFactory: (b: ServiceBackbone) => runEventsFeed.afterTopics(() => b.topicsReady()),
        },
        ...liveSettingsProviders('gateway', liveSettings),
      ],
    };
  }
}

function signingKeysCheck(keys: JwksKeyStore): ReadinessCheck {
  return { name: 'signing-keys', check: async () => ({ ok: keys.loaded, details: { keys: keys.keyIds.length } }) };
}
