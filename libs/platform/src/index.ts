// Framework-free pieces (DomainError, the access rule) live in @mindhill/domain; re-exported here
// so interface and infrastructure code has one import. Domain folders import @mindhill/domain.
export * from '@mindhill/domain';
export * from './config/load-config';
export * from './logging/logger';
export * from './logging/nest-logger';
export * from './logging/log-redaction';
export * from './context/request-context';
export * from './errors/http-exception.filter';
export * from './http/zod-validation.pipe';
export * from './http/answer.decorator';
export * from './metrics/metrics.registry';
export * from './metrics/metrics.controller';
export * from './health/readiness';
export * from './health/health.controller';
export * from './health/liveness';
export * from './bootstrap/http-context.hook';
export * from './bootstrap/bootstrap-service';
export * from './http/uuid';
export * from './outbound';
export * from './http/string-guard';
export * from './mail';
