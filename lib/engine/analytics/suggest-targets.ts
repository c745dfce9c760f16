/**
 * Suggested targets from history.
 *
 *   suggested target = p75 of the measured values of the last 4 complete ISO weeks, rounded up
 *                      to the whole minute
 *
 * per metric (first response, next response, resolution) and per channel (plus "all"), on the
 * targets' clock (business or calendar seconds). A value belongs to the week of its stop event
 * (the reply, the resolution), as in every summary; unverified conversations never count. The
 * data behind every suggestion is part of it: n, p50 / p75 / p90, the weeks used, the current
 * target. Fewer than SMALL_SAMPLE_MIN values: still computed, flagged small.
 * Reaching p75 means three conversations in four already meet the target: achievable, and
 * better than the slowest quarter.
 */
import { percentileSorted } from '../aggregate';
import { isoWeekKey, isoWeekRange } from '../local-time';
import { SMALL_SAMPLE_MIN, SUGGESTED_TARGET_PERCENTILE, SUGGESTED_TARGET_WEEKS } from '../definitions';
import type { ConversationMetrics, Figure } from '../types';
import { counted } from './common';

export type TargetMetric = 'firstResponse' | 'nextResponse' | 'resolution';
export const TARGET_METRICS: readonly TargetMetric[] = ['firstResponse', 'nextResponse', 'resolution'];

export interface SuggestTargetsInput {
  metrics: readonly ConversationMetrics[];
  timezone: string;
  /** The targets' clock: which seconds the values and the suggestion use. */
  clock: 'business' | 'calendar';
  /** The suggestion uses the complete ISO weeks before the week of `now`. */
  now: number;
  /** Current targets, seconds, shown beside the suggestion. */
  current?: Partial<Record<TargetMetric, number>>;
  weeks?: number;
  percentile?: number;
}

export interface SuggestedTarget {
  metric: TargetMetric;
  /** A channel, or "all". */
  channel: string;
  clock: 'business' | 'calendar';
  /** The ISO weeks used, oldest first. */
  weeks: string[];
  n: number;
  p50: number | null;
  p75: number | null;
  p90: number | null;
  /** The chosen percentile of the values, rounded up to whole minutes (seconds); null when n = 0. */
  suggestedSeconds: number | null;
  currentSeconds: number | null;
  percentile: number;
  small: boolean;
}

/** The `count` complete ISO weeks before the week containing `now`, oldest first. */
export function previousWeeks(now: number, timezone: string, count: number): string[] {
  const weeks: string[] = [];
  let t = isoWeekRange(isoWeekKey(now, timezone), timezone).from;
  for (let i = 0; i < count; i++) {
    const key = isoWeekKey(t - 1, timezone);
    weeks.unshift(key);
    t = isoWeekRange(key, timezone).from;
  }
  return weeks;
}

function figuresOf(m: ConversationMetrics, metric: TargetMetric): readonly Figure[] {
  if (metric === 'firstResponse') return m.reported.firstResponse;
  if (metric === 'nextResponse') return m.reported.reply;
  return m.reported.resolution;
}

export function suggestTargets(input: SuggestTargetsInput): SuggestedTarget[] {
  const p = input.percentile ?? SUGGESTED_TARGET_PERCENTILE;
  const weeks = previousWeeks(input.now, input.timezone, input.weeks ?? SUGGESTED_TARGET_WEEKS);
  const from = isoWeekRange(weeks[0], input.timezone).from;
  const to = isoWeekRange(weeks[weeks.length - 1], input.timezone).to;
  const metrics = counted(input.metrics);
  const out: SuggestedTarget[] = [];
  for (const metric of TARGET_METRICS) {
    const values = new Map<string, number[]>([['all', []]]);
    for (const m of metrics) {
      for (const f of figuresOf(m, metric)) {
        if (f.stoppedAt < from || f.stoppedAt >= to) continue;
        const v = input.clock === 'business' ? f.businessSeconds : f.seconds;
        values.get('all')!.push(v);
        if (m.channel !== undefined) {
          const list = values.get(m.channel);
          if (list) list.push(v);
          else values.set(m.channel, [v]);
        }
      }
    }
    const channels = ['all', ...[...values.keys()].filter((c) => c !== 'all').sort()];
    for (const channel of channels) {
      const sorted = Float64Array.from(values.get(channel)!).sort();
      const chosen = percentileSorted(sorted, p);
      out.push({
        metric,
        channel,
        clock: input.clock,
        weeks,
        n: sorted.length,
        p50: percentileSorted(sorted, 0.5),
        p75: percentileSorted(sorted, 0.75),
        p90: percentileSorted(sorted, 0.9),
        suggestedSeconds: chosen === null ? null : Math.max(60, Math.ceil(chosen / 60) * 60),
        currentSeconds: input.current?.[metric] ?? null,
        percentile: p,
        small: sorted.length < SMALL_SAMPLE_MIN,
      });
    }
  }
  return out;
}
