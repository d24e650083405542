import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument } from '../../apps/gateway/src/openapi/document';
import { ROUTES } from '../../apps/gateway/src/routing/route-table';
import { API_TYPES_FILE, generateApiTypes } from './api-types';
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

// npm run openapi: writes the document the gateway serves and the CLI's types generated from it;
// --check only says whether both are current.
async function run(root: string, check: boolean) {
  const document = generateOpenApi(root);
  const outputs = [
    { file: DOCUMENT_FILE, text: serialise(document) },
    { file: API_TYPES_FILE, text: await generateApiTypes(document) },
  ];
  for (const { file, text } of outputs) {
    const target = path.join(root, file);
    if (!check) {
      writeFileSync(target, text);
      process.stdout.write(`Wrote ${file}\n`);
    } else if (readFileSync(target, 'utf8') !== text) {
      process.stderr.write(`${file} is out of date: run npm run openapi\n`);
      process.exitCode = 1;
    }
  }
}

if (require.main === module) {
  void run(process.env.MINDHILL_REPO_ROOT ?? path.resolve(__dirname, '../..'), process.argv.includes('--check'));
}
