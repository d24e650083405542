// Framework-free building blocks for domain code: no NestJS, no database, no Kafka.
export * from './domain-error';
export * from './ownership';
export * from './access-rule';
export * from './decider';
export * from './backoff';
export * from './redact';
export * from './schedule/schedule';
