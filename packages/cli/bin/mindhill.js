#!/usr/bin/env node
// The `mindhill` command (package.json "bin"; `npx mindhill …` from the repository).
// The CLI is TypeScript like the rest of the repository, and a fresh clone has no build: its
// sources are compiled by swc as they are required (a few milliseconds each, in memory), so the
// command works right after `npm ci` and always runs the sources as they are.
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const SOURCES = path.resolve(__dirname, '../src') + path.sep;
const defaultTs = require.extensions['.ts'];

require.extensions['.ts'] = function compileCliSource(module, filename) {
  if (!filename.startsWith(SOURCES)) {
    if (defaultTs) return defaultTs(module, filename);
    throw new Error(`mindhill: cannot load ${filename} (only the CLI's own sources are compiled)`);
  }
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs', strictMode: true },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};

let settled = false;
require('../src/main.ts')
  .main(process.argv)
  .then((code) => {
    settled = true;
    process.exitCode = code;
  });
// Node exits when nothing is left to wait for, even with a promise pending: never let that pass
// for success.
process.on('beforeExit', () => {
  if (settled) return;
  process.stderr.write('Error CLI.INTERNAL: the command stopped before it finished (nothing left to wait for)\n');
  process.exitCode = 70;
  settled = true;
});
