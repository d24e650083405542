// Integration tests start services and wait for Kafka delivery: give each test a minute.
jest.setTimeout(60_000);
// Quiet unless asked (TEST_LOG_LEVEL=info npm test): failures are reported by assertions.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
