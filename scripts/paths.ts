import path from 'node:path';

// Where a compiled script finds the compiled apps (the tree it was built into: dist/, or the
// private folder of scripts/run.js) and the repository (examples/, deploy/, .local/): run.js
// names it in MINDHILL_REPO_ROOT; under dist/ it is the folder above.
export const buildRoot = path.resolve(__dirname, '..');
export const repoRoot = process.env.MINDHILL_REPO_ROOT ?? path.resolve(__dirname, '../..');
