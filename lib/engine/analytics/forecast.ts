/**
 * Breach forecast for every waiting conversation.
 *
 *   elapsed share   = working time since the wait began ÷ the target's working time (0.5 = half gone)
 *   recent waits    = response waits whose target fell due in the last FORECAST_HISTORY_HOURS
 *                     (their outcome is known: met or breached)
 *   P(breach)       = of the recent waits of the same clock (first or next response) — same
 *                     channel when it has FORECAST_MIN_COMPARABLE_WAITS of them — that lasted at
 *                     least this elapsed share, the share that breached
 *   queue model     = expected reply at now + queue position ÷ recent throughput, mapped through
 *                     the business calendar (1 = longest waiting; closed hours do not count)
 *   likely to breach ⇔ P ≥ FORECAST_LIKELY_PROBABILITY, or elapsed share ≥ 50 % unless
 *                     P < FORECAST_UNLIKELY_PROBABILITY while the queue model has the reply in time
 *   thin history    ⇔ fewer comparable waits than FORECAST_MIN_COMPARABLE_WAITS: elapsed share ≥ 50 %
 *
 * A plain, checkable model (counts, no fitting) whose every input is part of the result, made
 * from the team's own past only (nothing after `now`). Conversations already past due are
 * "breached", not forecast. With under FORECAST_MIN_WORKING_MINUTES of working time in the last
 * hour there is no forecast (null). The accuracy on the Demo Desk's simulated history, beside the
 * elapsed-share baseline, is measured by `npm run bench -- forecast`.
 */
import type { WorkClock } from '../business-clock';
import {
  FORECAST_FALLBACK_ELAPSED_SHARE,
  FORECAST_HISTORY_HOURS,
  FORECAST_LIKELY_PROBABILITY,
  FORECAST_MIN_COMPARABLE_WAITS,
  FORECAST_MIN_WORKING_MINUTES,
  FORECAST_THROUGHPUT_WINDOW_MINUTES,
  FORECAST_UNLIKELY_PROBABILITY,
} from '../definitions';
import type { ConversationMetrics, OpenClock, TargetState } from '../types';

const MINUTE = 60_000;

export interface ForecastInput {
  now: number;
  /**
   * Metrics measured at `now`: the waiting conversations to forecast, and every conversation
   * with a reply in the throughput window (their reply times give the pace).
   */
  metrics: readonly ConversationMetrics[];
  /** The business calendar (a 24/7 clock when none is configured). */
  business: WorkClock;
  windowMinutes?: number;
  /** Hours of recent waits behind the breach probability (FORECAST_HISTORY_HOURS by default). */
  historyHours?: number;
}

export interface Throughput {
  /** Replies that ended a wait in [now − window, now). */
  replies: number;
  windowMinutes: number;
  /** Working minutes of the business calendar in the window. */
  workingMinutes: number;
  /** replies ÷ workingMinutes; null under FORECAST_MIN_WORKING_MINUTES. */
  perWorkingMinute: number | null;
}

export type ForecastReason = 'breached' | 'no-target' | 'no-recent-working-time' | 'no-recent-replies';

/** What decided `likely`: the recent waits' breach probability, or the elapsed-share rule when they are too few. */
export type ForecastBasis = 'recent-waits' | 'elapsed-share';

/** One response wait whose target fell due in the history window: its outcome is known. */
export interface RecentWait {
  clock: 'firstResponse' | 'nextResponse';
  channel?: string;
  /** Share of the target's working time elapsed when the wait ended; Infinity when it breached. */
  endShare: number;
  breached: boolean;
}

export interface BreachEstimate {
  /** Breached ÷ comparable; null under FORECAST_MIN_COMPARABLE_WAITS comparable waits. */
  probability: number | null;
  /** Recent waits of the same clock that lasted at least the given share of their target. */
  comparable: number;
  breached: number;
  /** 'channel' when the conversation's channel alone had enough comparable waits. */
  scope: 'channel' | 'all-channels';
}

export interface BreachForecast {
  conversationId: string;
  clock: 'firstResponse' | 'nextResponse';
  waitingSince: number;
  /** The running target's due time; null when no response target is set. */
  dueAt: number | null;
  state: TargetState | null;
  /** 1 = longest waiting. */
  position: number;
  queueLength: number;
  /** Expected time of the reply; null when it cannot be estimated. */
  expectedReplyAt: number | null;
  /** Likely to breach (see the module's rule); null when there is no forecast. */
  likely: boolean | null;
  /** Calendar minutes from now to the due time (negative once breached). */
  minutesToDue: number | null;
  /** Calendar minutes between the expected reply and the due time (negative: after it). */
  marginMinutes: number | null;
  /** Why a figure is missing or decided without an estimate. */
  reason?: ForecastReason;
  /** Share of the target's working time elapsed at `now` (0.5 = half the target gone); null without a running target. */
  elapsedShare?: number | null;
  /** Estimated probability of a breach from the recent waits; null when they are too few. */
  breachProbability?: number | null;
  /** Recent waits of the same clock (and channel, when `scope` is 'channel') that lasted at least as long. */
  comparableWaits?: number;
  scope?: 'channel' | 'all-channels';
  /** What decided `likely`. */
  basis?: ForecastBasis;
}

export interface QueueForecast {
  now: number;
  throughput: Throughput;
  /** The recent waits behind the breach probabilities. */
  recentWaits?: number;
  forecasts: BreachForecast[];
}

/** Replies that ended a wait: the first response and every next response, by their reply time. */
export function recentThroughput(
  metrics: readonly ConversationMetrics[],
  business: WorkClock,
  now: number,
  windowMinutes = FORECAST_THROUGHPUT_WINDOW_MINUTES,
): Throughput {
  const from = now - windowMinutes * MINUTE;
  let replies = 0;
  for (const m of metrics) {
    if (m.unverified) continue;
    if (m.firstResponse && m.firstResponse.repliedAt >= from && m.firstResponse.repliedAt < now) replies++;
    for (const r of m.replies) if (r.repliedAt >= from && r.repliedAt < now) replies++;
  }
  const workingMinutes = business.workingMs(from, now) / MINUTE;
  return {
    replies,
    windowMinutes,
    workingMinutes,
    perWorkingMinute: workingMinutes < FORECAST_MIN_WORKING_MINUTES ? null : replies / workingMinutes,
  };
}

function responseClock(m: ConversationMetrics): OpenClock | null {
  for (const clock of m.open) if (clock.kind === 'firstResponse' || clock.kind === 'nextResponse') return clock;
  return null;
}

/** The expected reply time of the conversation at `position` in the queue, or null without a pace. */
export function expectedReplyAt(business: WorkClock, now: number, position: number, perWorkingMinute: number | null): number | null {
  if (perWorkingMinute === null || !(perWorkingMinute > 0)) return null;
  return business.addWorkingMs(now, Math.round((position / perWorkingMinute) * MINUTE));
}

/** Working share of the target elapsed from `startedAt` to `at`; null for a target of no working time. */
function targetShare(business: WorkClock, startedAt: number, dueAt: number, at: number): number | null {
  const target = business.workingMs(startedAt, dueAt);
  return target > 0 ? business.workingMs(startedAt, at) / target : null;
}

/**
 * The response waits whose target fell due in [now − hours, now): every one's outcome is known
 * at `now` (met: stopped by the due time; breached: not), so none is cut short by `now`.
 */
export function recentWaits(
  metrics: readonly ConversationMetrics[],
  business: WorkClock,
  now: number,
  hours = FORECAST_HISTORY_HOURS,
): RecentWait[] {
  const from = now - hours * 3_600_000;
  const out: RecentWait[] = [];
  const add = (
    clock: RecentWait['clock'],
    channel: string | undefined,
    t: { startedAt: number; dueAt: number; stoppedAt: number | null },
  ) => {
    if (t.dueAt < from || t.dueAt >= now) return;
    const breached = t.stoppedAt === null || t.stoppedAt > t.dueAt;
    const endShare = breached ? Infinity : targetShare(business, t.startedAt, t.dueAt, t.stoppedAt as number);
    if (endShare !== null) out.push({ clock, channel, endShare, breached });
  };
  for (const m of metrics) {
    if (m.unverified) continue;
    if (m.targets.firstResponse) add('firstResponse', m.channel, m.targets.firstResponse);
    for (const t of m.targets.nextResponse) add('nextResponse', m.channel, t);
  }
  return out;
}

/**
 * P(breach | the wait has lasted `share` of its target) from the recent waits of the same clock:
 * of those that lasted at least as long, the share that breached. The conversation's channel
 * alone when it has enough such waits, else every channel.
 */
export function breachProbability(
  waits: readonly RecentWait[],
  clock: RecentWait['clock'],
  channel: string | undefined,
  share: number,
): BreachEstimate {
  let comparable = 0;
  let breached = 0;
  let channelComparable = 0;
  let channelBreached = 0;
  for (const w of waits) {
    if (w.clock !== clock || w.endShare < share) continue;
    comparable++;
    if (w.breached) breached++;
    if (channel !== undefined && w.channel === channel) {
      channelComparable++;
      if (w.breached) channelBreached++;
    }
  }
  if (channelComparable >= FORECAST_MIN_COMPARABLE_WAITS)
    return { probability: channelBreached / channelComparable, comparable: channelComparable, breached: channelBreached, scope: 'channel' };
  return {
    probability: comparable >= FORECAST_MIN_COMPARABLE_WAITS ? breached / comparable : null,
    comparable,
    breached,
    scope: 'all-channels',
  };
}

export function forecastBreaches(input: ForecastInput): QueueForecast {
  const { now, business } = input;
  const throughput = recentThroughput(input.metrics, business, now, input.windowMinutes);
  const queue: { m: ConversationMetrics; clock: OpenClock; since: number }[] = [];
  for (const m of input.metrics) {
    if (m.unverified || m.status === 'resolved' || m.waitingSince === null) continue;
    const clock = responseClock(m);
    if (clock) queue.push({ m, clock, since: m.waitingSince });
  }
  // Oldest first; equal waits by id so the order never depends on the input's.
  queue.sort((a, b) => a.since - b.since || (a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0));
  const waits = recentWaits(input.metrics, business, now, input.historyHours);
  const forecasts = queue.map(({ m, clock, since }, index): BreachForecast => {
    const position = index + 1;
    const target = clock.target ?? null;
    const base = {
      conversationId: m.id,
      clock: clock.kind as 'firstResponse' | 'nextResponse',
      waitingSince: since,
      dueAt: target ? target.dueAt : null,
      state: target ? target.state : null,
      position,
      queueLength: queue.length,
      minutesToDue: target ? (target.dueAt - now) / MINUTE : null,
    };
    if (!target) return { ...base, expectedReplyAt: null, likely: null, marginMinutes: null, reason: 'no-target' };
    if (target.state === 'breached') return { ...base, expectedReplyAt: null, likely: null, marginMinutes: null, reason: 'breached' };
    if (throughput.perWorkingMinute === null)
      return { ...base, expectedReplyAt: null, likely: null, marginMinutes: null, reason: 'no-recent-working-time' };
    const elapsedShare = targetShare(business, target.startedAt, target.dueAt, now) ?? 1;
    const estimate = breachProbability(waits, base.clock, m.channel, elapsedShare);
    const expected =
      throughput.perWorkingMinute === 0 ? null : (expectedReplyAt(business, now, position, throughput.perWorkingMinute) as number);
    // The queue model alone: nobody replying, or the reply expected after the due time.
    const queueLate = expected === null || expected > target.dueAt;
    const p = estimate.probability;
    const basis: ForecastBasis = p === null ? 'elapsed-share' : 'recent-waits';
    const decision = {
      elapsedShare,
      breachProbability: p,
      comparableWaits: estimate.comparable,
      scope: estimate.scope,
      basis,
      likely:
        p === null
          ? elapsedShare >= FORECAST_FALLBACK_ELAPSED_SHARE
          : p >= FORECAST_LIKELY_PROBABILITY ||
            (elapsedShare >= FORECAST_FALLBACK_ELAPSED_SHARE && !(p < FORECAST_UNLIKELY_PROBABILITY && !queueLate)),
    };
    if (expected === null) return { ...base, ...decision, expectedReplyAt: null, marginMinutes: null, reason: 'no-recent-replies' };
    return { ...base, ...decision, expectedReplyAt: expected, marginMinutes: (target.dueAt - expected) / MINUTE };
  });
  return { now, throughput, recentWaits: waits.length, forecasts };
}

/** The forecast in words, as the side panel shows it ("likely to breach in ~12 min"). */
export function describeForecast(f: BreachForecast): string {
  if (f.reason === 'breached') return 'breached';
  if (f.reason === 'no-target') return 'no target';
  if (f.likely === null) return 'no forecast (not enough recent working time)';
  const minutes = f.minutesToDue === null ? null : Math.max(0, Math.round(f.minutesToDue));
  if (f.likely)
    return f.reason === 'no-recent-replies'
      ? `likely to breach in ~${minutes} min (no replies in the last hour)`
      : `likely to breach in ~${minutes} min`;
  return 'likely on time';
}
