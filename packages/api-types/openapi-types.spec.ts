import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../..');
const DOCUMENT = path.join(root, 'apps/gateway/src/openapi/openapi.json');
const TYPES = path.join(root, 'packages/api-types/openapi.d.ts');

// openapi-typescript's parser is ESM-only, which Jest cannot load: the generator runs as npm run
// openapi runs it, in a process of its own.
const generate = async (documentFile: string) =>
  (
    await promisify(execFile)(process.execPath, ['scripts/run.js', 'scripts/openapi/api-types', documentFile], {
      cwd: root,
      maxBuffer: 64 << 20,
    })
  ).stdout;

describe('the client types (CLI and console)', () => {
  it('are what npm run openapi generates from the committed OpenAPI document (never edited by hand), and change with it', async () => {
    const document = JSON.parse(readFileSync(DOCUMENT, 'utf8')) as { paths: Record<string, unknown> };
    const changed = path.join(mkdtempSync(path.join(tmpdir(), 'api-types-')), 'openapi.json');
    writeFileSync(
      changed,
      JSON.stringify({
        ...document,
        paths: { ...document.paths, '/api/v1/ghosts': { get: { responses: { 200: { description: 'x' } } } } },
      }),
    );
    const [current, other] = await Promise.all([generate(DOCUMENT), generate(changed)]);
    expect(readFileSync(TYPES, 'utf8')).toBe(current);
    expect(other).not.toBe(current);
    expect(other).toContain('"/api/v1/ghosts"');
  }, 60_000);
});
