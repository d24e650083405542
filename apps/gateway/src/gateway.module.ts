import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings, LiveSettings } from '@mindhill/messaging';
import { HealthController, MetricsController } from '@mindhill/platform';
import { RevocationKafkaController, REVOCATIONS } from './identity/revocation.kafka-controller';
import { RevocationList } from './identity/revocation-list';
import { LIVE_SETTINGS, LiveSettingsFollower } from './security/live-settings.follower';

// The gateway's Nest side: probes and metrics. The API routes are plain Fastify routes
// (see routing/proxy.routes.ts) so forwarding stays on the fast path.
@Module({})
export class GatewayModule {
  static forRoot(kafka: KafkaClient, kafkaSettings: KafkaSettings, revocations: RevocationList, liveSettings: LiveSettings): DynamicModule {
    return {
      module: GatewayModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController, RevocationKafkaController],
      providers: [
        ...backboneProviders({ service: 'gateway', kafka, kafkaSettings }),
        { provide: REVOCATIONS, useValue: revocations },
        { provide: LIVE_SETTINGS, useValue: liveSettings },
        LiveSettingsFollower,
      ],
    };
  }
}
