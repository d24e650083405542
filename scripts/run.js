// Runs a script or app from a build of its own: `node scripts/run.js <entry> [args...]`, where
// <entry> is a source path without extension (scripts/migrate, apps/auth/src/main). Every
// `npm run` script that executes code goes through here.
// Why a private build: `npm start` runs for hours from the files it was built into; any other
// script (migrate, demo, backup…) used to rebuild dist/ from scratch under it. Each run now
// compiles (about a second) into .local/run/<pid>/, runs from there and removes that folder at
// the end; folders left by a killed run are removed by the next one. dist/ is only for
// `npm run build` (the Docker image).
// --watch (`npm run dev`): each changed source file is recompiled into the folder, and the
// entry runs with PLATFORM_WATCH=1, so start-platform runs the apps under `node --watch`.
const { spawn } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, rmSync } = require('node:fs');
const path = require('node:path');
const { compile, root } = require('./build');
const { watchSources } = require('./watch-sources');

const args = process.argv.slice(2);
const watch = args[0] === '--watch';
const [entry, ...rest] = watch ? args.slice(1) : args;
if (!entry) {
  process.stderr.write('Usage: node scripts/run.js [--watch] <entry, e.g. scripts/migrate> [args...]\n');
  process.exit(2);
}

const runs = path.join(root, '.local/run');
removeAbandoned(runs);
const buildDir = path.join(runs, String(process.pid));
mkdirSync(buildDir, { recursive: true });
process.on('exit', () => rmSync(buildDir, { recursive: true, force: true }));
compile(buildDir);
if (watch) watchSources(buildDir);

const child = spawn(process.execPath, [path.join(buildDir, `${entry}.js`), ...rest], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, MINDHILL_REPO_ROOT: root, ...(watch ? { PLATFORM_WATCH: '1' } : {}) },
});
// Ctrl-C reaches the child too (same process group); a signal sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function removeAbandoned(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (/^\d+$/.test(name) && !isAlive(Number(name))) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
