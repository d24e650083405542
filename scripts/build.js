// Compiles apps/, libs/ and scripts/ with swc (about a second; type checking is
// `npm run typecheck`). Path aliases (@mindhill/*) are rewritten to relative imports by swc.
//   node scripts/build.js [folder]   into dist/ (what the Docker image runs) or the folder given
// Nothing is deleted first: each output file is overwritten in place, so a process running from
// the folder never finds its files gone (a source file removed leaves its stale .js behind,
// which nothing loads). `npm run` scripts do not use dist/ at all: see run.js.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const SOURCES = ['apps', 'libs', 'scripts'];

// Compiles `sources` (folders or files, relative to the repository) into `outDir`.
function compile(outDir, sources = SOURCES) {
  execFileSync(
    process.execPath,
    [
      require.resolve('@swc/cli/bin/swc.js'),
      ...sources,
      '-d',
      outDir,
      '--config-file',
      '.swcrc',
      '--ignore',
      // The console is a browser app, built by Vite (scripts/build-console.js), not by swc.
      '**/*.spec.ts,apps/console/**',
      '--quiet',
      '--copy-files',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}

module.exports = { compile, root, SOURCES };

if (require.main === module) compile(path.resolve(root, process.argv[2] ?? 'dist'));
