#!/usr/bin/env bash
# The whole test suite: typecheck, formatting, lint, unit tests, the demo build with its size budget,
# end-to-end tests in Chromium, the store packages (production zips, manifests, web-ext lint) and
# the Firefox smoke test. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci-results
rm -f .ci-results/*.json
status=0
# The result files of the stages that ran, added up at the end.
results=()

echo "== typecheck"
# Stages that are not test runners (typecheck, build, size budget, packaging) count as one failure each.
stage_failures=0
npx wxt prepare >/dev/null && npx tsc --noEmit || { status=1; stage_failures=$((stage_failures + 1)); }

echo "== format"
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "formatting differs: run npm run format"; status=1; stage_failures=$((stage_failures + 1)); }

echo "== lint"
# ESLint with types and the layering rules (eslint.config.js). Uncached here: a cached result of an
# unchanged file can be stale when a file it imports changed its types (npm run lint is cached, for speed).
npx eslint . || { echo "lint failed: see above (npm run lint)"; status=1; stage_failures=$((stage_failures + 1)); }

echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=.ci-results/vitest.json || status=1
results+=(.ci-results/vitest.json)

echo "== build (demo build: production code plus the Demo Desk, for the end-to-end tests)"
built=1
npx wxt build --mode demo >/dev/null || { status=1; built=0; stage_failures=$((stage_failures + 1)); echo "the extension build failed: end-to-end tests skipped"; }
if [ $built = 1 ]; then node --import tsx scripts/check-bundle-size.ts .output/chrome-mv3-demo || { status=1; stage_failures=$((stage_failures + 1)); }; fi

if [ $built = 1 ] && [ -d e2e ] && ls e2e/*.spec.ts >/dev/null 2>&1; then
  echo "== end-to-end tests"
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  PLAYWRIGHT_JSON_OUTPUT_NAME=.ci-results/playwright.json npx playwright test --reporter=list,json || status=1
  results+=(.ci-results/playwright.json)
fi

echo "== packages (npm run zip: Chrome, Firefox and sources zips from production builds; manifests; web-ext lint)"
if npm run --silent zip >/dev/null; then
  ls -l .output/*.zip | awk '{ print "  " $5 " bytes  " $9 }'
  npx vitest run --config vitest.packages.config.ts --reporter=default --reporter=json --outputFile.json=.ci-results/packages.json || status=1
  results+=(.ci-results/packages.json)
else
  echo "npm run zip failed: package checks skipped"
  status=1
  stage_failures=$((stage_failures + 1))
fi

echo "== Firefox smoke test (firefox-esr, headless, WebDriver BiDi)"
export FIREFOX_PATH="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
if [ ! -x "$FIREFOX_PATH" ]; then
  echo "Firefox not found at $FIREFOX_PATH: install Debian's firefox-esr (.ci/run does) or set FIREFOX_PATH"
  status=1
  stage_failures=$((stage_failures + 1))
elif npx wxt build -b firefox --mv3 --mode demo >/dev/null; then
  npx vitest run --config vitest.firefox.config.ts --reporter=default --reporter=json --outputFile.json=.ci-results/firefox.json || status=1
  results+=(.ci-results/firefox.json)
else
  echo "the Firefox demo build failed: Firefox smoke test skipped"
  status=1
  stage_failures=$((stage_failures + 1))
fi

STAGE_FAILURES=$stage_failures node scripts/summarize-tests.mjs "${results[@]}" || status=1
exit $status
