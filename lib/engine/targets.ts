/**
 * Target (SLA) evaluation: due time, at-risk time and state of one clock.
 */
import type { Landing, WorkClock } from './calendar';
import type { TargetResult, TargetState } from './types';

export type Pauses = ReadonlyArray<readonly [number, number]>;

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

/**
 * A 24/7 clock (every instant is working time), minus pauses. The engine uses it for targets
 * on the calendar clock when the caller does not pass the calendar module's own.
 */
export function continuousClock(timezone = 'UTC'): WorkClock {
  const excluding = (a: number, b: number, pauses: Pauses): number => {
    if (b <= a) return 0;
    let ms = b - a;
    for (let i = 0; i < pauses.length; i++) {
      const s = Math.max(a, pauses[i][0]);
      const e = Math.min(b, pauses[i][1]);
      if (e > s) ms -= e - s;
    }
    return ms;
  };
  return {
    kind: 'calendar',
    timezone,
    workingMs: (a, b) => (b > a ? b - a : 0),
    workingMsExcluding: excluding,
    addWorkingMs(start, ms, landing = 'window-end', pauses = []) {
      let t = start;
      let remaining = ms;
      for (let i = 0; i < pauses.length; i++) {
        const [ps, pe] = pauses[i];
        if (pe <= t) continue;
        if (ps > t) {
          const available = ps - t;
          if (remaining < available || (remaining === available && landing === 'window-end')) return t + remaining;
          remaining -= available;
        }
        t = Math.max(t, pe);
      }
      return t + remaining;
    },
    isWorking: () => true,
    nextWorkingStart: (t) => t,
  };
}
