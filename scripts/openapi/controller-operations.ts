import { readdirSync } from 'node:fs';
import path from 'node:path';
import { RequestMethod, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, MODULE_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { z } from 'zod';
import { RETENTION_APPLIED, RetentionService } from '@mindhill/contracts';
import { jobRetentionModule } from '@mindhill/messaging';
import { answerSchemaOf, ZodValidationPipe } from '@mindhill/platform';
import { OperationFacts } from '../../apps/gateway/src/openapi/operation-facts';
import { ErrorCodeScanner } from './error-codes';

type ArgMetadata = { index: number; data?: unknown; pipes?: unknown[] };

// Every HTTP controller of the services: the *.http-controller.ts files under apps/, found by
// name so a new one is never forgotten, and the job-queue retention routes of libs/messaging.
export type ServiceController = { controller: Type; file: string };

export function serviceControllers(repoRoot: string): ServiceController[] {
  const files = readdirSync(path.join(repoRoot, 'apps'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.http-controller.ts'))
    .sort();
  const controllers: ServiceController[] = [];
  for (const file of files) {
    // Found at run time on purpose; from the folder this code runs in (the sources under jest,
    // a private build under run.js).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.resolve(__dirname, '../../apps', file.replace(/\.ts$/, ''))) as Record<string, unknown>;
    const source = path.join(repoRoot, 'apps', file);
    controllers.push(
      ...Object.values(exported)
        .filter(isController)
        .map((controller) => ({ controller, file: source })),
    );
  }
  for (const service of Object.keys(RETENTION_APPLIED) as RetentionService[]) {
    const module = jobRetentionModule(service).module;
    const file = path.join(repoRoot, 'libs/messaging/src/job-retention.module.ts');
    for (const controller of (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type[])
      controllers.push({ controller, file });
  }
  return controllers;
}

const isController = (value: unknown): value is Type => typeof value === 'function' && Reflect.hasMetadata(PATH_METADATA, value);

const join = (...parts: string[]) =>
  `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

// The routes a controller serves, as Nest registers them, with the schemas of their pipes and
// answer (@Answer) and the domain error codes their code can throw.
export function controllerOperations({ controller, file }: ServiceController, scanner: ErrorCodeScanner): OperationFacts[] {
  const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat();
  const out: OperationFacts[] = [];
  for (const handler of Object.getOwnPropertyNames(controller.prototype)) {
    const fn = (controller.prototype as Record<string, unknown>)[handler];
    if (typeof fn !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, fn)) continue;
    const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
    const paths = [Reflect.getMetadata(PATH_METADATA, fn) as string | string[]].flat();
    const successStatus = (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ?? (method === 'POST' ? 201 : 200);
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, ArgMetadata>;
    const facts: Omit<OperationFacts, 'method' | 'path'> = {
      handler: `${controller.name}.${handler}`,
      successStatus,
      params: {},
      validationCodes: [],
      answer: answerSchemaOf(fn),
      errorCodes: scanner.codesOf(file, controller.name, handler),
    };
    for (const [key, arg] of Object.entries(args)) {
      const type = Number(key.split(':')[0]) as RouteParamtypes;
      for (const pipe of arg.pipes ?? []) {
        if (!(pipe instanceof ZodValidationPipe)) continue;
        // The pipe keeps both private: read, then checked.
        const schema: unknown = Reflect.get(pipe, 'schema');
        const code: unknown = Reflect.get(pipe, 'code');
        if (!(schema instanceof z.ZodType) || typeof code !== 'string') throw new Error(`${controller.name}.${handler}: unreadable pipe`);
        facts.validationCodes.push(code, 'REQUEST.UNKNOWN_FIELDS');
        if (type === RouteParamtypes.BODY) facts.body = schema;
        else if (type === RouteParamtypes.QUERY) facts.query = schema;
        else if (type === RouteParamtypes.PARAM && typeof arg.data === 'string') facts.params[arg.data] = schema;
      }
    }
    facts.validationCodes = [...new Set(facts.validationCodes)];
    for (const prefix of prefixes) for (const p of paths) out.push({ method, path: join(prefix, p), ...facts });
  }
  return out;
}
