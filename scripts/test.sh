#!/usr/bin/env bash
# The whole test suite: typecheck, formatting, unit tests, extension build with its size budget,
# end-to-end tests in Chromium. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci-results
rm -f .ci-results/*.json
status=0

echo "== typecheck"
# Stages that are not test runners (typecheck, build, size budget) count as one failure each.
stage_failures=0
npx wxt prepare >/dev/null && npx tsc --noEmit || { status=1; stage_failures=$((stage_failures + 1)); }

echo "== format"
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "formatting differs: run npm run format"; status=1; stage_failures=$((stage_failures + 1)); }

echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=.ci-results/vitest.json || status=1

echo "== build"
built=1
npx wxt build >/dev/null || { status=1; built=0; stage_failures=$((stage_failures + 1)); echo "the extension build failed: end-to-end tests skipped"; }
if [ $built = 1 ]; then node --import tsx scripts/check-bundle-size.ts || { status=1; stage_failures=$((stage_failures + 1)); }; fi

if [ $built = 1 ] && [ -d e2e ] && ls e2e/*.spec.ts >/dev/null 2>&1; then
  echo "== end-to-end tests"
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  PLAYWRIGHT_JSON_OUTPUT_NAME=.ci-results/playwright.json npx playwright test --reporter=list,json || status=1
fi

STAGE_FAILURES=$stage_failures node scripts/summarize-tests.mjs || status=1
exit $status
