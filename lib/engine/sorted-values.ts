/**
 * A sorted multiset of numbers with cheap insert, remove and rank lookup, for summaries
 * updated one conversation at a time.
 *
 * Values live in sorted Float64Array blocks of at most BLOCK_MAX values (a "sqrt
 * decomposition"): insert and remove find the block by binary search and shift at most one
 * block; the k-th smallest value walks the block sizes. With 100k values that is a few hundred
 * blocks, so every operation costs about a microsecond, against a full sort per read.
 *
 * The sum is kept with Neumaier's compensated summation, so adding and removing the same
 * values many times does not drift; it can differ from a sum in sorted order only in the last
 * bits (the mean is equal within floating-point tolerance, everything else exactly).
 */
import { HISTOGRAM_BUCKETS } from './definitions';
import { histogramBucket, percentileOfRanks } from './aggregate';
import type { Aggregate } from './types';

const BLOCK_MAX = 1024;

export class SortedValues {
  private blocks: Float64Array[] = [];
  private sizes: number[] = [];
  private count = 0;
  private sum = 0;
  private compensation = 0;
  private cached: Aggregate | null = null;

  get size(): number {
    return this.count;
  }

  add(value: number): void {
    this.cached = null;
    this.count++;
    this.accumulate(value);
    if (this.blocks.length === 0) {
      const block = new Float64Array(BLOCK_MAX);
      block[0] = value;
      this.blocks.push(block);
      this.sizes.push(1);
      return;
    }
    let b = this.firstBlockReaching(value);
    if (b === this.blocks.length) b--; // larger than everything: append to the last block
    const block = this.blocks[b];
    const size = this.sizes[b];
    const at = upperBound(block, size, value);
    if (size < BLOCK_MAX) {
      block.copyWithin(at + 1, at, size);
      block[at] = value;
      this.sizes[b] = size + 1;
      return;
    }
    // Full block: split it in halves, then insert into the half that holds the position.
    const half = BLOCK_MAX >> 1;
    const upper = new Float64Array(BLOCK_MAX);
    upper.set(block.subarray(half, size));
    this.blocks.splice(b + 1, 0, upper);
    this.sizes.splice(b + 1, 0, size - half);
    this.sizes[b] = half;
    if (at <= half) {
      block.copyWithin(at + 1, at, half);
      block[at] = value;
      this.sizes[b]++;
    } else {
      const i = at - half;
      upper.copyWithin(i + 1, i, size - half);
      upper[i] = value;
      this.sizes[b + 1]++;
    }
  }

  /** Removes one occurrence of `value`; false when it is not present. */
  remove(value: number): boolean {
    const b = this.firstBlockReaching(value);
    if (b === this.blocks.length) return false;
    const block = this.blocks[b];
    const size = this.sizes[b];
    const at = lowerBound(block, size, value);
    if (at === size || block[at] !== value) return false;
    this.cached = null;
    this.count--;
    this.accumulate(-value);
    if (size === 1) {
      this.blocks.splice(b, 1);
      this.sizes.splice(b, 1);
      if (this.count === 0) this.sum = this.compensation = 0;
      return true;
    }
    block.copyWithin(at, at + 1, size);
    this.sizes[b] = size - 1;
    return true;
  }

  /** The k-th smallest value (0-based), k < size. */
  at(k: number): number {
    const sizes = this.sizes;
    let b = 0;
    while (k >= sizes[b]) k -= sizes[b++];
    return this.blocks[b][k];
  }

  /** The same figures as aggregate() over the values (the mean within floating-point tolerance). */
  aggregate(): Aggregate {
    if (this.cached) return this.cached;
    const n = this.count;
    if (n === 0) return (this.cached = { n: 0, median: null, p90: null, mean: null, min: null, max: null });
    const last = this.blocks.length - 1;
    return (this.cached = {
      n,
      median: percentileOfRanks(n, 0.5, (rank) => this.at(rank)),
      p90: percentileOfRanks(n, 0.9, (rank) => this.at(rank)),
      mean: (this.sum + this.compensation) / n,
      min: this.blocks[0][0],
      max: this.blocks[last][this.sizes[last] - 1],
    });
  }

  /** Neumaier's compensated sum: `compensation` holds the low-order bits lost by `sum`. */
  private accumulate(value: number): void {
    const next = this.sum + value;
    if (Math.abs(this.sum) >= Math.abs(value)) this.compensation += this.sum - next + value;
    else this.compensation += value - next + this.sum;
    this.sum = next;
  }

  /** Index of the first block whose largest value is >= value (blocks.length when none). */
  private firstBlockReaching(value: number): number {
    const { blocks, sizes } = this;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (blocks[mid][sizes[mid] - 1] >= value) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function lowerBound(block: Float64Array, size: number, value: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (block[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(block: Float64Array, size: number, value: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (block[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bucket counts of the chat-scale histogram, kept up to date value by value. */
export class HistogramCounts {
  private readonly counts = new Array<number>(HISTOGRAM_BUCKETS.length).fill(0);

  change(value: number, delta: number): void {
    this.counts[histogramBucket(value)] += delta;
  }

  result(): { label: string; upToSeconds: number | null; count: number }[] {
    return HISTOGRAM_BUCKETS.map((b, i) => ({ label: b.label, upToSeconds: b.upToSeconds, count: this.counts[i] }));
  }
}
