export * from './eventually';
export * from './test-database';
export * from './test-env';
export * from './backbone-database';
export * from './error-code';
export * from './query-database';
export * from './due-jobs';
