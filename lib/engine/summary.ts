/**
 * Summaries of many conversations' metrics: aggregates, rates and target hit rates, for a
 * period, an agent, a local day or an ISO week.
 *
 * Period membership (see definitions.ts): by default a measurement belongs to the period of
 * its stop event (the reply, the resolution, the rating) — Chatwoot and Gorgias group by the
 * event's time. A profile with `period: 'conversation-start'` (Intercom: "filtered by the
 * date they were started") places every measurement in the period of the conversation's
 * creation instead. Periods are half-open [from, to). Unverified conversations never count.
 */
import { aggregate, histogram } from './aggregate';
import { isoWeekKey, isoWeekRange, localDate, localDayRange } from './local-time';
import { CES_EASY_MIN, CSAT_SATISFIED_MIN } from './definitions';
import type { Profile } from './profiles';
import { HistogramCounts, SortedValues } from './sorted-values';
import type { Aggregate, ConversationMetrics, DurationAggregate, Figure, Summary, TargetHitRate, TargetResult } from './types';

export interface Period {
  from: number;
  to: number;
}

/** What a summary needs from the engine context. */
export interface SummaryContext {
  profile: Profile;
  targets: { clock: 'business' | 'calendar' };
  /** The calendar's time zone, for day and week grouping. */
  business?: { timezone: string };
}

export interface SummaryOptions {
  /** Only what this agent is credited with: their replies, their resolutions, their conversations' ratings. */
  agentId?: string;
}

// Figure kinds, in the order of the summary's duration aggregates.
const FIRST_RESPONSE = 0;
const REPLY = 1;
const RESOLUTION = 2;
const FROM_CREATION = 3;
const HANDOFF = 4;
const CYCLES = 5;
const DURATION_KINDS = 6;
// Target kinds of the hit rates.
const HIT_FIRST = 0;
const HIT_NEXT = 1;
const HIT_RESOLUTION = 2;
const HIT_ALL = 3;

/** Which measurements count: the period (or all time), start bucketing, one agent's share. */
class Scope {
  constructor(
    readonly period: Period | undefined,
    readonly byStart: boolean,
    readonly agent: string | undefined,
  ) {}

  inPeriod(t: number): boolean {
    return this.period === undefined || (t >= this.period.from && t < this.period.to);
  }

  /** With start bucketing every measurement of an included conversation counts. */
  within(t: number): boolean {
    return this.byStart || this.inPeriod(t);
  }

  mine(agentId: string | undefined): boolean {
    return this.agent === undefined || agentId === this.agent;
  }
}

/** What conversations add to a summary: the values behind each aggregate, and the counts. */
class Tally {
  readonly calendar: number[][] = Array.from({ length: DURATION_KINDS }, () => []);
  readonly business: number[][] = Array.from({ length: DURATION_KINDS }, () => []);
  readonly handle: number[] = [];
  readonly hitN = [0, 0, 0, 0];
  readonly hitMet = [0, 0, 0, 0];
  conversations = 0;
  reopens = 0;
  resolvedConversations = 0;
  reopenedConversations = 0;
  oneTouch = 0;
  botResolved = 0;
  csatN = 0;
  csatSatisfied = 0;
  cesN = 0;
  cesSum = 0;
  cesEasy = 0;

  duration(kind: number, seconds: number, businessSeconds: number): void {
    this.calendar[kind].push(seconds);
    this.business[kind].push(businessSeconds);
  }

  /** Counts a target result for its kind and for all targets. */
  hit(kind: number, result: TargetResult | null, scope: Scope): void {
    if (!result) return;
    const state = result.state;
    let at: number;
    if (state === 'met' || state === 'missed') at = result.stoppedAt as number;
    else if (state === 'breached') at = result.dueAt;
    else return;
    if (!scope.within(at)) return;
    this.hitN[kind]++;
    this.hitN[HIT_ALL]++;
    if (state === 'met') {
      this.hitMet[kind]++;
      this.hitMet[HIT_ALL]++;
    }
  }

  /** Adds (sign 1) or takes away (sign −1) another tally's counts; values are not touched. */
  addCounts(other: Tally, sign: number): void {
    this.conversations += sign * other.conversations;
    this.reopens += sign * other.reopens;
    this.resolvedConversations += sign * other.resolvedConversations;
    this.reopenedConversations += sign * other.reopenedConversations;
    this.oneTouch += sign * other.oneTouch;
    this.botResolved += sign * other.botResolved;
    this.csatN += sign * other.csatN;
    this.csatSatisfied += sign * other.csatSatisfied;
    this.cesN += sign * other.cesN;
    this.cesSum += sign * other.cesSum;
    this.cesEasy += sign * other.cesEasy;
    for (let k = 0; k < 4; k++) {
      this.hitN[k] += sign * other.hitN[k];
      this.hitMet[k] += sign * other.hitMet[k];
    }
  }

  reset(): void {
    for (let k = 0; k < DURATION_KINDS; k++) {
      this.calendar[k].length = 0;
      this.business[k].length = 0;
    }
    this.handle.length = 0;
    this.hitN.fill(0);
    this.hitMet.fill(0);
    this.conversations = this.reopens = this.resolvedConversations = this.reopenedConversations = 0;
    this.oneTouch = this.botResolved = this.csatN = this.csatSatisfied = this.cesN = this.cesSum = this.cesEasy = 0;
  }
}

function takeFigures(figures: readonly Figure[], kind: number, scope: Scope, into: Tally): boolean {
  let touched = false;
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i];
    if (!scope.within(f.stoppedAt) || !scope.mine(f.agentId)) continue;
    into.duration(kind, f.seconds, f.businessSeconds);
    touched = true;
  }
  return touched;
}

/** Adds one conversation's share of the summary to `into`. */
function collect(m: ConversationMetrics, scope: Scope, into: Tally): void {
  if (m.unverified) return;
  // Nothing of a conversation whose span misses the period counts (metrics without a span are read in full).
  const period = scope.period;
  if (period !== undefined && ((m.spanTo as number) < period.from || (m.spanFrom as number) >= period.to)) return;
  const startIn = scope.inPeriod(m.createdAt);
  if (scope.byStart && !startIn) return;
  const agent = scope.agent;
  const credited = agent === undefined || m.agentId === agent;
  let touched = startIn;

  if (takeFigures(m.reported.firstResponse, FIRST_RESPONSE, scope, into)) touched = true;
  if (takeFigures(m.reported.reply, REPLY, scope, into)) touched = true;
  if (takeFigures(m.reported.resolution, RESOLUTION, scope, into)) touched = true;
  const resolutions = m.resolutions;
  for (let i = 0; i < resolutions.length; i++) {
    const r = resolutions[i];
    if (scope.within(r.resolvedAt) && scope.mine(r.agentId)) {
      into.duration(FROM_CREATION, r.fromCreation.seconds, r.fromCreation.businessSeconds);
      into.duration(CYCLES, r.seconds, r.businessSeconds);
      touched = true;
    }
  }
  if (m.handoff && credited && scope.within(m.handoff.at)) into.duration(HANDOFF, m.handoff.seconds, m.handoff.businessSeconds);

  if (credited) {
    if (m.csat !== undefined && m.csatAt !== undefined && scope.within(m.csatAt)) {
      into.csatN++;
      if (m.csat >= CSAT_SATISFIED_MIN) into.csatSatisfied++;
      touched = true;
    }
    if (m.ces !== undefined && m.cesAt !== undefined && scope.within(m.cesAt)) {
      into.cesN++;
      into.cesSum += m.ces;
      if (m.ces >= CES_EASY_MIN) into.cesEasy++;
      touched = true;
    }
    const targets = m.targets;
    into.hit(HIT_FIRST, targets.firstResponse, scope);
    const next = targets.nextResponse;
    for (let i = 0; i < next.length; i++) into.hit(HIT_NEXT, next[i], scope);
    into.hit(HIT_RESOLUTION, targets.resolution, scope);
  }

  const lastResolution = resolutions.length ? resolutions[resolutions.length - 1] : null;
  if (credited && lastResolution && scope.within(lastResolution.resolvedAt)) {
    if (m.oneTouch) into.oneTouch++;
    if (m.botResolved) into.botResolved++;
  }
  if (!touched || !credited) return;
  into.conversations++;
  into.reopens += m.reopens;
  if (resolutions.length > 0) {
    into.resolvedConversations++;
    if (m.reopens > 0) into.reopenedConversations++;
  }
  const handleSeconds = agent === undefined ? m.handleSeconds : (m.handleSecondsByAgent[agent] ?? 0);
  if (handleSeconds > 0) into.handle.push(handleSeconds);
}

function hitRate(counts: Tally, kind: number): TargetHitRate {
  const n = counts.hitN[kind];
  const met = counts.hitMet[kind];
  return { n, met, rate: n === 0 ? null : met / n };
}

/** The summary from its aggregates (in DURATION_KINDS order) and counts. */
function assemble(ctx: SummaryContext, durations: readonly DurationAggregate[], handle: Aggregate, counts: Tally): Summary {
  const { resolvedConversations, oneTouch, csatN, cesN } = counts;
  return {
    primary: ctx.profile.aggregation,
    conversations: counts.conversations,
    firstResponse: durations[FIRST_RESPONSE],
    reply: durations[REPLY],
    resolution: durations[RESOLUTION],
    resolutionFromCreation: durations[FROM_CREATION],
    resolutionCycles: durations[CYCLES],
    handoff: durations[HANDOFF],
    handleSeconds: handle,
    reopens: counts.reopens,
    reopenRate: resolvedConversations === 0 ? null : counts.reopenedConversations / resolvedConversations,
    oneTouch: { count: oneTouch, n: resolvedConversations, share: resolvedConversations === 0 ? null : oneTouch / resolvedConversations },
    botResolved: counts.botResolved,
    csat: { n: csatN, score: csatN === 0 ? null : counts.csatSatisfied / csatN },
    ces: { n: cesN, mean: cesN === 0 ? null : counts.cesSum / cesN, shareEasy: cesN === 0 ? null : counts.cesEasy / cesN },
    targets: {
      firstResponse: hitRate(counts, HIT_FIRST),
      nextResponse: hitRate(counts, HIT_NEXT),
      resolution: hitRate(counts, HIT_RESOLUTION),
      all: hitRate(counts, HIT_ALL),
    },
  };
}

export function summarize(
  metrics: readonly ConversationMetrics[],
  ctx: SummaryContext,
  period?: Period,
  options: SummaryOptions = {},
): Summary {
  const scope = new Scope(period || undefined, ctx.profile.period === 'conversation-start', options.agentId);
  const tally = new Tally();
  for (let i = 0; i < metrics.length; i++) collect(metrics[i], scope, tally);

  const clock = ctx.targets.clock;
  const durations: DurationAggregate[] = [];
  for (let k = 0; k < DURATION_KINDS; k++) {
    const calendar = tally.calendar[k];
    const business = tally.business[k];
    durations.push({
      calendar: aggregate(calendar),
      business: aggregate(business),
      histogram: histogram(clock === 'business' ? business : calendar),
    });
  }
  return assemble(ctx, durations, aggregate(tally.handle), tally);
}

/** Every agent credited with something (a reply, a resolution, a conversation). */
export function agentsOf(metrics: readonly ConversationMetrics[]): string[] {
  const ids = new Set<string>();
  for (const m of metrics) {
    if (m.agentId) ids.add(m.agentId);
    for (const f of m.reported.firstResponse) if (f.agentId) ids.add(f.agentId);
    for (const f of m.reported.reply) if (f.agentId) ids.add(f.agentId);
    for (const r of m.resolutions) if (r.agentId) ids.add(r.agentId);
  }
  return [...ids].sort();
}

export function summarizeByAgent(metrics: readonly ConversationMetrics[], ctx: SummaryContext, period?: Period): Record<string, Summary> {
  const out: Record<string, Summary> = {};
  for (const id of agentsOf(metrics)) out[id] = summarize(metrics, ctx, period, { agentId: id });
  return out;
}

/** Times that can place a conversation's measurements in a period. */
function bucketTimes(m: ConversationMetrics, byStart: boolean): number[] {
  if (byStart) return [m.createdAt];
  const times = [m.createdAt];
  for (const f of m.reported.firstResponse) times.push(f.stoppedAt);
  for (const f of m.reported.reply) times.push(f.stoppedAt);
  for (const r of m.resolutions) times.push(r.resolvedAt);
  if (m.csatAt !== undefined) times.push(m.csatAt);
  if (m.cesAt !== undefined) times.push(m.cesAt);
  return times;
}

function summarizeBy(
  metrics: readonly ConversationMetrics[],
  ctx: SummaryContext,
  keyOf: (t: number, tz: string) => string,
  rangeOf: (key: string, tz: string) => Period,
  period?: Period,
): Record<string, Summary> {
  const tz = ctx.business?.timezone ?? 'UTC';
  const byStart = ctx.profile.period === 'conversation-start';
  const keys = new Set<string>();
  for (const m of metrics) {
    if (m.unverified) continue;
    for (const t of bucketTimes(m, byStart)) {
      if (!period || (t >= period.from && t < period.to)) keys.add(keyOf(t, tz));
    }
  }
  const out: Record<string, Summary> = {};
  for (const key of [...keys].sort()) {
    const range = rangeOf(key, tz);
    // A day or week cut by the requested period keeps only the overlap.
    const clipped = period ? { from: Math.max(range.from, period.from), to: Math.min(range.to, period.to) } : range;
    out[key] = summarize(metrics, ctx, clipped);
  }
  return out;
}

/** One summary per local day ("YYYY-MM-DD" in the calendar's zone) that has measurements. */
export function summarizeByDay(metrics: readonly ConversationMetrics[], ctx: SummaryContext, period?: Period): Record<string, Summary> {
  return summarizeBy(metrics, ctx, localDate, localDayRange, period);
}

/** One summary per ISO week ("YYYY-Www" in the calendar's zone) that has measurements. */
export function summarizeByWeek(metrics: readonly ConversationMetrics[], ctx: SummaryContext, period?: Period): Record<string, Summary> {
  return summarizeBy(metrics, ctx, isoWeekKey, isoWeekRange, period);
}

/** Groups conversations by any key (e.g. channel); the key function may return undefined to skip. */
export function groupBy<K extends string>(
  metrics: readonly ConversationMetrics[],
  keyOf: (m: ConversationMetrics) => K | undefined,
): Record<K, ConversationMetrics[]> {
  const out = {} as Record<K, ConversationMetrics[]>;
  for (const m of metrics) {
    const key = keyOf(m);
    if (key === undefined) continue;
    (out[key] ??= []).push(m);
  }
  return out;
}

/**
 * Keeps the latest metrics of every conversation so that a long-lived process can re-measure
 * one changed conversation and read the summary again without going over the others: the
 * incremental path for live figures (the team hub, a worker-kept week summary). Nothing in the
 * extension uses it yet; summarize() is the one-shot path.
 *
 * The summary is maintained incrementally: adding, replacing or removing a conversation takes
 * its old share out of sorted value stores and counters and puts the new one in (about a
 * microsecond per value), so reading the summary never goes over all conversations. It equals
 * summarize() over the same metrics, the means within floating-point tolerance. Metrics are
 * treated as immutable once added (their share is recomputed from them on replace and remove).
 */
export class SummaryAccumulator {
  private readonly byId = new Map<string, ConversationMetrics>();
  private cached: Summary | null = null;
  private readonly scope: Scope;
  /** One conversation's share, reused for every change. */
  private readonly share = new Tally();
  private readonly counts = new Tally();
  private readonly calendar: SortedValues[] = [];
  private readonly business: SortedValues[] = [];
  private readonly calendarHistograms: HistogramCounts[] = [];
  private readonly businessHistograms: HistogramCounts[] = [];
  private readonly handle = new SortedValues();

  constructor(
    private readonly ctx: SummaryContext,
    private readonly period?: Period,
  ) {
    this.scope = new Scope(period || undefined, ctx.profile.period === 'conversation-start', undefined);
    for (let k = 0; k < DURATION_KINDS; k++) {
      this.calendar.push(new SortedValues());
      this.business.push(new SortedValues());
      this.calendarHistograms.push(new HistogramCounts());
      this.businessHistograms.push(new HistogramCounts());
    }
  }

  /** Adds a conversation's metrics, replacing its previous ones. */
  add(metrics: ConversationMetrics): void {
    const previous = this.byId.get(metrics.id);
    if (previous !== undefined) this.apply(previous, -1);
    this.byId.set(metrics.id, metrics);
    this.apply(metrics, 1);
    this.cached = null;
  }

  remove(id: string): boolean {
    const previous = this.byId.get(id);
    if (previous === undefined) return false;
    this.byId.delete(id);
    this.apply(previous, -1);
    this.cached = null;
    return true;
  }

  get size(): number {
    return this.byId.size;
  }

  metrics(): ConversationMetrics[] {
    return [...this.byId.values()];
  }

  summary(): Summary {
    if (this.cached === null) {
      const clock = this.ctx.targets.clock;
      const durations: DurationAggregate[] = [];
      for (let k = 0; k < DURATION_KINDS; k++) {
        durations.push({
          calendar: this.calendar[k].aggregate(),
          business: this.business[k].aggregate(),
          histogram: (clock === 'business' ? this.businessHistograms[k] : this.calendarHistograms[k]).result(),
        });
      }
      this.cached = assemble(this.ctx, durations, this.handle.aggregate(), this.counts);
    }
    return this.cached;
  }

  /** Puts one conversation's share into the summary (sign 1) or takes it out (sign −1). */
  private apply(metrics: ConversationMetrics, sign: 1 | -1): void {
    const share = this.share;
    share.reset();
    collect(metrics, this.scope, share);
    for (let k = 0; k < DURATION_KINDS; k++) {
      this.change(this.calendar[k], this.calendarHistograms[k], share.calendar[k], sign);
      this.change(this.business[k], this.businessHistograms[k], share.business[k], sign);
    }
    this.change(this.handle, null, share.handle, sign);
    this.counts.addCounts(share, sign);
  }

  private change(store: SortedValues, histogram: HistogramCounts | null, values: readonly number[], sign: 1 | -1): void {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (sign > 0) store.add(value);
      else if (!store.remove(value)) throw new Error(`SummaryAccumulator: a conversation's metrics changed after they were added`);
      histogram?.change(value, sign);
    }
  }
}
