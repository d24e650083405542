import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FastifyInstance } from 'fastify';

export const DOCUMENT_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/docs';

// The reference page's own CSP: scripts and styles from the gateway only (no inline code, no
// CDN); the global one (edge-plugins.ts) allows nothing, right for JSON, not for a page.
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Mind Hillmetric API</title>
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/init.js"></script>
  </body>
</html>
`;

// A file of its own rather than an inline script, so the CSP needs no 'unsafe-inline'.
const INIT = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(DOCUMENT_PATH)}, dom_id: '#swagger-ui', deepLinking: true });\n`;

// The files of swagger-ui-dist the page loads, by name: nothing else of the package is reachable.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

// GET /api/v1/openapi.json (the generated document, public like the page that reads it) and
// GET /api/docs (Swagger UI, served from node_modules).
export function registerOpenApiRoutes(app: FastifyInstance, documentFile = path.join(__dirname, 'openapi.json')) {
  // Read once and kept minified: the committed file is formatted for review.
  const document = JSON.stringify(JSON.parse(readFileSync(documentFile, 'utf8')));
  const uiFolder = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets = new Map(Object.entries(ASSETS).map(([name, type]) => [name, { type, bytes: readFileSync(path.join(uiFolder, name)) }]));

  app.get(DOCUMENT_PATH, async (_req, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-cache').send(document),
  );
  app.get(DOCS_PATH, async (_req, reply) =>
    reply.header('content-security-policy', DOCS_CSP).header('content-type', 'text/html; charset=utf-8').send(PAGE),
  );
  app.get(`${DOCS_PATH}/init.js`, async (_req, reply) => reply.header('content-type', 'text/javascript; charset=utf-8').send(INIT));
  app.get<{ Params: { file: string } }>(`${DOCS_PATH}/:file`, async (req, reply) => {
    const asset = assets.get(req.params.file);
    if (!asset)
      return reply.status(404).send({ error: { code: 'REQUEST.NOT_FOUND', message: `No file ${req.params.file} in the reference page` } });
    return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=3600').send(asset.bytes);
  });
}
