import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRIC_DEFINITIONS, PROFILES } from '../../../lib/engine/definitions';
import { renderMetricsDoc } from '../../../lib/export/metrics-doc';

describe('docs/metrics.md', () => {
  it('is up to date with lib/engine/definitions.ts (run `npm run docs:metrics` when this fails)', () => {
    const onDisk = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderMetricsDoc());
  });

  it('has a section for every metric and every profile, with the definitions’ own words', () => {
    const doc = renderMetricsDoc();
    for (const metric of METRIC_DEFINITIONS) {
      expect(doc).toContain(`### ${metric.name}\n`);
      expect(doc).toContain(`- **Starts:** ${metric.start.replace(/\s*\n\s*/g, ' ')}`);
    }
    for (const profile of PROFILES) {
      expect(doc).toContain(`### ${profile.name} (\`${profile.id}\`)`);
      for (const rule of profile.rules) expect(doc).toContain(`   Source: ${rule.source.replace(/\s*\n\s*/g, ' ')}`);
    }
  });
});
