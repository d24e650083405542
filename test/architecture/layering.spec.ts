import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The layer rules of style.md, checked on every import in the code.
const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.spec.ts') && !full.endsWith('.int-spec.ts') ? [full] : [];
  });
}

const files = [...sourceFiles(path.join(root, 'apps')), ...sourceFiles(path.join(root, 'libs'))].filter(
  (f) => !f.includes(`${path.sep}test${path.sep}`),
);
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]!);
const rel = (file: string) => path.relative(root, file);

describe('layering', () => {
  it('keeps every kafkajs import inside libs/messaging', () => {
    const offenders = files.filter((f) => !rel(f).startsWith('libs/messaging/') && importsOf(f).includes('kafkajs'));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('never lets an app import another app', () => {
    const offenders = files
      .filter((f) => rel(f).startsWith('apps/'))
      .flatMap((f) => {
        const app = rel(f).split('/')[1];
        return importsOf(f)
          .filter((i) => i.startsWith('.') && !path.resolve(path.dirname(f), i).startsWith(path.join(root, 'apps', app!)))
          .map((i) => `${rel(f)} -> ${i}`);
      });
    expect(offenders).toEqual([]);
  });

  it('never lets a lib import an app', () => {
    const offenders = files
      .filter((f) => rel(f).startsWith('libs/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => i.startsWith('.') && path.resolve(path.dirname(f), i).startsWith(path.join(root, 'apps')))
          .map((i) => `${rel(f)} -> ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps domain folders free of framework code', () => {
    const forbidden = ['@nestjs/', '@mikro-orm/', 'kafkajs', 'fastify', 'pg'];
    const offenders = files
      .filter((f) => rel(f).includes('/domain/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => forbidden.some((p) => i === p || i.startsWith(p)))
          .map((i) => `${rel(f)} -> ${i}`),
      );
    expect(offenders).toEqual([]);
  });
});
