import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClockPlan } from '../../../lib/messaging/protocol';
import { badgeModel, badgeModelChangesAt, type PlannedClock } from '../../../lib/overlay/format';

beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});

const T0 = Date.parse('2026-11-24T10:00:00.000Z');
const MIN = 60_000;
const noCues = { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 };

function plan(clocks: PlannedClock[]): ClockPlan {
  return { conversationId: 'c-1', unverified: false, waitingSince: T0, clocks, cues: noCues };
}
const firstResponse: PlannedClock = {
  kind: 'firstResponse',
  startedAt: T0,
  dueAt: T0 + 45 * MIN,
  atRiskAt: T0 + 35 * MIN,
  stoppedAt: null,
  state: 'on_track',
};

describe('badgeModelChangesAt: until when a row badge may skip the tick', () => {
  it('next whole minute waited, at-risk instant, first instant past due', () => {
    expect(badgeModelChangesAt(T0, plan([firstResponse]), T0 + 12 * MIN + 5_000)).toBe(T0 + 13 * MIN);
    expect(badgeModelChangesAt(T0 + 30_000, plan([firstResponse]), T0 + 34 * MIN + 45_000)).toBe(T0 + 35 * MIN);
    expect(badgeModelChangesAt(T0 + 30_000, plan([firstResponse]), T0 + 44 * MIN + 45_000)).toBe(T0 + 45 * MIN + 1);
    expect(badgeModelChangesAt(T0, undefined, T0 - 5_000)).toBe(T0 + MIN);
  });

  it('never for "nobody waiting" and "unreadable"', () => {
    expect(badgeModelChangesAt(null, undefined, T0)).toBe(Infinity);
    expect(badgeModelChangesAt(undefined, undefined, T0)).toBe(Infinity);
  });

  it('the next local midnight, where a due time gains or loses its weekday', () => {
    const lateEvening = Date.parse('2026-11-24T22:59:30.000Z'); // 23:59:30 in Berlin
    const clock = { ...firstResponse, dueAt: lateEvening + 10 * 60 * MIN, atRiskAt: null };
    expect(badgeModelChangesAt(lateEvening - 10_000, plan([clock]), lateEvening)).toBe(Date.parse('2026-11-24T23:00:00.000Z'));
  });

  it('the model is the same at every instant before the change', () => {
    const arbitraryPlan = fc.option(
      fc.record({
        dueIn: fc.integer({ min: -3 * 60 * MIN, max: 3 * 60 * MIN }),
        riskBefore: fc.option(fc.integer({ min: 0, max: 60 * MIN }), { nil: null }),
        stopped: fc.boolean(),
        kind: fc.constantFrom<PlannedClock['kind']>('firstResponse', 'nextResponse', 'resolution'),
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -2 * 24 * 60 * MIN, max: 2 * 24 * 60 * MIN }),
        fc.option(fc.integer({ min: -60 * MIN, max: 3 * 24 * 60 * MIN }), { nil: null }),
        arbitraryPlan,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (nowOffset, waitedAtNow, planSpec, fraction) => {
          const now = T0 + nowOffset;
          const since = waitedAtNow === null ? null : now - waitedAtNow;
          const p =
            planSpec === undefined
              ? undefined
              : plan([
                  {
                    kind: planSpec.kind,
                    startedAt: since ?? now,
                    dueAt: now + planSpec.dueIn,
                    atRiskAt: planSpec.riskBefore === null ? null : now + planSpec.dueIn - planSpec.riskBefore,
                    stoppedAt: planSpec.stopped ? now - 1 : null,
                    state: null,
                  },
                ]);
          const changesAt = badgeModelChangesAt(since, p, now);
          expect(changesAt).toBeGreaterThan(now);
          const shown = badgeModel(since, p, now);
          const last = Number.isFinite(changesAt) ? changesAt - 1 : now + 7 * 24 * 60 * MIN;
          expect(badgeModel(since, p, last)).toEqual(shown);
          expect(badgeModel(since, p, now + Math.floor((last - now) * fraction))).toEqual(shown);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
