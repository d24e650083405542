import { FastifyInstance } from 'fastify';
import { DirectPublisher, kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { TokenVerifier } from './identity/token-verifier';
import { registerProxyRoutes } from './routing/proxy.routes';
import { registerEdgePlugins } from './security/edge-plugins';

export function gatewayService(config: GatewayConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('gateway', config);
  const verifier = new TokenVerifier(config.JWT_SECRET);
  const security = new DirectPublisher(kafka, kafkaSettings, 'gateway');
  return {
    service: 'gateway',
    module: GatewayModule.forRoot(kafka, kafkaSettings),
    port: config.GATEWAY_PORT,
    host: config.GATEWAY_HOST,
    logLevel: config.LOG_LEVEL,
    bodyLimitBytes: config.GATEWAY_BODY_LIMIT_BYTES,
    trustedProxies: config.GATEWAY_TRUSTED_PROXIES,
    configure: async (app) => {
      const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
      const edge = await registerEdgePlugins(fastify, config);
      await registerProxyRoutes(fastify, config, verifier, security);
      fastify.addHook('onClose', async () => {
        await security.stop();
        await edge.close();
      });
    },
  };
}
