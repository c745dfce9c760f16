/** "Small sample" is a note, explained where it is shown, never a red warning. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReviewTable } from '../../../components/review/ReviewPage';
import type { ReviewLine, WeeklyReview } from '../../../lib/engine/analytics/review';
import { SMALL_SAMPLE_HINT } from '../../../lib/measure/week-figures';

const line = (small: boolean): ReviewLine => ({
  id: 'conversations',
  unit: 'count',
  direction: null,
  thisWeek: 3,
  lastWeek: 4,
  n: 3,
  lastN: 4,
  change: -1,
  relativeChange: -0.25,
  better: null,
  target: null,
  meetsTarget: null,
  small,
  ids: ['c-1', 'c-2', 'c-3'],
});
const review = (small: boolean): WeeklyReview => ({
  week: '2026-W48',
  previousWeek: '2026-W47',
  period: { from: 0, to: 1 },
  previousPeriod: { from: 0, to: 1 },
  lines: [line(small)],
  movedMost: [],
});

describe('small sample', () => {
  it('the weekly review explains its ⚠ under the table, only when a line has one', () => {
    const flagged = renderToStaticMarkup(createElement(ReviewTable, { review: review(true), labels: new Map() }));
    expect(flagged).toContain('<tfoot><tr class="review-legend">');
    expect(flagged).toContain('Small sample: fewer than 10 values, read with care: a median of a handful');
    const plain = renderToStaticMarkup(createElement(ReviewTable, { review: review(false), labels: new Map() }));
    expect(plain).not.toContain('review-legend');
  });
  it('on the Me cards it is muted, not the risk colour, and says why in its tooltip', () => {
    const css = readFileSync(join(__dirname, '../../../components/me/me.css'), 'utf8');
    const rule = /\.me-small \{([^}]*)\}/.exec(css)![1];
    expect(rule).toContain('color: var(--muted)');
    expect(rule).not.toContain('--risk');
    expect(SMALL_SAMPLE_HINT).toBe(
      'Fewer than 5 conversations behind this figure: normal for a quiet week, but one conversation moves it a lot. Read it with care.',
    );
  });
});
