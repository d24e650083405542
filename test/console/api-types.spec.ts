import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

// The console's client types are generated from the committed OpenAPI document (`npm run
// console:api`): a route or schema changed there without regenerating them fails here. The CLI
// runs in a process of its own (the package is ESM inside; Jest here is CommonJS).
describe("the console's generated API types", () => {
  it('are what openapi-typescript writes for the current openapi.json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'console-api-'));
    try {
      const out = path.join(dir, 'schema.d.ts');
      const cli = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');
      execFileSync(process.execPath, [cli, path.join(ROOT, 'apps/gateway/src/openapi/openapi.json'), '-o', out], { stdio: 'pipe' });
      expect(readFileSync(path.join(ROOT, 'apps/console/src/api/schema.d.ts'), 'utf8')).toBe(readFileSync(out, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
