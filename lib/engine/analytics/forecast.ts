/**
 * Breach forecast for every waiting conversation.
 *
 *   throughput      = human replies that ended a customer's wait in the last 60 minutes
 *                     ÷ working minutes in those 60 minutes (business calendar)
 *   queue position  = 1 for the longest-waiting conversation, 2 for the next, …
 *   expected reply  = now + position ÷ throughput working minutes, mapped through the business
 *                     calendar (WorkClock.addWorkingMs: closed hours do not count)
 *   likely to breach ⇔ expected reply > due time of the running response target
 *
 * The queue is served oldest first at the team's recent pace: a plain, checkable model (no
 * learning), whose every input is part of the result. Conversations already past due are
 * "breached", not forecast. With under FORECAST_MIN_WORKING_MINUTES of working time in the
 * window there is no forecast (null); with working time but no reply at all, nobody is
 * answering: every running target is likely to breach, with no expected reply time.
 * The accuracy on the Demo Desk's simulated history is measured by `npm run bench -- forecast`.
 */
import type { WorkClock } from '../calendar';
import { FORECAST_MIN_WORKING_MINUTES, FORECAST_THROUGHPUT_WINDOW_MINUTES } from '../definitions';
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
  /** True when the expected reply comes after the due time; null when there is no forecast. */
  likely: boolean | null;
  /** Calendar minutes from now to the due time (negative once breached). */
  minutesToDue: number | null;
  /** Calendar minutes between the expected reply and the due time (negative: after it). */
  marginMinutes: number | null;
  /** Why a figure is missing or decided without an estimate. */
  reason?: ForecastReason;
}

export interface QueueForecast {
  now: number;
  throughput: Throughput;
  forecasts: BreachForecast[];
}

/** Replies that ended a wait: the first response and every next response, by their reply time. */
export function recentThroughput(metrics: readonly ConversationMetrics[], business: WorkClock, now: number, windowMinutes = FORECAST_THROUGHPUT_WINDOW_MINUTES): Throughput {
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
    if (throughput.perWorkingMinute === null) return { ...base, expectedReplyAt: null, likely: null, marginMinutes: null, reason: 'no-recent-working-time' };
    if (throughput.perWorkingMinute === 0) return { ...base, expectedReplyAt: null, likely: true, marginMinutes: null, reason: 'no-recent-replies' };
    const expected = expectedReplyAt(business, now, position, throughput.perWorkingMinute) as number;
    return { ...base, expectedReplyAt: expected, likely: expected > target.dueAt, marginMinutes: (target.dueAt - expected) / MINUTE };
  });
  return { now, throughput, forecasts };
}

/** The forecast in words, as the side panel shows it ("likely to breach in ~12 min"). */
export function describeForecast(f: BreachForecast): string {
  if (f.reason === 'breached') return 'breached';
  if (f.reason === 'no-target') return 'no target';
  if (f.likely === null) return 'no forecast (not enough recent working time)';
  const minutes = f.minutesToDue === null ? null : Math.max(0, Math.round(f.minutesToDue));
  if (f.likely) return f.reason === 'no-recent-replies' ? `likely to breach in ~${minutes} min (no replies in the last hour)` : `likely to breach in ~${minutes} min`;
  return 'likely on time';
}
