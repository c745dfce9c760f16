import { describe, expect, it } from 'vitest';
import { liveState } from '../../../components/Timer';
import { formatDuration } from '../../../components/format';

const running = {
  kind: 'nextResponse' as const,
  startedAt: 0,
  dueAt: 900_000,
  atRiskAt: 675_000,
  stoppedAt: null,
  state: 'on_track' as const,
};

describe('side panel timers', () => {
  it('re-derive a running clock state from the plan as time passes', () => {
    expect([liveState(running, 674_999), liveState(running, 675_000), liveState(running, 900_000), liveState(running, 900_001)]).toEqual([
      'on_track',
      'at_risk',
      'at_risk',
      'breached',
    ]);
    expect(liveState({ ...running, stoppedAt: 600_000, state: 'met' }, 2_000_000)).toBe('met');
    expect(liveState({ ...running, dueAt: null, atRiskAt: null, state: null }, 1)).toBeNull();
  });

  it('format durations compactly, unknown as a dash', () => {
    expect([formatDuration(45), formatDuration(721), formatDuration(3900), formatDuration(183_600), formatDuration(null)]).toEqual([
      '45s',
      '12m 01s',
      '1h 05m',
      '2d 3h',
      '—',
    ]);
  });
});
