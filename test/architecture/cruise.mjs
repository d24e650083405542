// Runs dependency-cruiser's API with a config file on folders of the current directory and prints
// the violations as JSON ([{ rule, from, to }]). A separate process because dependency-cruiser is
// an ES module, which Jest's CommonJS module system cannot load. Usage:
//   node test/architecture/cruise.mjs <config file> <folder>...
import { existsSync } from 'node:fs';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const [configFile, ...folders] = process.argv.slice(2);
const options = await extractDepcruiseOptions(configFile);
const tsConfigFile = options.tsConfig?.fileName;
const result = await cruise(
  folders.filter((folder) => existsSync(folder)),
  // preserveSymlinks: a worktree whose node_modules is a link sees the graph a plain clone sees.
  { ...options, preserveSymlinks: true, outputType: 'json' },
  {},
  { tsConfig: tsConfigFile ? extractTSConfig(tsConfigFile) : {} },
);
const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
const violations = output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
process.stdout.write(JSON.stringify(violations));
