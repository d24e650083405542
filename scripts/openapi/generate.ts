import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument } from '../../apps/gateway/src/openapi/document';
import { ROUTES } from '../../apps/gateway/src/routing/route-table';
import { controllerOperations, serviceControllers } from './controller-operations';
import { ErrorCodeScanner } from './error-codes';

export const DOCUMENT_FILE = 'apps/gateway/src/openapi/openapi.json';

// The document as the sources define it now.
export function generateOpenApi(repoRoot: string) {
  const scanner = new ErrorCodeScanner(repoRoot);
  const facts = serviceControllers(repoRoot).flatMap((c) => controllerOperations(c, scanner));
  const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return buildOpenApiDocument(ROUTES, facts, version);
}

export const serialise = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

// npm run openapi: writes the document the gateway serves; --check only says whether it is current.
if (require.main === module) {
  const root = process.env.MINDHILL_REPO_ROOT ?? path.resolve(__dirname, '../..');
  const text = serialise(generateOpenApi(root));
  const file = path.join(root, DOCUMENT_FILE);
  if (process.argv.includes('--check')) {
    if (readFileSync(file, 'utf8') !== text) {
      process.stderr.write(`${DOCUMENT_FILE} is out of date: run npm run openapi\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(file, text);
    process.stdout.write(`Wrote ${DOCUMENT_FILE}\n`);
  }
}
