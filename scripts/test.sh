#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: data, types, units, then the browser tests
# against the built site. Each step stops the run on failure.
#   --full (npm run test:full): the exercises' full accuracy budgets, and every training exercise
#   trained in the browser too (several times longer; not in CI).
set -euo pipefail
cd "$(dirname "$0")/.."

FULL=0
if [ "${1:-}" = "--full" ]; then FULL=1; fi
export FULL

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step 'datasets (npm run data)'
npm run --silent data

step 'type check (astro check + tsc)'
npm run --silent check

step "unit tests (vitest)"
npx vitest run

step 'exercises check themselves (starter fails, solution passes, wrong variants fail)'
if [ "$FULL" = 1 ]; then npx tsx scripts/check-exercises.ts --full; else npx tsx scripts/check-exercises.ts; fi

step 'build'
npx astro build

step 'browser tests (playwright, built site on 127.0.0.1)'
npx playwright test
