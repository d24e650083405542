export * from './backup-set';
export * from './projection-tables';
export * from './database-health';
export * from './set-encryption';
