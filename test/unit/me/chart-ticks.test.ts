import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../components/chart-ticks';

describe('niceTicks', () => {
  it('steps of 1, 2 or 5 × 10^k from 0 up to at least the largest value', () => {
    // recharts' own ticks for a maximum of 1.1 were 0 / 0.55 / 1.1.
    expect(niceTicks([0.4, 1.1, null])).toEqual([0, 0.5, 1, 1.5]);
    expect(niceTicks([7])).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks([12, 3])).toEqual([0, 5, 10, 15]);
    expect(niceTicks([40])).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks([0.3])).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks([130], 4)).toEqual([0, 50, 100, 150]);
  });
  it('an empty or all-zero series still has an axis', () => {
    expect(niceTicks([])).toEqual([0, 1]);
    expect(niceTicks([null, 0, undefined])).toEqual([0, 1]);
  });
});
