/**
 * The Me view's figures for one ISO week, from the engine's per-conversation metrics: the
 * engine summary (durations, hit rates, CSAT, handle time), peak concurrency, QA score, and
 * the week-over-week change of each headline number. Pure (relative imports, no browser
 * APIs), so the side panel, the printable report, the tests and the benchmark share it.
 */
import { isoWeekKey, isoWeekRange } from '../engine/local-time';
import { METRIC_DEFINITIONS, type MetricId } from '../engine/definitions';
import { agentsOf, summarize, type Period, type SummaryContext } from '../engine/summary';
import type { Aggregate, ConversationMetrics, Summary } from '../engine/types';
import { figureSpan, type FigureMetrics } from './compact-metrics';

export type { FigureMetrics };

export type Scope = 'me' | 'everyone';
export type Clock = 'business' | 'calendar';

/** Fewer values than this are flagged "small sample" beside the number. */
export const SMALL_SAMPLE = 5;
/** Weeks shown in the trend charts (ending with the current week). */
export const TREND_WEEKS = 8;

/** A QA review as the figures need it (the `reviews` store's fields). */
export interface ReviewInput {
  conversationKey: string;
  score: number | null;
  reviewedAt: number;
}

/**
 * One conversation's cached metrics with the key that links it to reviews: the engine's full
 * metrics, or the side panel's compact copy of the parts the figures read.
 */
export interface MetricsInput {
  key: string;
  metrics: FigureMetrics;
}

export interface Concurrency {
  /** Most conversations open at the same moment within the period; 0 when none was open. */
  peak: number;
  /** When the peak was first reached, epoch ms; null without any open conversation. */
  at: number | null;
  /** Conversations open at some time in the period. */
  n: number;
}

export interface QaScore {
  n: number;
  /** Mean review score 0–1; null without reviews. */
  mean: number | null;
}

export interface WeekFigures {
  week: string;
  period: Period;
  summary: Summary;
  concurrency: Concurrency;
  qa: QaScore;
}

/** ISO week keys from the oldest to `current`, `count` of them, in the calendar's zone. */
export function weeksEndingWith(current: string, count: number, timezone: string): string[] {
  const keys = [current];
  let from = isoWeekRange(current, timezone).from;
  while (keys.length < count) {
    const previous = isoWeekKey(from - 1, timezone);
    keys.unshift(previous);
    from = isoWeekRange(previous, timezone).from;
  }
  return keys;
}

export function previousWeek(week: string, timezone: string): string {
  return isoWeekKey(isoWeekRange(week, timezone).from - 1, timezone);
}

/** The times a conversation can add to a summary in (see figureSpan), cached per metrics object. */
const spans = new WeakMap<FigureMetrics, { from: number; to: number }>();

export function summarySpan(m: FigureMetrics): { from: number; to: number } {
  let span = spans.get(m);
  if (!span) {
    span = figureSpan(m);
    spans.set(m, span);
  }
  return span;
}

/** Open intervals [start, end) of a conversation: each open→resolved cycle, the last one to `now` while unresolved. */
export function openIntervals(m: FigureMetrics, now: number): Array<[number, number]> {
  const intervals: Array<[number, number]> = m.resolutions.map((r) => [r.startedAt, r.resolvedAt]);
  const running = m.open.find((clock) => clock.kind === 'resolution');
  if (running) intervals.push([running.startedAt, now]);
  return intervals;
}

/**
 * Peak concurrency: the most conversations open at the same moment within the period. A
 * conversation is open from the start of each open→resolved cycle to its resolution (to now
 * while unresolved); for one agent, the conversations credited to them. Unverified
 * conversations are left out, as in every other figure.
 */
export function peakConcurrency(metrics: readonly FigureMetrics[], period: Period, now: number, agentId?: string): Concurrency {
  const points: Array<[number, number]> = [];
  let n = 0;
  for (const m of metrics) {
    if (m.unverified) continue;
    if (agentId !== undefined && m.agentId !== agentId) continue;
    let counted = false;
    for (const [start, end] of openIntervals(m, now)) {
      const from = Math.max(start, period.from);
      const to = Math.min(end, period.to);
      if (to <= from) continue;
      points.push([from, 1], [to, -1]);
      counted = true;
    }
    if (counted) n++;
  }
  // Ends sort before starts at the same instant: a hand-over at 10:00 is not two at once.
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  let at: number | null = null;
  for (const [t, change] of points) {
    open += change;
    if (open > peak) {
      peak = open;
      at = t;
    }
  }
  return { peak, at, n };
}

/** Mean QA score of reviews made in the period; for one agent, of the conversations credited to them. */
export function qaScore(
  reviews: readonly ReviewInput[],
  period: Period,
  creditedTo: ReadonlyMap<string, string | undefined>,
  agentId?: string,
): QaScore {
  let n = 0;
  let sum = 0;
  for (const review of reviews) {
    if (review.score === null || review.reviewedAt < period.from || review.reviewedAt >= period.to) continue;
    if (agentId !== undefined && creditedTo.get(review.conversationKey) !== agentId) continue;
    n++;
    sum += review.score;
  }
  return { n, mean: n === 0 ? null : sum / n };
}

/**
 * The engine's summary of full or compact metrics: summarize() reads only the fields
 * FigureMetrics keeps (the compact-versus-full test in test/unit/me holds it to that).
 */
/** The agents the figures credit (as the engine's agentsOf, on compact metrics). */
export function agentsOfFigures(metrics: readonly FigureMetrics[]): string[] {
  return agentsOf(metrics as readonly ConversationMetrics[]);
}

export function summarizeFigures(metrics: readonly FigureMetrics[], ctx: SummaryContext, period: Period, agentId?: string): Summary {
  return summarize(metrics as readonly ConversationMetrics[], ctx, period, agentId === undefined ? {} : { agentId });
}

export interface FigureInputs {
  metrics: readonly MetricsInput[];
  reviews: readonly ReviewInput[];
  ctx: SummaryContext;
  now: number;
}

/** Every figure of one week for everyone (agentId undefined) or one agent. */
export function weekFigures(inputs: FigureInputs, week: string, agentId?: string): WeekFigures {
  const timezone = inputs.ctx.business?.timezone ?? 'UTC';
  const period = isoWeekRange(week, timezone);
  const inWeek: FigureMetrics[] = [];
  const creditedTo = new Map<string, string | undefined>();
  for (const { key, metrics } of inputs.metrics) {
    creditedTo.set(key, metrics.agentId);
    const span = summarySpan(metrics);
    const running = metrics.open.length > 0;
    // A running conversation can still breach a target or be open in the period.
    if (span.from < period.to && (running || span.to >= period.from)) inWeek.push(metrics);
  }
  return {
    week,
    period,
    summary: summarizeFigures(inWeek, inputs.ctx, period, agentId),
    concurrency: peakConcurrency(inWeek, period, inputs.now, agentId),
    qa: qaScore(inputs.reviews, period, creditedTo, agentId),
  };
}

// ---------------------------------------------------------------------------------------------
// Headline numbers: value, n, definition and which direction is better

export type Direction = 'lower' | 'higher' | 'neutral';
export type ValueKind = 'seconds' | 'share' | 'count';

export interface Headline {
  id: string;
  label: string;
  kind: ValueKind;
  better: Direction;
  /** The written definition shown on hover. */
  definition: string;
  value: (f: WeekFigures, clock: Clock) => number | null;
  n: (f: WeekFigures, clock: Clock) => number;
}

/** "Name. Starts: … Stops: … Excluded: … Time: … Aggregation: …", the words of docs/metrics.md. */
export function definitionOf(id: MetricId): string {
  const d = METRIC_DEFINITIONS.find((m) => m.id === id);
  if (!d) return '';
  return `${d.name}. Starts: ${d.start} Stops: ${d.stop} Excluded: ${d.exclusions} Time: ${d.time} Aggregation: ${d.aggregation} Period: ${d.period}`;
}

/** Figures the engine's definitions do not cover yet, written the same way. */
export const EXTRA_DEFINITIONS = {
  conversations:
    'Conversations handled. Conversations with a measurement in the period: created in it, or with a reply, resolution, rating or target result in it; for one agent, the conversations credited to them (last human replier, else assignee). Unverified conversations never count.',
  concurrency:
    'Peak concurrency. The most conversations open at the same moment within the period: open from the start of each open→resolved cycle to its resolution, to now while unresolved; for one agent, the conversations credited to them. Unverified conversations never count.',
  qa: 'QA score. Mean score (0–100 %) of the quality reviews made in the period (weighted checklist items, N/A left out, a critical fail scores 0); for one agent, reviews of the conversations credited to them. Reviews every item of which is N/A have no score.',
} as const;

const duration = (pick: (s: Summary) => { business: Aggregate; calendar: Aggregate }) => ({
  value: (f: WeekFigures, clock: Clock) => pick(f.summary)[clock].median,
  n: (f: WeekFigures, clock: Clock) => pick(f.summary)[clock].n,
});

export const HEADLINES: readonly Headline[] = [
  {
    id: 'firstResponse',
    label: 'First response',
    kind: 'seconds',
    better: 'lower',
    definition: definitionOf('firstResponse'),
    ...duration((s) => s.firstResponse),
  },
  {
    id: 'nextResponse',
    label: 'Next response',
    kind: 'seconds',
    better: 'lower',
    definition: definitionOf('nextResponse'),
    ...duration((s) => s.reply),
  },
  {
    id: 'resolution',
    label: 'Resolution',
    kind: 'seconds',
    better: 'lower',
    definition: definitionOf('resolution'),
    ...duration((s) => s.resolution),
  },
  {
    id: 'targets',
    label: 'Target hit rate',
    kind: 'share',
    better: 'higher',
    definition: definitionOf('targets'),
    value: (f) => f.summary.targets.all.rate,
    n: (f) => f.summary.targets.all.n,
  },
  {
    id: 'conversations',
    label: 'Conversations',
    kind: 'count',
    better: 'neutral',
    definition: EXTRA_DEFINITIONS.conversations,
    value: (f) => f.summary.conversations,
    n: (f) => f.summary.conversations,
  },
  {
    id: 'concurrency',
    label: 'Peak concurrency',
    kind: 'count',
    better: 'neutral',
    definition: EXTRA_DEFINITIONS.concurrency,
    value: (f) => f.concurrency.peak,
    n: (f) => f.concurrency.n,
  },
  {
    id: 'handleTime',
    label: 'Handle time',
    kind: 'seconds',
    better: 'neutral',
    definition: definitionOf('handleTime'),
    value: (f) => f.summary.handleSeconds.median,
    n: (f) => f.summary.handleSeconds.n,
  },
  {
    id: 'qa',
    label: 'QA score',
    kind: 'share',
    better: 'higher',
    definition: EXTRA_DEFINITIONS.qa,
    value: (f) => f.qa.mean,
    n: (f) => f.qa.n,
  },
  {
    id: 'csat',
    label: 'CSAT',
    kind: 'share',
    better: 'higher',
    definition: definitionOf('csat'),
    value: (f) => f.summary.csat.score,
    n: (f) => f.summary.csat.n,
  },
];

export type Verdict = 'better' | 'worse' | 'same' | 'neutral' | 'unknown';

export interface Change {
  /** current − previous; null when either week has no figure. */
  delta: number | null;
  verdict: Verdict;
}

/** The week-over-week change of a headline number, judged by the direction that is better for it. */
export function weekChange(headline: Headline, current: WeekFigures, previous: WeekFigures | null, clock: Clock): Change {
  const now = headline.value(current, clock);
  const before = previous ? headline.value(previous, clock) : null;
  if (now === null || before === null) return { delta: null, verdict: 'unknown' };
  const delta = now - before;
  if (delta === 0) return { delta, verdict: 'same' };
  if (headline.better === 'neutral') return { delta, verdict: 'neutral' };
  const improved = headline.better === 'lower' ? delta < 0 : delta > 0;
  return { delta, verdict: improved ? 'better' : 'worse' };
}

/** What "small sample" means beside a week's figure. */
export const SMALL_SAMPLE_HINT = `Fewer than ${SMALL_SAMPLE} conversations behind this figure: normal for a quiet week, but one conversation moves it a lot. Read it with care.`;

export function isSmallSample(n: number): boolean {
  return n < SMALL_SAMPLE;
}
