import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// The layer rules of .dependency-cruiser.cjs (what `npm run lint` checks), run through
// dependency-cruiser on the real tree, and on a small fixture tree that breaks each rule once so
// a rule that stops firing (a wrong regex, an over-wide exclude) fails here.
type Violation = { rule: string; from: string; to: string };

const root = path.resolve(__dirname, '../..');
const config = path.join(root, '.dependency-cruiser.cjs');

async function violationsIn(cwd: string, folders: string[]): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'cruise.mjs'), config, ...folders], {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Violation[];
}

// Each file is named for what it does; `// breaks:` lists the rules it must trip.
const FIXTURE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { baseUrl: '.', paths: { '@mindhill/*': ['libs/*/src'] } },
    include: ['apps', 'libs', 'packages'],
  }),
  'libs/contracts/src/index.ts': "import { z } from 'zod';\nexport const orderPlaced = z.object({ id: z.string() });\n",
  'libs/contracts/src/order-store.ts': "// breaks: contracts-only-zod\nimport { Pool } from 'pg';\nexport const pool = Pool;\n",
  'libs/contracts/src/order-logger.ts':
    "// breaks: contracts-only-zod\nimport { platformName } from '../../platform/src';\nexport const name = platformName;\n",
  'libs/domain/src/index.ts': "import { orderPlaced } from '../../contracts/src';\nexport const domainError = orderPlaced;\n",
  'libs/domain/src/uses-persistence.ts':
    "// breaks: domain-lib-pure, domain-without-side-effects\nimport { table } from '@mindhill/persistence';\nexport const t = table;\n",
  'libs/persistence/src/index.ts': "export const table = 'stored_event';\n",
  'libs/platform/src/index.ts': "import { Injectable } from '@nestjs/common';\nexport const platformName = String(Injectable);\n",
  'libs/platform/src/reaches-app.ts':
    "// breaks: lib-not-to-app\nimport { billing } from '../../../apps/billing/src/billing.module';\nexport const b = billing;\n",
  'packages/cli/src/main.ts':
    "// breaks: package-not-to-service-code\nimport { billing } from '../../../apps/billing/src/billing.module';\nexport const cli = billing;\n",
  'apps/shop/src/main.ts':
    "// breaks: app-not-to-other-app\nimport { billing } from '../../billing/src/billing.module';\nexport const main = billing;\n",
  'apps/shop/src/orders/domain/order-state.ts':
    "import { z } from 'zod';\nimport { domainError } from '@mindhill/domain';\nimport { orderPlaced } from '@mindhill/contracts';\nexport const state = [z, domainError, orderPlaced];\n",
  'apps/shop/src/orders/domain/order.decider.ts':
    "// breaks: domain-without-side-effects\nimport { Injectable } from '@nestjs/common';\nexport const decider = Injectable;\n",
  'apps/shop/src/orders/domain/order-rules.ts':
    "// breaks: domain-without-side-effects\nimport { platformName } from '@mindhill/platform';\nexport const rules = platformName;\n",
  'apps/shop/src/orders/application/cancel-order/cancel-order.handler.ts':
    "import { state } from '../../domain/order-state';\nexport const cancel = state;\n",
  'apps/shop/src/orders/application/place-order/place-order.handler.ts':
    "// breaks: application-not-to-interface\nimport { controller } from '../../interface/orders.http-controller';\nexport const place = controller;\n",
  'apps/shop/src/orders/interface/orders.http-controller.ts':
    "import { cancel } from '../application/cancel-order/cancel-order.handler';\nexport const controller = cancel;\n",
  'apps/shop/src/orders/infrastructure/order.projector.ts':
    "// breaks: infrastructure-not-to-interface\nimport { controller } from '../interface/orders.http-controller';\nexport const projector = controller;\n",
  'apps/shop/test/orders.int-spec.ts': "import { billing } from '../../billing/src/billing.module';\nexport const fixture = billing;\n",
  'apps/billing/src/billing.module.ts':
    "// breaks: production-not-to-tests\nimport { fixtures } from '../test/billing-fixtures';\nexport const billing = fixtures;\n",
  'apps/billing/test/billing-fixtures.ts': 'export const fixtures = [];\n',
  'apps/billing/src/billing.publisher.ts':
    "// breaks: kafkajs-only-in-messaging\nimport { Kafka } from 'kafkajs';\nexport const publisher = Kafka;\n",
  'apps/billing/src/invoices/invoice.ts':
    "// breaks: no-circular\nimport { payment } from '../payments/payment';\nexport const invoice = () => payment();\n",
  'apps/billing/src/payments/payment.ts':
    "// the other half of the cycle (reported once)\nimport { invoice } from '../invoices/invoice';\nexport const payment = () => invoice;\n",
};

const expectedBreaks = Object.entries(FIXTURE).flatMap(([file, text]) =>
  (/^\/\/ breaks: (.+)$/m.exec(text)?.[1] ?? '')
    .split(', ')
    .filter(Boolean)
    .map((rule) => ({ rule, from: file })),
);

describe('layer rules (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  let fixtureDir: string;
  let fixtureViolations: Violation[];

  beforeAll(async () => {
    fixtureDir = mkdtempSync(path.join(tmpdir(), 'mindhill-layers-'));
    for (const [file, text] of Object.entries(FIXTURE)) {
      mkdirSync(path.dirname(path.join(fixtureDir, file)), { recursive: true });
      writeFileSync(path.join(fixtureDir, file), text);
    }
    // The fixture's npm imports resolve to the project's own packages.
    symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(fixtureDir, 'node_modules'));
    fixtureViolations = await violationsIn(fixtureDir, ['apps', 'libs', 'packages']);
  }, 60_000);
  afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }));

  it('finds no violation in the code', async () => {
    const violations = await violationsIn(root, ['apps', 'libs', 'packages', 'scripts', 'test', 'bench']);
    expect(violations.map((v) => `${v.rule}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it.each(expectedBreaks)('$rule fires on $from', ({ rule, from }) => {
    expect(fixtureViolations.filter((v) => v.from === from).map((v) => v.rule)).toContain(rule);
  });

  it('lets the allowed directions through (interface → application → domain, tests reaching other apps, domain → contracts)', () => {
    const unexpected = fixtureViolations.filter((v) => !expectedBreaks.some((e) => e.rule === v.rule && e.from === v.from));
    expect(unexpected).toEqual([]);
  });
});
