/**
 * Target (SLA) evaluation: due time, at-risk time and state of one clock.
 */
import type { Landing, WorkClock } from './business-clock';
import type { TargetResult, TargetState } from './types';

export type Pauses = ReadonlyArray<readonly [number, number]>;

/**
 * Response and resolution targets as a report or a timeline file states them, in seconds. The
 * clock defaults to business time when a calendar is given; atRiskShare to DEFAULT_AT_RISK_SHARE.
 * The timeline file format (lib/timeline/schema.ts) declares its schema to produce this type.
 */
export interface TargetsSpec {
  clock?: 'business' | 'calendar';
  firstResponseSeconds?: number;
  nextResponseSeconds?: number;
  resolutionSeconds?: number;
  /** Share of a target elapsed from which a running clock is at risk (0 < share < 1). */
  atRiskShare?: number;
}

/**
 * The pauses that can affect a clock running from `from` to `to`: a pause that starts after
 * the clock stopped must not push its due time out.
 */
export function pausesWithin(pauses: Pauses, from: number, to: number): Pauses {
  if (pauses.length === 0) return pauses;
  let all = true;
  for (let i = 0; i < pauses.length; i++) {
    if (pauses[i][1] <= from || pauses[i][0] >= to) {
      all = false;
      break;
    }
  }
  if (all) return pauses;
  const out: Array<readonly [number, number]> = [];
  for (let i = 0; i < pauses.length; i++) {
    const p = pauses[i];
    if (p[1] > from && p[0] < to) out.push(p);
  }
  return out;
}

function clipPauses(pauses: Pauses, end: number): Pauses {
  for (let i = 0; i < pauses.length; i++) {
    if (pauses[i][1] > end) return pauses.map((p) => (p[1] > end ? ([p[0], end] as const) : p));
  }
  return pauses;
}

export function evaluateTarget(
  clock: WorkClock,
  startedAt: number,
  targetSeconds: number,
  atRiskShare: number,
  landing: Landing,
  pauses: Pauses,
  stoppedAt: number | null,
  now: number,
): TargetResult {
  let relevant = pausesWithin(pauses, startedAt, stoppedAt ?? now);
  // A stopped clock's due time ignores pause time after the stop (a pending ticket then closed:
  // the closed state ends the break, as Zammad's ticket_biz_break.rb pairs state changes).
  if (stoppedAt !== null) relevant = clipPauses(relevant, stoppedAt);
  const dueAt = clock.addWorkingMs(startedAt, targetSeconds * 1000, landing, relevant);
  const atRiskAt = clock.addWorkingMs(startedAt, Math.round(targetSeconds * 1000 * atRiskShare), landing, relevant);
  let state: TargetState;
  if (stoppedAt !== null) state = stoppedAt <= dueAt ? 'met' : 'missed';
  // A reply at exactly the due time still meets it, so a running clock breaches only after it.
  else if (now > dueAt) state = 'breached';
  else if (now >= atRiskAt) state = 'at_risk';
  else state = 'on_track';
  return { startedAt, dueAt, atRiskAt, stoppedAt, state };
}
