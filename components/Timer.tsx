import type { ClockPlan } from '@/lib/messaging/protocol';
import type { MetricId } from '@/lib/engine/definitions';
import { definitionText, formatClockTime, formatDuration } from './format';

type PlannedClock = ClockPlan['clocks'][number];
type State = NonNullable<PlannedClock['state']>;

const LABEL: Record<PlannedClock['kind'], string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};
const DEFINITION: Record<PlannedClock['kind'], MetricId> = {
  firstResponse: 'firstResponse',
  nextResponse: 'nextResponse',
  resolution: 'resolution',
};
const STATE_TEXT: Record<State, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  met: 'Met',
  missed: 'Missed',
};

/** The state now: a running clock moves on_track → at_risk → breached as time passes. */
export function liveState(clock: PlannedClock, now: number): State | null {
  if (clock.stoppedAt !== null || clock.dueAt === null || clock.atRiskAt === null) return clock.state;
  if (now > clock.dueAt) return 'breached';
  if (now >= clock.atRiskAt) return 'at_risk';
  return 'on_track';
}

export function Timer({ clock, now, timezone }: { clock: PlannedClock; now: number; timezone: string }) {
  const state = liveState(clock, now);
  const running = clock.stoppedAt === null;
  const elapsed = ((clock.stoppedAt ?? now) - clock.startedAt) / 1000;
  let detail = 'No target set';
  if (clock.dueAt !== null) {
    if (!running) detail = `Stopped ${formatClockTime(clock.stoppedAt!, timezone)} · due ${formatClockTime(clock.dueAt, timezone)}`;
    else if (now <= clock.dueAt)
      detail = `Due ${formatClockTime(clock.dueAt, timezone)} · in ${formatDuration((clock.dueAt - now) / 1000)}`;
    else detail = `Was due ${formatClockTime(clock.dueAt, timezone)} · over by ${formatDuration((now - clock.dueAt) / 1000)}`;
  }
  return (
    <li className={`timer state-${state ?? 'none'}`} title={definitionText(DEFINITION[clock.kind])}>
      <div className="timer-head">
        <span className="timer-label">{LABEL[clock.kind]}</span>
        <span className="timer-state">{state ? STATE_TEXT[state] : running ? 'Running' : 'Stopped'}</span>
      </div>
      <div className="timer-value" aria-live={running ? 'off' : undefined}>
        {formatDuration(elapsed)}
        {running ? <span className="timer-running"> running</span> : null}
      </div>
      <div className="timer-detail">{detail}</div>
    </li>
  );
}
