export * from './event-backbone.schema';
export * from './concurrency.error';
export * from './event-store';
export * from './inbox';
export * from './outbox.store';
export * from './orm-config';
export * from './ensure-database';
