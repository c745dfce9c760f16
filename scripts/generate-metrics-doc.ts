/**
 * Writes docs/metrics.md from the engine's definitions (`npm run docs:metrics`).
 * With `--check`, writes nothing and exits 1 when the file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderMetricsDoc } from '../lib/export/metrics-doc';

const target = new URL('../docs/metrics.md', import.meta.url);
const rendered = renderMetricsDoc();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is out of date.
  }
  if (current !== rendered) {
    console.error('docs/metrics.md is out of date: run `npm run docs:metrics`.');
    process.exit(1);
  }
  console.log('docs/metrics.md is up to date.');
} else {
  writeFileSync(target, rendered);
  console.log(`Wrote docs/metrics.md (${rendered.length} characters).`);
}
