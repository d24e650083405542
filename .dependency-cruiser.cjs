// Layer rules (style.md "Layout"), checked on the resolved import graph by `npm run lint`.
// test/architecture/layering.spec.ts proves each rule fails on a deliberate violation.
const FRAMEWORK = 'node_modules/(@nestjs|@mikro-orm|kafkajs|fastify|@fastify|pg|ioredis|undici|nodemailer|argon2|prom-client|pino)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order and module boundaries accidental (type-only imports vanish at build).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'app-not-to-other-app',
      severity: 'error',
      comment: "Services talk through Kafka events and the gateway, never through each other's code.",
      from: { path: '^apps/([^/]+)/', pathNot: ['/test/', '\\.(int-)?spec\\.ts$'] },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'package-not-to-service-code',
      severity: 'error',
      comment: 'The CLI (and any client package) speaks to the platform through its public API only, typed from the OpenAPI document.',
      from: { path: '^packages/' },
      to: { path: '^(apps|libs)/' },
    },
    {
      name: 'lib-not-to-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'kafkajs-only-in-messaging',
      severity: 'error',
      comment: 'libs/messaging owns the producer, consumers, retries and dead letters.',
      from: { pathNot: ['^libs/(messaging|testing)/', '^test/', '/test/', '\\.(int-)?spec\\.ts$', '^bench/'] },
      to: { path: 'node_modules/kafkajs/' },
    },
    {
      name: 'contracts-only-zod',
      severity: 'error',
      comment: 'Contracts are versioned data shared by every service: schemas and names, nothing that runs.',
      from: { path: '^libs/contracts/' },
      to: { pathNot: ['^libs/contracts/', 'node_modules/zod/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-lib-pure',
      severity: 'error',
      comment:
        'libs/domain is what domain folders may use: contracts and itself only, plus pure libraries without I/O (zod; cron-parser for the schedule rules workflows and reporting share).',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['^libs/(domain|contracts)/', 'node_modules/(zod|cron-parser)/'] },
    },
    {
      name: 'domain-without-side-effects',
      severity: 'error',
      comment: 'Decisions are plain functions: no framework, database, broker, network or platform barrel.',
      from: { path: '/domain/', pathNot: '\\.spec\\.ts$' },
      to: { path: [FRAMEWORK, '^libs/(platform|persistence|messaging|testing)/', '/(application|infrastructure|interface)/'] },
    },
    {
      name: 'application-not-to-interface',
      severity: 'error',
      comment: 'interface → application → domain: a use case does not know which controller calls it.',
      from: { path: '/application/' },
      to: { path: '/interface/' },
    },
    {
      name: 'infrastructure-not-to-interface',
      severity: 'error',
      from: { path: '/infrastructure/' },
      to: { path: '/interface/' },
    },
    {
      name: 'production-not-to-tests',
      severity: 'error',
      from: { pathNot: ['\\.(int-)?spec\\.ts$', '^test/', '/test/', '^libs/testing/', '^bench/'] },
      to: { path: ['\\.(int-)?spec\\.ts$', '^test/', '/test/', '^libs/testing/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules stays in the graph (doNotFollow keeps the cruise out of it): the rules about
    // npm imports (frameworks in domain, kafkajs outside messaging) need to see those edges.
    exclude: { path: ['^dist/', '^\\.local/', '/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
