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
import { isoWeekKey, isoWeekRange, localDate, localDayRange } from './calendar';
import { CES_EASY_MIN, CSAT_SATISFIED_MIN } from './definitions';
import type { Profile } from './profiles';
import type {
  ConversationMetrics,
  DurationAggregate,
  Figure,
  Summary,
  TargetHitRate,
  TargetResult,
} from './types';

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

class DurationValues {
  calendar: number[] = [];
  business: number[] = [];
  push(seconds: number, businessSeconds: number) {
    this.calendar.push(seconds);
    this.business.push(businessSeconds);
  }
  result(clock: 'business' | 'calendar'): DurationAggregate {
    return {
      calendar: aggregate(this.calendar),
      business: aggregate(this.business),
      histogram: histogram(clock === 'business' ? this.business : this.calendar),
    };
  }
}

class HitCounter {
  n = 0;
  met = 0;
  add(result: TargetResult | null, within: (t: number) => boolean) {
    if (!result) return;
    let at: number;
    if (result.state === 'met' || result.state === 'missed') at = result.stoppedAt as number;
    else if (result.state === 'breached') at = result.dueAt;
    else return;
    if (!within(at)) return;
    this.n++;
    if (result.state === 'met') this.met++;
  }
  result(): TargetHitRate {
    return { n: this.n, met: this.met, rate: this.n === 0 ? null : this.met / this.n };
  }
}

export function summarize(
  metrics: readonly ConversationMetrics[],
  ctx: SummaryContext,
  period?: Period,
  options: SummaryOptions = {},
): Summary {
  const byStart = ctx.profile.period === 'conversation-start';
  const agent = options.agentId;
  const inPeriod = period ? (t: number) => t >= period.from && t < period.to : () => true;

  const first = new DurationValues();
  const reply = new DurationValues();
  const resolution = new DurationValues();
  const fromCreation = new DurationValues();
  const handoff = new DurationValues();
  const handle: number[] = [];
  const hits = { first: new HitCounter(), next: new HitCounter(), resolution: new HitCounter(), all: new HitCounter() };
  let conversations = 0;
  let reopens = 0;
  let resolvedConversations = 0;
  let reopenedConversations = 0;
  let oneTouch = 0;
  let botResolved = 0;
  let csatN = 0;
  let csatSatisfied = 0;
  let cesN = 0;
  let cesSum = 0;
  let cesEasy = 0;

  for (const m of metrics) {
    if (m.unverified) continue;
    const startIn = inPeriod(m.createdAt);
    if (byStart && !startIn) continue;
    // With start bucketing every measurement of an included conversation counts.
    const within = byStart ? () => true : inPeriod;
    const credited = agent === undefined || m.agentId === agent;
    const mine = (f: { agentId?: string }) => agent === undefined || f.agentId === agent;
    let touched = startIn;

    const take = (figures: readonly Figure[], into: DurationValues) => {
      for (const f of figures) {
        if (!within(f.stoppedAt) || !mine(f)) continue;
        into.push(f.seconds, f.businessSeconds);
        touched = true;
      }
    };
    take(m.reported.firstResponse, first);
    take(m.reported.reply, reply);
    take(m.reported.resolution, resolution);
    for (const r of m.resolutions) {
      if (within(r.resolvedAt) && mine(r)) {
        fromCreation.push(r.fromCreation.seconds, r.fromCreation.businessSeconds);
        touched = true;
      }
    }
    if (m.handoff && credited && within(m.handoff.at)) handoff.push(m.handoff.seconds, m.handoff.businessSeconds);

    if (credited) {
      if (m.csat !== undefined && m.csatAt !== undefined && within(m.csatAt)) {
        csatN++;
        if (m.csat >= CSAT_SATISFIED_MIN) csatSatisfied++;
        touched = true;
      }
      if (m.ces !== undefined && m.cesAt !== undefined && within(m.cesAt)) {
        cesN++;
        cesSum += m.ces;
        if (m.ces >= CES_EASY_MIN) cesEasy++;
        touched = true;
      }
      hits.first.add(m.targets.firstResponse, within);
      hits.all.add(m.targets.firstResponse, within);
      for (const r of m.targets.nextResponse) {
        hits.next.add(r, within);
        hits.all.add(r, within);
      }
      hits.resolution.add(m.targets.resolution, within);
      hits.all.add(m.targets.resolution, within);
    }

    const lastResolution = m.resolutions.length ? m.resolutions[m.resolutions.length - 1] : null;
    if (credited && lastResolution && within(lastResolution.resolvedAt)) {
      if (m.oneTouch) oneTouch++;
      if (m.botResolved) botResolved++;
    }
    if (!touched || !credited) continue;
    conversations++;
    reopens += m.reopens;
    if (m.resolutions.length > 0) {
      resolvedConversations++;
      if (m.reopens > 0) reopenedConversations++;
    }
    const handleSeconds = agent === undefined ? m.handleSeconds : (m.handleSecondsByAgent[agent] ?? 0);
    if (handleSeconds > 0) handle.push(handleSeconds);
  }

  const clock = ctx.targets.clock;
  return {
    primary: ctx.profile.aggregation,
    conversations,
    firstResponse: first.result(clock),
    reply: reply.result(clock),
    resolution: resolution.result(clock),
    resolutionFromCreation: fromCreation.result(clock),
    handoff: handoff.result(clock),
    handleSeconds: aggregate(handle),
    reopens,
    reopenRate: resolvedConversations === 0 ? null : reopenedConversations / resolvedConversations,
    oneTouch: { n: oneTouch, share: resolvedConversations === 0 ? null : oneTouch / resolvedConversations },
    botResolved,
    csat: { n: csatN, score: csatN === 0 ? null : csatSatisfied / csatN },
    ces: { n: cesN, mean: cesN === 0 ? null : cesSum / cesN, shareEasy: cesN === 0 ? null : cesEasy / cesN },
    targets: {
      firstResponse: hits.first.result(),
      nextResponse: hits.next.result(),
      resolution: hits.resolution.result(),
      all: hits.all.result(),
    },
  };
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

export function summarizeByAgent(
  metrics: readonly ConversationMetrics[],
  ctx: SummaryContext,
  period?: Period,
): Record<string, Summary> {
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
 * Keeps the latest metrics of every conversation so the background worker can re-measure one
 * changed conversation and read the summary again without re-measuring the others. The summary
 * is recomputed lazily, once per change, when read.
 */
export class SummaryAccumulator {
  private readonly byId = new Map<string, ConversationMetrics>();
  private cached: Summary | null = null;

  constructor(private readonly ctx: SummaryContext, private readonly period?: Period) {}

  /** Adds a conversation's metrics, replacing its previous ones. */
  add(metrics: ConversationMetrics): void {
    this.byId.set(metrics.id, metrics);
    this.cached = null;
  }

  remove(id: string): boolean {
    const removed = this.byId.delete(id);
    if (removed) this.cached = null;
    return removed;
  }

  get size(): number {
    return this.byId.size;
  }

  metrics(): ConversationMetrics[] {
    return [...this.byId.values()];
  }

  summary(): Summary {
    if (this.cached === null) this.cached = summarize([...this.byId.values()], this.ctx, this.period);
    return this.cached;
  }
}
