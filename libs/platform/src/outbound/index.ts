export * from './address-policy';
export * from './guarded-fetch';
export * from './outbound-config';
