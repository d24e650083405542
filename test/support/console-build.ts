import { execFileSync } from 'node:child_process';
import path from 'node:path';

// Builds the web console as `npm start` does (skipped when its sources did not change), so the
// gateway under test serves the current sources.
export function buildConsole(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-console.js')], { cwd: root, stdio: 'inherit' });
}
