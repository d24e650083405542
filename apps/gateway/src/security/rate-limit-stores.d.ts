// @fastify/rate-limit ships its two stores as CommonJS files without types; edge-plugins.ts wraps
// them into one store shared by every route. Their constructors, as store/*.js define them.
declare module '@fastify/rate-limit/store/LocalStore' {
  import { FastifyRateLimitStore } from '@fastify/rate-limit';
  const LocalStore: new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => Pick<FastifyRateLimitStore, 'incr'>;
  export = LocalStore;
}

declare module '@fastify/rate-limit/store/RedisStore' {
  import { FastifyRateLimitStore } from '@fastify/rate-limit';
  import { Redis } from 'ioredis';
  const RedisStore: new (
    continueExceeding: boolean,
    exponentialBackoff: boolean,
    redis: Redis,
    key?: string,
  ) => Pick<FastifyRateLimitStore, 'incr'>;
  export = RedisStore;
}
