// Every app of the platform; each consuming app has a dead-letter topic of its own.
export const PLATFORM_SERVICES = ['gateway', 'auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];
