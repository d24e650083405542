#!/usr/bin/env node
// `npm run test:faults`: compiles apps/, libs/, scripts/ and test/faults/ into a private output folder
// (.local/faults-dist, so a concurrent `npm run build` of someone else never swaps the code under the
// running fault test), then runs the fault harness (test/faults/faults.fault.ts). The harness starts its
// own PostgreSQL cluster (port 55432) and Kafka broker (port 19092), never the shared ones.
const { execFileSync, spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const out = path.join(root, '.local/faults-dist');
const started = Date.now();
rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    require.resolve('@swc/cli/bin/swc.js'),
    'apps',
    'libs',
    'scripts',
    'test/faults',
    '-d',
    out,
    '--config-file',
    '.swcrc',
    '--ignore',
    // The web console is built by Vite (scripts/build-console.js), not by swc.
    '**/*.spec.ts,apps/console/**',
    '--quiet',
    '--copy-files',
  ],
  { cwd: root, stdio: 'inherit' },
);
process.stdout.write(`[faults] compiled into ${path.relative(root, out)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
const child = spawn(process.execPath, [path.join(out, 'test/faults/faults.fault.js'), ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, FAULTS_ROOT: root, FAULTS_DIST: out },
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  process.stdout.write(`[faults] npm run test:faults took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.exit(code ?? (signal ? 1 : 0));
});
