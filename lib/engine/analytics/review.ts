/**
 * The weekly review: every headline metric for an ISO week against the week before and against
 * its target, what moved most, and the conversation ids behind each number.
 *
 * - Figures come from the engine's summary (the same definitions and period rules as the rest
 *   of the product), automation deflection from automationSummary, QA from the reviews made in
 *   the week. Durations use the targets' clock (business or calendar seconds).
 * - change = this week − last week; relative change = change ÷ |last week| (null when last week
 *   had no figure or 0). `better` says whether the change is an improvement for this metric
 *   (lower is better for times and the reopen rate).
 * - What moved most: the metrics with the largest |relative change|, leaving out small samples
 *   (fewer than SMALL_SAMPLE_MIN values in either week) and metrics with no figure.
 */
import { isoWeekKey, isoWeekRange } from '../local-time';
import { SMALL_SAMPLE_MIN } from '../definitions';
import type { Conversation } from '../events';
import { summarize, type SummaryContext } from '../summary';
import type { ConversationMetrics, Figure, Summary } from '../types';
import { automationSummary } from './automation';
import { counted, inPeriod, lastResolvedAt, type Period } from './common';
import type { QaReviewInput } from './development';

export type ReviewMetricId =
  | 'conversations'
  | 'firstResponse'
  | 'nextResponse'
  | 'resolution'
  | 'targetHitRate'
  | 'csat'
  | 'reopenRate'
  | 'oneTouch'
  | 'deflection'
  | 'qaScore'
  | 'handleTime';

export interface ReviewTargets {
  firstResponseSeconds?: number;
  nextResponseSeconds?: number;
  resolutionSeconds?: number;
  /** Share 0–1 of targets met. */
  targetHitRate?: number;
  csat?: number;
  reopenRate?: number;
  oneTouch?: number;
  deflection?: number;
  qaScore?: number;
  handleSeconds?: number;
}

export interface ReviewInputs {
  metrics: readonly ConversationMetrics[];
  conversations: readonly Conversation[];
  reviews: readonly QaReviewInput[];
  summaryContext: SummaryContext;
  timezone: string;
  /** "2026-W12" */
  week: string;
  targets?: ReviewTargets;
}

export interface ReviewLine {
  id: ReviewMetricId;
  /** 'seconds' for the medians, 'share' for rates 0–1, 'count' for conversations. */
  unit: 'seconds' | 'share' | 'count';
  /** Higher or lower is better; null for volume. */
  direction: 'higher' | 'lower' | null;
  thisWeek: number | null;
  lastWeek: number | null;
  n: number;
  lastN: number;
  change: number | null;
  relativeChange: number | null;
  better: boolean | null;
  target: number | null;
  meetsTarget: boolean | null;
  small: boolean;
  /** The conversations behind this week's figure. */
  ids: string[];
}

export interface WeeklyReview {
  week: string;
  previousWeek: string;
  period: Period;
  previousPeriod: Period;
  lines: ReviewLine[];
  /** Line ids, largest |relative change| first (at most 3). */
  movedMost: ReviewMetricId[];
}

interface Figures {
  value: number | null;
  n: number;
  ids: string[];
}

function figureIds(metrics: readonly ConversationMetrics[], pick: (m: ConversationMetrics) => readonly Figure[], period: Period): string[] {
  return metrics.filter((m) => pick(m).some((f) => inPeriod(f.stoppedAt, period))).map((m) => m.id);
}

function weekFigures(input: ReviewInputs, period: Period): Record<ReviewMetricId, Figures> {
  const metrics = counted(input.metrics);
  const s: Summary = summarize(metrics, input.summaryContext, period);
  const business = input.summaryContext.targets.clock === 'business';
  const median = (d: Summary['firstResponse']) => (business ? d.business : d.calendar);
  const resolvedIds = metrics.filter((m) => m.resolutions.some((r) => inPeriod(r.resolvedAt, period))).map((m) => m.id);
  const lastResolvedIds = metrics.filter((m) => {
    const at = lastResolvedAt(m);
    return at !== null && inPeriod(at, period);
  });
  const ratedIds = metrics.filter((m) => m.csat !== undefined && m.csatAt !== undefined && inPeriod(m.csatAt, period)).map((m) => m.id);
  const targetIds = metrics
    .filter((m) =>
      [m.targets.firstResponse, m.targets.resolution, ...m.targets.nextResponse].some(
        (t) =>
          t !== null && ((t.stoppedAt !== null && inPeriod(t.stoppedAt, period)) || (t.state === 'breached' && inPeriod(t.dueAt, period))),
      ),
    )
    .map((m) => m.id);
  const automation = automationSummary({ metrics, conversations: input.conversations, period });
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const reviews = input.reviews.filter((r) => r.score !== null && byId.has(r.conversationId) && inPeriod(r.reviewedAt, period));
  const qaSum = reviews.reduce((sum, r) => sum + (r.score as number), 0);
  const handleIds = metrics
    .filter((m) => m.handleSeconds > 0 && (inPeriod(m.createdAt, period) || resolvedIds.includes(m.id)))
    .map((m) => m.id);
  return {
    conversations: {
      value: s.conversations,
      n: s.conversations,
      ids: metrics.filter((m) => inPeriod(m.createdAt, period)).map((m) => m.id),
    },
    firstResponse: {
      value: median(s.firstResponse).median,
      n: median(s.firstResponse).n,
      ids: figureIds(metrics, (m) => m.reported.firstResponse, period),
    },
    nextResponse: { value: median(s.reply).median, n: median(s.reply).n, ids: figureIds(metrics, (m) => m.reported.reply, period) },
    resolution: {
      value: median(s.resolution).median,
      n: median(s.resolution).n,
      ids: figureIds(metrics, (m) => m.reported.resolution, period),
    },
    targetHitRate: { value: s.targets.all.rate, n: s.targets.all.n, ids: targetIds },
    csat: { value: s.csat.score, n: s.csat.n, ids: ratedIds },
    reopenRate: { value: s.reopenRate, n: lastResolvedIds.length, ids: lastResolvedIds.filter((m) => m.reopens > 0).map((m) => m.id) },
    oneTouch: { value: s.oneTouch.share, n: lastResolvedIds.length, ids: lastResolvedIds.filter((m) => m.oneTouch).map((m) => m.id) },
    deflection: { value: automation.deflection.share, n: automation.deflection.n, ids: automation.ids.deflected },
    qaScore: { value: reviews.length ? qaSum / reviews.length : null, n: reviews.length, ids: reviews.map((r) => r.conversationId) },
    handleTime: { value: s.handleSeconds.median, n: s.handleSeconds.n, ids: handleIds },
  };
}

const SHAPE: Record<ReviewMetricId, { unit: ReviewLine['unit']; direction: ReviewLine['direction']; target: keyof ReviewTargets | null }> =
  {
    conversations: { unit: 'count', direction: null, target: null },
    firstResponse: { unit: 'seconds', direction: 'lower', target: 'firstResponseSeconds' },
    nextResponse: { unit: 'seconds', direction: 'lower', target: 'nextResponseSeconds' },
    resolution: { unit: 'seconds', direction: 'lower', target: 'resolutionSeconds' },
    targetHitRate: { unit: 'share', direction: 'higher', target: 'targetHitRate' },
    csat: { unit: 'share', direction: 'higher', target: 'csat' },
    reopenRate: { unit: 'share', direction: 'lower', target: 'reopenRate' },
    oneTouch: { unit: 'share', direction: 'higher', target: 'oneTouch' },
    deflection: { unit: 'share', direction: 'higher', target: 'deflection' },
    qaScore: { unit: 'share', direction: 'higher', target: 'qaScore' },
    handleTime: { unit: 'seconds', direction: 'lower', target: 'handleSeconds' },
  };

export const REVIEW_METRICS = Object.keys(SHAPE) as ReviewMetricId[];

export function weeklyReview(input: ReviewInputs): WeeklyReview {
  const period = isoWeekRange(input.week, input.timezone);
  const previousWeek = isoWeekKey(period.from - 1, input.timezone);
  const previousPeriod = isoWeekRange(previousWeek, input.timezone);
  const now = weekFigures(input, period);
  const before = weekFigures(input, previousPeriod);
  const lines = REVIEW_METRICS.map((id): ReviewLine => {
    const shape = SHAPE[id];
    const a = now[id];
    const b = before[id];
    const change = a.value === null || b.value === null ? null : a.value - b.value;
    const relativeChange = change === null || b.value === 0 ? null : change / Math.abs(b.value as number);
    const target = shape.target === null ? null : (input.targets?.[shape.target] ?? null);
    let better: boolean | null = null;
    if (change !== null && change !== 0 && shape.direction !== null) better = shape.direction === 'higher' ? change > 0 : change < 0;
    let meetsTarget: boolean | null = null;
    if (target !== null && a.value !== null) meetsTarget = shape.direction === 'lower' ? a.value <= target : a.value >= target;
    return {
      id,
      unit: shape.unit,
      direction: shape.direction,
      thisWeek: a.value,
      lastWeek: b.value,
      n: a.n,
      lastN: b.n,
      change,
      relativeChange,
      better,
      target,
      meetsTarget,
      small: a.n < SMALL_SAMPLE_MIN || b.n < SMALL_SAMPLE_MIN,
      ids: a.ids,
    };
  });
  const movedMost = lines
    .filter((l) => l.relativeChange !== null && !l.small && l.relativeChange !== 0)
    .sort((x, y) => Math.abs(y.relativeChange as number) - Math.abs(x.relativeChange as number) || (x.id < y.id ? -1 : 1))
    .slice(0, 3)
    .map((l) => l.id);
  return { week: input.week, previousWeek, period, previousPeriod, lines, movedMost };
}
