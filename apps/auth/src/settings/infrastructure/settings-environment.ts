// The environment this process runs in (NODE_ENV): the one whose settings apply here.
export const SETTINGS_ENVIRONMENT = Symbol('SETTINGS_ENVIRONMENT');
