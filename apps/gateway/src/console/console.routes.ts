import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FastifyInstance, FastifyReply } from 'fastify';

// The web console's own CSP: its scripts, styles and fetches go to this origin only, with no
// inline code (the build emits none); Pico's icons are data: images. The global CSP
// (edge-plugins.ts) allows nothing, right for JSON, not for a page.
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// The console's client routes (apps/console/src/app.tsx): a reload or a link from a mail lands on
// one of these and gets index.html. Nothing else falls back, so /api/* keeps its JSON 404.
export const CONSOLE_PAGES = [
  '/',
  '/sign-in',
  '/reset-password',
  '/verify-email',
  '/workflows',
  '/workflows/*',
  '/executions/*',
  '/executions',
  '/data-sources',
  '/data-sources/*',
  '/contents',
  '/contents/*',
  '/processing-history',
  '/search',
  '/reports',
  '/reports/*',
  '/insights',
  '/admin/*',
  '/account',
] as const;

// Built files have content hashes in their names (Vite): cached for a year, never revalidated.
export const ASSET_CACHE = 'public, max-age=31536000, immutable';

// Serves the built console (apps/console/dist, `npm run build:console`): index.html for every
// client route, no-cache (so a new build is picked up at once), and /assets/* from the build.
export async function registerConsoleRoutes(app: FastifyInstance, distDir: string) {
  const indexFile = path.join(distDir, 'index.html');
  const sendIndex = async (reply: FastifyReply) => {
    const html = await readFile(indexFile).catch(() => null);
    if (html === null)
      return reply
        .status(503)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'GATEWAY.CONSOLE_NOT_BUILT', message: 'The web console is not built: run npm run build:console' } });
    return reply
      .header('content-security-policy', CONSOLE_CSP)
      .header('cache-control', 'no-cache')
      .header('content-type', 'text/html; charset=utf-8')
      .send(html);
  };
  for (const page of CONSOLE_PAGES) app.get(page, async (_req, reply) => sendIndex(reply));

  // The files of the build, by exact name (no path is ever joined from the request): a name the
  // build did not write is a 404, whatever its spelling. Read per request so a rebuild under a
  // running gateway (npm run dev) is served at once; the folder holds a few dozen files.
  const assets = path.join(distDir, 'assets');
  app.get<{ Params: { file: string } }>('/assets/:file', async (req, reply) => {
    const name = req.params.file;
    const type = TYPES[path.extname(name)];
    const names = await readdir(assets).catch(() => [] as string[]);
    if (!type || !names.includes(name))
      return reply.status(404).send({ error: { code: 'REQUEST.NOT_FOUND', message: `No file ${name} in the console` } });
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = ENCODINGS.find((e) => accepted.includes(e.token) && names.includes(`${name}${e.suffix}`));
    void reply.header('content-type', type).header('cache-control', ASSET_CACHE).header('vary', 'accept-encoding');
    if (encoding) void reply.header('content-encoding', encoding.token);
    return reply.send(await readFile(path.join(assets, `${name}${encoding?.suffix ?? ''}`)));
  });
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
// The build writes both beside each script and style sheet (scripts/build-console.js).
const ENCODINGS = [
  { token: 'br', suffix: '.br' },
  { token: 'gzip', suffix: '.gz' },
];
