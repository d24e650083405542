import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// Docs that point at nothing rot silently: every relative link in the README, docs/ and the
// benchmark page must lead to a file (and heading) that exists, every path a page names in
// backticks must exist, and every decision record must be in the ADR index.
const root = path.resolve(__dirname, '../..');

function markdownUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return markdownUnder(rel);
    return rel.endsWith('.md') ? [rel] : [];
  });
}

const pages = ['README.md', 'bench/README.md', ...markdownUnder('docs')];

// Text outside fenced code blocks, with line numbers kept.
function proseLines(file: string): { line: number; text: string }[] {
  let fenced = false;
  return readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      if (/^\s*```/.test(text)) {
        fenced = !fenced;
        return [];
      }
      return fenced ? [] : [{ line: i + 1, text }];
    });
}

// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered.
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const { text } of proseLines(file)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!heading) continue;
    const base = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

type Link = { page: string; line: number; target: string };

function relativeLinks(page: string): Link[] {
  return proseLines(page).flatMap(({ line, text }) =>
    [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
      .map((target) => ({ page, line, target })),
  );
}

function problemOf({ page, target }: Link): string | null {
  const [file = '', anchor] = target.split('#');
  const resolved = file === '' ? page : path.normalize(path.join(path.dirname(page), decodeURIComponent(file)));
  if (resolved.startsWith('..')) return 'leaves the repository';
  if (!existsSync(path.join(root, resolved))) return `${resolved} does not exist`;
  if (anchor === undefined) return null;
  if (!resolved.endsWith('.md')) return `#${anchor} on a file that is not markdown`;
  return anchorsOf(resolved).has(anchor) ? null : `${resolved} has no heading #${anchor}`;
}

// Repository paths written as code (`libs/domain/src/access-rule.ts`); placeholders such as
// `apps/<app>/src` or `apps/*/README.md` are patterns, not paths. Decision records keep the
// paths of their time, so they are left out.
function namedPaths(page: string): Link[] {
  return proseLines(page).flatMap(({ line, text }) =>
    [...text.matchAll(/`((?:apps|libs|scripts|test|deploy|bench|docs|examples)\/[^`\s]*)`/g)]
      .map((m) => m[1]!)
      .filter((p) => !/[<>*…{}]/.test(p))
      .map((target) => ({ page, line, target })),
  );
}

const where = (l: Link) => `${l.page}:${l.line} ${l.target}`;

describe('documentation links', () => {
  it('finds the pages it checks', () => {
    expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/adr/README.md']));
  });

  it.each(pages)('%s: every relative link leads to a file or heading that exists', (page) => {
    const broken = relativeLinks(page).flatMap((link) => {
      const problem = problemOf(link);
      return problem ? [`${where(link)}: ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it.each(pages.filter((p) => !p.startsWith('docs/adr/')))('%s: every repository path it names exists', (page) => {
    const missing = namedPaths(page)
      .filter((named) => !existsSync(path.join(root, named.target.split('#')[0]!)))
      .map(where);
    expect(missing).toEqual([]);
  });

  it('lists every decision record in the ADR index', () => {
    const records = readdirSync(path.join(root, 'docs/adr')).filter((name) => /^\d{4}-.*\.md$/.test(name));
    const listed = new Set(relativeLinks('docs/adr/README.md').map((link) => link.target));
    expect(records.filter((record) => !listed.has(record))).toEqual([]);
  });

  it('keeps the README an entry point: at most 250 lines', () => {
    expect(readFileSync(path.join(root, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(250);
  });
});
