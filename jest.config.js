// Two projects: `unit` (pure, beside the code, *.spec.ts) and `integration` (*.int-spec.ts,
// against the real PostgreSQL and Kafka; the broker is started by the global setup if needed).
const swc = ['@swc/jest', { swcrc: true }];
const moduleNameMapper = {
  '^@mindhill/testing/(.*)$': '<rootDir>/libs/testing/src/$1',
  '^@mindhill/([^/]*)$': '<rootDir>/libs/$1/src',
};
// Build output (dist/, the private builds of scripts/run.js under .local/) is not crawled: those
// folders come and go while tests run.
const modulePathIgnorePatterns = ['<rootDir>/dist/', '<rootDir>/\\.local/'];
const common = { rootDir: __dirname, transform: { '^.+\\.ts$': swc }, moduleNameMapper, modulePathIgnorePatterns, testEnvironment: 'node' };

module.exports = {
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,packages,test}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,packages,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/kafka-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/kafka-global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-setup.ts'],
      slowTestThreshold: 20,
    },
  ],
};
