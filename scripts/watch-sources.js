// `npm run dev`: recompiles each changed .ts file under apps/, libs/ and scripts/ into the build
// folder, in place (node --watch follows the file it loaded, so the file is rewritten, not
// replaced), and removes the output of a deleted one. Changes are gathered for 100 ms, so a
// save of several files is one swc run. A file that does not compile keeps its last good output.
const { watch, existsSync, rmSync } = require('node:fs');
const path = require('node:path');
const { compile, root, SOURCES } = require('./build');

function watchSources(buildDir) {
  let pending = new Set();
  let timer;
  const flush = () => {
    const changed = [...pending];
    pending = new Set();
    const present = changed.filter((file) => existsSync(path.join(root, file)));
    for (const gone of changed.filter((file) => !present.includes(file)))
      for (const ext of ['.js', '.js.map']) rmSync(path.join(buildDir, gone.replace(/\.ts$/, ext)), { force: true });
    if (present.length === 0) return;
    try {
      compile(buildDir, present);
      process.stdout.write(`[dev] recompiled ${present.join(', ')}\n`);
    } catch {
      process.stdout.write(`[dev] ${present.join(', ')}: not compiled (see above); the apps keep the last good build\n`);
    }
  };
  for (const folder of SOURCES) {
    watch(path.join(root, folder), { recursive: true }, (_event, name) => {
      if (!name || !name.endsWith('.ts') || name.endsWith('.spec.ts')) return;
      pending.add(path.join(folder, name));
      clearTimeout(timer);
      timer = setTimeout(flush, 100);
    });
  }
}

module.exports = { watchSources };
