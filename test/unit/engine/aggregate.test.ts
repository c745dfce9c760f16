/**
 * Aggregates: numpy's default percentile (linear interpolation between closest ranks).
 * Expected values are what numpy.percentile / numpy.median return for the same lists.
 */
import { describe, expect, it } from 'vitest';
import { aggregate, histogram, percentile } from '../../../lib/engine/aggregate';

describe('aggregate', () => {
  it('gives nulls, never zeros, for no values', () => {
    expect(aggregate([])).toEqual({ n: 0, median: null, p90: null, mean: null, min: null, max: null });
    expect(percentile([], 0.5)).toBeNull();
  });

  it('gives the value itself for n = 1', () => {
    expect(aggregate([42])).toEqual({ n: 1, median: 42, p90: 42, mean: 42, min: 42, max: 42 });
  });

  it('takes the mean of the two middle values for an even n', () => {
    // numpy.median([300, 10, 60, 120]) == 90.0; numpy.percentile(..., 90) == 246.0
    const a = aggregate([300, 10, 60, 120]);
    expect({ ...a, p90: undefined }).toEqual({ n: 4, median: 90, p90: undefined, mean: 122.5, min: 10, max: 300 });
    // Rank (4 − 1) × 0.9 = 2.7 carries binary rounding, as in numpy.
    expect(a.p90).toBeCloseTo(246, 9);
  });

  it('interpolates p90 between closest ranks and sorts numerically', () => {
    // numpy.percentile([1..10], 90) == 9.1; string sorting would put 10 before 2.
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9)).toBeCloseTo(9.1, 12);
    expect(aggregate([2, 10, 1]).median).toBe(2);
  });
});

describe('histogram', () => {
  it('uses the chat scale and puts a bound into the bucket above it', () => {
    const counts = histogram([0, 59, 60, 299, 300, 899, 900, 3599, 3600, 14_400, 28_800, 86_399, 86_400, 1e9]).map((b) => [
      b.label,
      b.count,
    ]);
    expect(counts).toEqual([
      ['<1m', 2],
      ['1–5m', 2],
      ['5–15m', 2],
      ['15–60m', 2],
      ['1–4h', 1],
      ['4–8h', 1],
      ['8–24h', 2],
      ['24h+', 2],
    ]);
  });
});
