// Adds up the unit and end-to-end results and prints the closing line "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const vitestFile = '.ci-results/vitest.json';
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else {
  console.error('no unit test results found');
  failed += 1;
}

const playwrightFile = '.ci-results/playwright.json';
if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  const stats = report.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
  if ((report.errors ?? []).length > 0) failed += report.errors.length;
}

// Typecheck, build and size-budget failures, counted by scripts/test.sh.
failed += Number(process.env.STAGE_FAILURES ?? 0);

if (passed + failed === 0) {
  console.error('no tests ran');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
