/**
 * The one rule for a clock's target state at a given time, for every surface that shows a
 * planned or measured clock after it was measured: the overlay's tick, the side panel's timers,
 * the live queue and the summaries of stored metrics. The engine decides the same way when it
 * measures (lib/engine/targets.ts `evaluateTarget`).
 */
import type { TargetState } from '../engine/types';

export interface ClockTimes {
  dueAt: number | null;
  atRiskAt: number | null;
  /** When the clock stopped (reply or resolution); null while it runs. */
  stoppedAt: number | null;
}

/**
 * No target → null. A stopped clock is met when it stopped no later than its due time, else
 * missed. A running clock is at risk from `atRiskAt` (inclusive) and breached once past
 * `dueAt` (a reply at exactly the due time still meets it).
 */
export function clockStateAt(clock: ClockTimes, now: number): TargetState | null {
  if (clock.dueAt === null) return null;
  if (clock.stoppedAt !== null) return clock.stoppedAt <= clock.dueAt ? 'met' : 'missed';
  if (now > clock.dueAt) return 'breached';
  if (clock.atRiskAt !== null && now >= clock.atRiskAt) return 'at_risk';
  return 'on_track';
}
