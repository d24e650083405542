// `npm run bench`: compiles apps/, libs/, scripts/ and bench/ with the project's swc settings
// (what scripts/build.js does) into a private folder, node_modules/.cache/mindhill-bench/<pid>/dist,
// then runs bench/main.ts from there on the same Node. Private, because others run
// `npm run build` on this machine and it deletes dist/ as its first step: a benchmark that
// spawns apps out of dist/ for minutes would lose them halfway (it happened); one folder per run,
// because two benchmarks started side by side rebuilt each other's. Removed at the end.
const { execFileSync, spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const buildRoot = path.join(root, 'node_modules/.cache/mindhill-bench', String(process.pid));
const started = Date.now();
execFileSync(
  process.execPath,
  [
    require.resolve('@swc/cli/bin/swc.js'),
    'apps',
    'libs',
    'scripts',
    'bench',
    '-d',
    path.join(buildRoot, 'dist'),
    '--config-file',
    '.swcrc',
    '--ignore',
    '**/*.spec.ts',
    '--quiet',
    '--copy-files',
  ],
  { cwd: root, stdio: 'inherit' },
);
const env = { ...process.env, BENCH_BUILD_MS: String(Date.now() - started), BENCH_REPO_ROOT: root };
const child = spawn(process.execPath, [path.join(buildRoot, 'dist/bench/main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  rmSync(buildRoot, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
