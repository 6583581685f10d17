#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: data, types, units, exercises, then the browser
# tests against the built site. Any failing step fails the run.
#   --full (npm run test:full): the exercises' full accuracy budgets, and every training exercise
#   trained in the browser too (several times longer; not in CI).
#
# Most steps keep one core busy (tfjs-backend-wasm in Node is single-threaded, axe runs on the
# page's main thread), so on a two-core machine they run in two lanes at once: the unit tests
# beside type check → exercises → build, then the browser tests that walk the lesson pages (every
# page's checks, the values exercises) beside the others (editor, worker, graders). The second
# lane prints as it goes; the first lane's log follows when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

FULL=0
if [ "${1:-}" = "--full" ]; then FULL=1; fi
export FULL

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }
LOGS="$(mktemp -d)"
# Waits for a background lane; prints its log; returns its status.
finish() {
  local pid=$1 name=$2 log=$3 status=0
  wait "$pid" || status=$?
  step "$name (ran alongside; its output)"
  cat "$log"
  [ "$status" = 0 ] || printf '\n\033[1m%s failed (exit %s)\033[0m\n' "$name" "$status"
  return "$status"
}

step 'datasets (npm run data)'
npm run --silent data

step "unit tests (vitest), the wasm kernels again with fused multiply-adds, then TF.js's own op specs on the course's wasm kernels, in the background"
# Node 20 lacks relaxed SIMD unless flagged: the plain runs test the SIMD loops' separate build,
# those with WASM_FUSED=1 (vitest.config.ts; the flag on the command line for the op specs) the
# fused one that browsers get, and fail if they did not get it.
{ npx vitest run && WASM_FUSED=1 npx vitest run src/runtime/wasm-kernels && npx tsx tests/tfjs-ops/run.ts && WASM_FUSED=1 node --experimental-wasm-relaxed-simd --import tsx tests/tfjs-ops/run.ts; } > "$LOGS/unit.log" 2>&1 &
UNIT=$!

EXERCISES=(npx tsx scripts/check-exercises.ts)
if [ "$FULL" = 1 ]; then EXERCISES+=(--full); fi
# Chained with && (not set -e, which a `|| status=$?` would switch off), so the first failure stops the lane.
lane=0
step 'type check (astro check + tsc)' &&
  npm run --silent check &&
  step 'exercises check themselves (starter fails, solution passes, wrong variants fail)' &&
  "${EXERCISES[@]}" &&
  step 'build' &&
  npx astro build || lane=$?
units=0
finish "$UNIT" 'unit tests (vitest, fused kernels, TF.js op specs)' "$LOGS/unit.log" || units=$?
[ "$lane" = 0 ] && [ "$units" = 0 ] || exit 1

step 'lesson pages in the browser (playwright: every page, the values exercises), in the background'
E2E_LANE=lessons E2E_PORT=4330 npx playwright test > "$LOGS/lessons.log" 2>&1 &
LESSONS=$!

step 'browser tests (playwright, built site on 127.0.0.1: editor, worker, graders)'
runtime=0
E2E_LANE=runtime npx playwright test || runtime=$?
lessons=0
finish "$LESSONS" 'lesson pages in the browser' "$LOGS/lessons.log" || lessons=$?
[ "$runtime" = 0 ] && [ "$lessons" = 0 ]
