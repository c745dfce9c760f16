// Adds up the test runners' results and prints the closing line "N passed, N failed".
// Arguments: the result files of the stages that ran (vitest JSON or Playwright JSON), e.g.
//   node scripts/summarize-tests.mjs .ci-results/vitest.json .ci-results/playwright.json
// A listed file that is missing counts as a failure (its runner crashed before reporting).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const files = process.argv.slice(2);
if (files.length === 0) files.push('.ci-results/vitest.json');

for (const file of files) {
  if (!existsSync(file)) {
    console.error(`no test results in ${file}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.stats) {
    // Playwright's JSON reporter.
    const stats = report.stats;
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
    skipped += stats.skipped ?? 0;
    if ((report.errors ?? []).length > 0) failed += report.errors.length;
  } else {
    // Vitest's JSON reporter (unit tests, packages, Firefox).
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}

// Typecheck, format, build, size-budget and packaging failures, counted by scripts/test.sh.
failed += Number(process.env.STAGE_FAILURES ?? 0);

if (passed + failed === 0) {
  console.error('no tests ran');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
