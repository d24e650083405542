// Builds the web console (apps/console) with Vite into apps/console/dist, which the gateway
// serves at /; writes .br and .gz beside each asset (the gateway sends them as they are). Skips
// the build when nothing under apps/console (nor the package lock) is newer than the last one,
// so `npm start` pays for it only after a change (a build takes a few seconds).
//   node scripts/build-console.js [--force]
const { brotliCompressSync, constants, gzipSync } = require('node:zlib');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const app = path.join(root, 'apps/console');
const dist = path.join(app, 'dist');
const stamp = path.join(dist, '.built');
const INPUTS = ['src', 'index.html', 'vite.config.mjs', 'tsconfig.json'].map((p) => path.join(app, p));

function newestChange(paths) {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const stat = statSync(p);
    if (stat.isDirectory()) newest = Math.max(newest, newestChange(readdirSync(p).map((name) => path.join(p, name))));
    else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

function isCurrent() {
  if (!existsSync(stamp)) return false;
  return statSync(stamp).mtimeMs >= newestChange([...INPUTS, path.join(root, 'package-lock.json')]);
}

async function buildConsole({ force = false } = {}) {
  if (!force && isCurrent()) return { built: false };
  const started = Date.now();
  // A production build whatever the caller's NODE_ENV (Jest sets `test`, which would ship
  // React's development build).
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: path.join(app, 'vite.config.mjs'), mode: 'production', logLevel: 'warn' });
  const assets = path.join(dist, 'assets');
  for (const name of readdirSync(assets)) {
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    const bytes = readFileSync(path.join(assets, name));
    writeFileSync(path.join(assets, `${name}.gz`), gzipSync(bytes, { level: 9 }));
    writeFileSync(path.join(assets, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  writeFileSync(stamp, new Date().toISOString());
  return { built: true, ms: Date.now() - started };
}

module.exports = { buildConsole, dist };

if (require.main === module) {
  buildConsole({ force: process.argv.includes('--force') }).then(
    (r) => process.stdout.write(r.built ? `console: built into apps/console/dist in ${r.ms} ms\n` : 'console: up to date\n'),
    (error) => {
      process.stderr.write(`console: build failed: ${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
