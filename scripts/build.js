// Compiles apps/, libs/ and scripts/ to dist/ with swc (about a second; type checking is
// `npm run typecheck`). Path aliases (@mindhill/*) are rewritten to relative imports by swc.
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    require.resolve('@swc/cli/bin/swc.js'),
    'apps',
    'libs',
    'scripts',
    '-d',
    'dist',
    '--config-file',
    '.swcrc',
    '--ignore',
    '**/*.spec.ts',
    '--quiet',
    '--copy-files',
  ],
  { cwd: root, stdio: 'inherit' },
);
