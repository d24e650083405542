#!/usr/bin/env bash
# npm run lint: Prettier, ESLint (type-aware, the slowest) and dependency-cruiser side by side
# rather than one after another; fails if any of them fails.
set -uo pipefail
cd "$(dirname "$0")/.."
npx prettier --check . --log-level warn & prettier=$!
npx eslint . & eslint=$!
npx depcruise apps libs packages scripts test bench --config .dependency-cruiser.cjs & depcruise=$!
status=0
for pid in $prettier $eslint $depcruise; do wait "$pid" || status=1; done
exit $status
