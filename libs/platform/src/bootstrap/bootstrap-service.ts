import 'reflect-metadata';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CustomTransportStrategy, MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError } from '../config/load-config';
import { HttpErrorFilter } from '../errors/http-exception.filter';
import { getLogger, initLogger } from '../logging/logger';
import { NestPinoLogger } from '../logging/nest-logger';
import { serveLivenessWithoutNest } from '../health/liveness';
import { initMetrics } from '../metrics/metrics.registry';
import { clientErrorReply, frameworkErrorReply, installStringGuard } from '../http/string-guard';
import { installHttpContext } from './http-context.hook';

// Fastify types frameworkErrors as a generic handler whose reply no typed code can call
// (status() takes a code derived from the route's schema); ours is typed by what it uses.
type AdapterOptions = Extract<NonNullable<ConstructorParameters<typeof FastifyAdapter>[0]>, { return503OnClosing?: boolean }>;
type FrameworkErrorHandler = NonNullable<AdapterOptions['frameworkErrors']>;

export type ServiceBootstrap = {
  service: string;
  module: Type<unknown> | DynamicModule;
  port: number;
  host: string;
  logLevel: string;
  internalToken?: string;
  // Exact paths served without the internal token besides probes and metrics (auth: its JWKS).
  publicPaths?: readonly string[];
  // METRICS_TOKEN: when set, /metrics needs it as a bearer credential.
  metricsToken?: string;
  bodyLimitBytes?: number;
  // false: Nest adds no body parsers of its own at init (the app installs its own in configure).
  nestBodyParsers?: boolean;
  // Addresses (IPs/CIDRs) whose X-Forwarded-For is believed; none by default, so a client cannot
  // choose the IP that ends up in the audit log.
  trustedProxies?: string[];
  // Kafka consumers of this app, as Nest custom transports.
  transports?: CustomTransportStrategy[];
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
};

export async function createServiceApp(options: ServiceBootstrap): Promise<NestFastifyApplication> {
  initLogger(options.service, options.logLevel);
  initMetrics(options.service);
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: options.trustedProxies?.length ? options.trustedProxies : false,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorReply as FrameworkErrorHandler,
    clientErrorHandler: clientErrorReply,
  });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: new NestPinoLogger(),
    bufferLogs: false,
    bodyParser: options.nestBodyParsers ?? true,
  });
  // After create, which mounts Nest's middleware runner: the request logger (Nest middleware)
  // then sees every request, also those these hooks answer themselves (401, 400).
  installHttpContext(adapter.getInstance(), {
    internalToken: options.internalToken,
    publicPaths: options.publicPaths,
    metricsToken: options.metricsToken,
  });
  installStringGuard(adapter.getInstance());
  serveLivenessWithoutNest(adapter.getInstance());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  for (const strategy of options.transports ?? []) {
    app.connectMicroservice<MicroserviceOptions>({ strategy }, { inheritAppConfig: true });
  }
  await options.configure?.(app);
  return app;
}

export async function startServiceApp(app: INestApplication, options: ServiceBootstrap): Promise<void> {
  // init first: module bootstrap creates the topics, which consumers need before subscribing.
  // HTTP listens before the consumers join their groups (which can take a session timeout after
  // a crash), so the API and the probes answer meanwhile; readiness reports the consumers.
  await app.init();
  await app.listen(options.port, options.host);
  await app.startAllMicroservices();
  getLogger('bootstrap').info({ port: options.port, host: options.host }, `${options.service} listening`);
}

// Entry point for an app's main.ts: config errors end the process with a readable message.
export async function runService(load: () => ServiceBootstrap | Promise<ServiceBootstrap>): Promise<void> {
  let options: ServiceBootstrap;
  try {
    options = await load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  try {
    const app = await createServiceApp(options);
    await startServiceApp(app, options);
  } catch (error) {
    getLogger('bootstrap').fatal({ err: error }, `${options.service} failed to start`);
    process.exit(1);
  }
}
