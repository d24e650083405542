export * from './envelope';
export * from './define-event';
export * from './registry';
export * from './auth/user.events';
