/**
 * Aggregates of a list of values.
 *
 * Percentiles use linear interpolation between the closest ranks (numpy's default, "type 7"
 * in Hyndman & Fan): for a sorted list x of n values, the p-th percentile sits at rank
 * h = (n − 1) · p; the result is x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋+1] − x[⌊h⌋]). So the median of an
 * even count is the mean of the two middle values, and p90 of [1..10] is 9.1.
 * No values give nulls (never 0): an empty period has no median.
 */
import { HISTOGRAM_BUCKETS } from './definitions';
import type { Aggregate } from './types';

/** The p-th percentile (0 ≤ p ≤ 1) of values sorted ascending; null when empty. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  return percentileOfRanks(sorted.length, p, (rank) => sorted[rank]);
}

/** The p-th percentile of n sorted values read by rank, for stores that are not one array. */
export function percentileOfRanks(n: number, p: number, valueAt: (rank: number) => number): number | null {
  if (n === 0) return null;
  if (n === 1) return valueAt(0);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const low = valueAt(lo);
  return low + (h - lo) * (valueAt(hi) - low);
}

export function percentile(values: readonly number[], p: number): number | null {
  return percentileSorted(Float64Array.from(values).sort(), p);
}

export function aggregate(values: readonly number[]): Aggregate {
  const n = values.length;
  if (n === 0) return { n: 0, median: null, p90: null, mean: null, min: null, max: null };
  // A typed array sorts numerically (no string comparison) and fast.
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    n,
    median: percentileSorted(sorted, 0.5),
    p90: percentileSorted(sorted, 0.9),
    mean: sum / n,
    min: sorted[0],
    max: sorted[n - 1],
  };
}

/** Counts per chat-scale bucket; a value equal to a bound falls in the bucket above it. */
export function histogram(values: readonly number[]): { label: string; upToSeconds: number | null; count: number }[] {
  const out = HISTOGRAM_BUCKETS.map((b) => ({ label: b.label, upToSeconds: b.upToSeconds, count: 0 }));
  for (const v of values) out[histogramBucket(v)].count++;
  return out;
}

/** The histogram bucket of one value. */
export function histogramBucket(value: number): number {
  const last = HISTOGRAM_BUCKETS.length - 1;
  let i = 0;
  while (i < last && value >= (HISTOGRAM_BUCKETS[i].upToSeconds as number)) i++;
  return i;
}
