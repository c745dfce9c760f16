import { beforeAll, describe, expect, it } from 'vitest';
import {
  badgeModel,
  clockState,
  formatClockTime,
  formatDuration,
  stripModel,
  waitingSinceFromEvents,
  type PlannedClock,
} from '../../../lib/overlay/format';
import type { ClockPlan } from '../../../lib/messaging/protocol';

beforeAll(() => {
  // Clock times are shown in the agent's local zone; pin it so the expected strings are exact.
  process.env.TZ = 'UTC';
});

const T0 = Date.parse('2026-11-24T10:00:00.000Z');
const MIN = 60_000;
const noCues = { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 };

function plan(clocks: PlannedClock[], extra: Partial<ClockPlan> = {}): ClockPlan {
  return { conversationId: 'c-17', unverified: false, waitingSince: T0, clocks, cues: noCues, ...extra };
}
const firstResponse: PlannedClock = {
  kind: 'firstResponse',
  startedAt: T0,
  dueAt: T0 + 45 * MIN,
  atRiskAt: T0 + 35 * MIN,
  stoppedAt: null,
  state: 'on_track',
};

describe('formatDuration', () => {
  it.each([
    [0, '<1m'],
    [59_999, '<1m'],
    [12 * MIN, '12m'],
    [59 * MIN + 59_999, '59m'],
    [65 * MIN, '1h 05m'],
    [23 * 60 * MIN + 59 * MIN, '23h 59m'],
    [(2 * 24 + 3) * 60 * MIN + 59 * MIN, '2d 3h'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('clock state from a plan at a given now', () => {
  it('on track before atRiskAt, at risk exactly at atRiskAt, still at risk at dueAt, breached after dueAt', () => {
    expect(clockState(firstResponse, T0 + 35 * MIN - 1)).toBe('on_track');
    expect(clockState(firstResponse, T0 + 35 * MIN)).toBe('at_risk');
    expect(clockState(firstResponse, T0 + 45 * MIN)).toBe('at_risk');
    expect(clockState(firstResponse, T0 + 45 * MIN + 1)).toBe('breached');
  });
  it('stopped clocks are met or missed; no target → null', () => {
    expect(clockState({ ...firstResponse, stoppedAt: T0 + 45 * MIN }, T0 + 99 * MIN)).toBe('met');
    expect(clockState({ ...firstResponse, stoppedAt: T0 + 46 * MIN }, T0 + 99 * MIN)).toBe('missed');
    expect(clockState({ ...firstResponse, dueAt: null, atRiskAt: null }, T0)).toBeNull();
  });
});

describe('row badge', () => {
  it('neutral waiting time until a plan arrives', () => {
    expect(badgeModel(T0, undefined, T0 + 12 * MIN)).toEqual({
      text: '12m',
      tone: 'neutral',
      label: 'Waiting 12 min · targets not loaded',
    });
  });
  it('grey with a plan but no response target running, and says so', () => {
    // A pending conversation has no running reply clock; a clock without a target has no due time.
    expect(badgeModel(T0, plan([]), T0 + 3 * MIN)).toEqual({
      text: '3m',
      tone: 'neutral',
      label: 'Waiting 3 min · no response target running',
    });
    expect(badgeModel(T0, plan([{ ...firstResponse, dueAt: null, atRiskAt: null }]), T0 + 3 * MIN).label).toBe(
      'Waiting 3 min · no response target running',
    );
  });
  it('coloured by the running response clock, with an accessible label', () => {
    expect(badgeModel(T0, plan([firstResponse]), T0 + 12 * MIN)).toEqual({
      text: '12m',
      tone: 'on_track',
      label: 'Waiting 12 min · first response due 10:45 · on track',
    });
    expect(badgeModel(T0, plan([firstResponse]), T0 + 35 * MIN).tone).toBe('at_risk');
    expect(badgeModel(T0, plan([firstResponse]), T0 + 65 * MIN)).toEqual({
      text: '1h 05m',
      tone: 'breached',
      label: 'Waiting 1 h 5 min · first response due 10:45 · breached',
    });
  });
  it('muted dash when nobody waits; "?" when the time could not be read', () => {
    expect(badgeModel(null, undefined, T0)).toEqual({ text: '—', tone: 'idle', label: 'Nobody waiting' });
    expect(badgeModel(undefined, undefined, T0)).toEqual({ text: '?', tone: 'unknown', label: 'Waiting time could not be read exactly' });
  });
  it('days-long waits with a due time on another day', () => {
    const clock: PlannedClock = { ...firstResponse, kind: 'nextResponse', startedAt: T0, dueAt: T0 + 24 * 60 * MIN, atRiskAt: null };
    expect(badgeModel(T0, plan([clock]), T0 + (2 * 24 + 3) * 60 * MIN)).toEqual({
      text: '2d 3h',
      tone: 'breached',
      label: 'Waiting 2 d 3 h · next response due Wed 10:00 · breached',
    });
  });
});

describe('timer strip', () => {
  it('running, met and overdue clocks with cue chips', () => {
    const p = plan(
      [
        { ...firstResponse, stoppedAt: T0 + 5 * MIN, state: 'met' },
        {
          kind: 'nextResponse',
          startedAt: T0 + 20 * MIN,
          dueAt: T0 + 50 * MIN,
          atRiskAt: T0 + 40 * MIN,
          stoppedAt: null,
          state: 'on_track',
        },
        { kind: 'resolution', startedAt: T0, dueAt: T0 + 40 * MIN, atRiskAt: T0 + 30 * MIN, stoppedAt: null, state: 'on_track' },
      ],
      { cues: { unansweredFollowUps: 3, reopens: 2, transfers: 1, longWait: true, score: 7 } },
    );
    const model = stripModel(T0 + 20 * MIN, p, T0 + 43 * MIN);
    expect(model.items.map(({ key, value, detail, tone }) => ({ key, value, detail, tone }))).toEqual([
      { key: 'firstResponse', value: 'met in 5m', detail: 'target 45m', tone: 'met' },
      { key: 'nextResponse', value: '23m / 30m', detail: 'due in 7m', tone: 'at_risk' },
      { key: 'resolution', value: '43m / 40m', detail: 'overdue 3m', tone: 'breached' },
    ]);
    expect(model.items[1].title).toBe('Next response: due 10:50 · at risk from 10:40 · at risk (business hours)');
    expect(model.items[1].progress).toBeCloseTo(23 / 30, 10);
    expect(model.cues.map((c) => c.text)).toEqual(['3 unanswered', 'reopened 2×', 'transferred 1×', 'long wait']);
    expect(model.unverified).toBe(false);
  });
  it('a missed first response says by how much', () => {
    const model = stripModel(null, plan([{ ...firstResponse, stoppedAt: T0 + 50 * MIN }]), T0 + 60 * MIN);
    expect(model.items[0]).toMatchObject({ value: 'missed in 50m', detail: '5m over target', tone: 'missed' });
  });
  it('before plans: neutral waiting time only; unverified when the page had unreadable times', () => {
    expect(stripModel(T0, undefined, T0 + 4 * MIN, ['time:e-12'])).toEqual({
      items: [
        {
          key: 'waiting',
          name: 'Waiting',
          value: '4m',
          detail: 'since 10:00',
          tone: 'neutral',
          title: 'Targets not loaded yet: waiting time only',
          progress: null,
        },
      ],
      cues: [],
      unverified: true,
    });
    expect(stripModel(T0, plan([firstResponse], { unverified: true }), T0).unverified).toBe(true);
  });
});

describe('waiting-since from events (neutral display before plans)', () => {
  const msg = (at: number, author: string, isPublic = true) => ({ at, type: 'message', author, public: isPublic });
  it('earliest customer message after the last public human reply', () => {
    expect(
      waitingSinceFromEvents({ events: [msg(1, 'customer'), msg(2, 'agent'), msg(3, 'customer'), msg(4, 'bot'), msg(5, 'customer')] }),
    ).toBe(3);
    expect(waitingSinceFromEvents({ events: [msg(1, 'customer'), msg(2, 'agent')] })).toBeNull();
  });
  it('unknown when a time was unreadable; null when resolved', () => {
    expect(waitingSinceFromEvents({ events: [msg(1, 'customer')], missing: ['time:e-2'] })).toBeUndefined();
    expect(waitingSinceFromEvents({ events: [msg(1, 'customer')], status: 'resolved' })).toBeNull();
  });
});

describe('formatClockTime', () => {
  it('same day: HH:MM; other day: weekday + HH:MM', () => {
    expect(formatClockTime(T0 + 45 * MIN, T0)).toBe('10:45');
    expect(formatClockTime(T0 - 24 * 60 * MIN, T0)).toBe('Mon 10:00');
  });
});
