export * from './backup-set';
export * from './projection-tables';
