#!/usr/bin/env bash
# The whole test suite: typecheck, unit tests, extension build with its size budget,
# end-to-end tests in Chromium. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci-results
rm -f .ci-results/*.json
status=0

echo "== typecheck"
npx wxt prepare >/dev/null && npx tsc --noEmit || status=1

echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=.ci-results/vitest.json || status=1

echo "== build"
npx wxt build >/dev/null || status=1
node --import tsx scripts/check-bundle-size.ts || status=1

if [ -d e2e ] && ls e2e/*.spec.ts >/dev/null 2>&1; then
  echo "== end-to-end tests"
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  PLAYWRIGHT_JSON_OUTPUT_NAME=.ci-results/playwright.json npx playwright test --reporter=list,json || status=1
fi

node scripts/summarize-tests.mjs || status=1
exit $status
