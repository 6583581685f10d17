#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: data, types, units, then the browser tests
# against the built site. Each step stops the run on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step 'datasets (npm run data)'
npm run --silent data

step 'type check (astro check + tsc)'
npm run --silent check

step "unit tests (vitest)"
npx vitest run

step 'exercises check themselves (starter fails, solution passes, wrong variants fail)'
npx tsx scripts/check-exercises.ts

step 'build'
npx astro build

step 'browser tests (playwright, built site on 127.0.0.1)'
npx playwright test
