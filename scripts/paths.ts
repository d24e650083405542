import { existsSync } from 'node:fs';
import path from 'node:path';

// Where a compiled script finds the compiled apps (the tree it was built into: dist/, or the
// private folder of scripts/run.js) and the repository (examples/, deploy/, .local/): run.js
// names it in MINDHILL_REPO_ROOT; under dist/ it is the folder above; run from source (tests), the
// folder holding package.json above this file.
export const buildRoot = path.resolve(__dirname, '..');
export const repoRoot =
  process.env.MINDHILL_REPO_ROOT ?? (existsSync(path.join(buildRoot, 'package.json')) ? buildRoot : path.resolve(__dirname, '../..'));
