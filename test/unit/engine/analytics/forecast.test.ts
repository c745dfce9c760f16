import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../../lib/engine/business-clock';
import {
  breachProbability,
  describeForecast,
  expectedReplyAt,
  forecastBreaches,
  recentWaits,
} from '../../../../lib/engine/analytics/forecast';
import { measureConversation } from '../../../../lib/engine/conversation';
import { BERLIN, context, conv, ms } from '../engine-fixtures';

// 24/7 calendar; first response target 10 min, next response 60 min; now = 12:00.
const ctx = context('replyline', { now: '2026-03-02T12:00:00Z', targets: { firstResponseSeconds: 600, nextResponseSeconds: 3600 } });

// H: five human replies in the last hour (11:05 … 11:45), nobody waiting now.
const history = conv(
  '2026-03-02T11:00:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-03-02T11:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-03-02T11:05:00Z' },
    { type: 'message', author: 'customer', at: '2026-03-02T11:10:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-03-02T11:15:00Z' },
    { type: 'message', author: 'customer', at: '2026-03-02T11:20:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-03-02T11:25:00Z' },
    { type: 'message', author: 'customer', at: '2026-03-02T11:30:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-03-02T11:35:00Z' },
    { type: 'message', author: 'customer', at: '2026-03-02T11:40:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-03-02T11:45:00Z' },
  ],
  { id: 'H' },
);
// A: waiting since 11:40, first response due 11:50 → already breached at 12:00 (position 1).
const breached = conv('2026-03-02T11:40:00Z', [{ type: 'message', author: 'customer', at: '2026-03-02T11:40:00Z' }], { id: 'A' });
// B: waiting since 11:55, first response due 12:05 (position 3).
const soon = conv('2026-03-02T11:55:00Z', [{ type: 'message', author: 'customer', at: '2026-03-02T11:55:00Z' }], { id: 'B' });
// C: answered at 11:30 (the sixth reply of the hour), waiting again since 11:50; next response due 12:50 (position 2).
const later = conv(
  '2026-03-02T11:20:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-03-02T11:20:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-03-02T11:30:00Z' },
    { type: 'message', author: 'customer', at: '2026-03-02T11:50:00Z' },
  ],
  { id: 'C' },
);

describe('forecastBreaches', () => {
  const result = forecastBreaches({
    now: ctx.now,
    metrics: [history, breached, soon, later].map((c) => measureConversation(c, ctx)),
    business: ctx.business,
  });

  it('throughput = 6 replies in the last 60 working minutes = 0.1 per minute', () => {
    expect(result.throughput).toEqual({ replies: 6, windowMinutes: 60, workingMinutes: 60, perWorkingMinute: 0.1 });
  });

  it('queues oldest first: A (11:40), C (11:50), B (11:55)', () => {
    expect(result.forecasts.map((f) => [f.conversationId, f.position, f.queueLength])).toEqual([
      ['A', 1, 3],
      ['C', 2, 3],
      ['B', 3, 3],
    ]);
  });

  it('A is past due: breached, not forecast', () => {
    const a = result.forecasts[0];
    expect(a).toMatchObject({ state: 'breached', likely: null, reason: 'breached', minutesToDue: -10 });
  });

  it('C: expected reply 12:00 + 2 ÷ 0.1 = 12:20, before its 12:50 due time → on time, 30 min to spare', () => {
    const c = result.forecasts[1];
    expect(c.clock).toBe('nextResponse');
    expect(c.expectedReplyAt).toBe(ms('2026-03-02T12:20:00Z'));
    expect(c.dueAt).toBe(ms('2026-03-02T12:50:00Z'));
    expect(c.likely).toBe(false);
    expect(c.marginMinutes).toBe(30);
    // Too few recent waits (H's are next responses due before 11:55 — fewer than 10): the elapsed-share rule.
    expect(c).toMatchObject({ basis: 'elapsed-share', breachProbability: null, elapsedShare: 10 / 60 });
    expect(describeForecast(c)).toBe('likely on time');
  });

  it('B: expected reply 12:00 + 3 ÷ 0.1 = 12:30, after its 12:05 due time → likely to breach in ~5 min', () => {
    const b = result.forecasts[2];
    expect(b.clock).toBe('firstResponse');
    expect(b.expectedReplyAt).toBe(ms('2026-03-02T12:30:00Z'));
    expect(b.likely).toBe(true);
    expect(b.minutesToDue).toBe(5);
    expect(b.marginMinutes).toBe(-25);
    // 5 of its 10 minutes gone: half the target, so the elapsed-share rule says likely.
    expect(b).toMatchObject({ basis: 'elapsed-share', breachProbability: null, elapsedShare: 0.5 });
    expect(describeForecast(b)).toBe('likely to breach in ~5 min');
  });

  it('no forecast with under 10 working minutes in the window (the desk was closed)', () => {
    // Berlin Monday 09:00–17:00; at 09:05 local (08:05 UTC) only 5 working minutes are in the last hour.
    const berlin = context('replyline', { calendar: BERLIN, now: '2026-03-02T08:05:00Z', targets: { firstResponseSeconds: 600 } });
    const waiting = conv('2026-03-02T08:01:00Z', [{ type: 'message', author: 'customer', at: '2026-03-02T08:01:00Z' }], { id: 'W' });
    const r = forecastBreaches({ now: berlin.now, metrics: [measureConversation(waiting, berlin)], business: berlin.business });
    expect(r.throughput.workingMinutes).toBe(5);
    expect(r.forecasts[0]).toMatchObject({ likely: null, reason: 'no-recent-working-time' });
  });

  it('with working time but no reply at all there is no expected reply; the elapsed share still decides', () => {
    const r = forecastBreaches({ now: ctx.now, metrics: [soon].map((c) => measureConversation(c, ctx)), business: ctx.business });
    expect(r.throughput.perWorkingMinute).toBe(0);
    expect(r.forecasts[0]).toMatchObject({
      likely: true,
      expectedReplyAt: null,
      reason: 'no-recent-replies',
      basis: 'elapsed-share',
      elapsedShare: 0.5,
    });
    expect(describeForecast(r.forecasts[0])).toBe('likely to breach in ~5 min (no replies in the last hour)');
  });

  it('maps the wait through the business calendar: 30 working minutes from Monday 16:50 Berlin land Tuesday 09:20', () => {
    const business = compileCalendar(BERLIN);
    // 16:50 Berlin = 15:50 UTC; 10 minutes left on Monday, then 20 from Tuesday 09:00.
    expect(expectedReplyAt(business, ms('2026-03-02T15:50:00Z'), 3, 0.1)).toBe(ms('2026-03-03T08:20:00Z'));
  });

  it('is monotonic in queue position: further back never means an earlier reply', () => {
    const business = compileCalendar(BERLIN);
    const start = ms('2026-03-02T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 * 24 * 60 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        (minute, position, extra, pace) => {
          const now = start + minute * 60_000;
          const a = expectedReplyAt(business, now, position, pace) as number;
          const b = expectedReplyAt(business, now, position + extra, pace) as number;
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
  // Queue length against the decision: see the property under 'forecastBreaches with recent waits'
  // (with too few recent waits here, the elapsed-share rule decides and the queue cannot matter).
});

// Recent history at 12:00 (first response target 10 min), all due between 08:40 and 11:57:
//   chat  R00–R09 created 08:30, 08:40 … 10:00, answered after 2 min  (met at 0.2 of the target)
//   chat  R10–R14 created 10:10 … 10:50,        answered after 8 min  (met at 0.8)
//   chat  R15–R19 created 11:00 … 11:40,        answered after 12 min (breached)
//   email E00–E11 created 10:52, 10:57 … 11:47, answered after 9 min  (met at 0.9)
// Replies in the last hour: R15–R19 and E00–E11 = 17 → throughput 17 ÷ 60 per working minute.
const at = (t: number) => new Date(t).toISOString();
const answered = (id: string, channel: string, created: number, afterMinutes: number) =>
  conv(
    at(created),
    [
      { type: 'message', author: 'customer', at: at(created) },
      { type: 'message', author: 'agent', agentId: 'a-1', at: at(created + afterMinutes * 60_000) },
    ],
    { id, channel },
  );
const chatHistory = Array.from({ length: 20 }, (_, i) =>
  answered(`R${String(i).padStart(2, '0')}`, 'chat', ms('2026-03-02T08:30:00Z') + i * 10 * 60_000, i < 10 ? 2 : i < 15 ? 8 : 12),
);
const emailHistory = Array.from({ length: 12 }, (_, i) =>
  answered(`E${String(i).padStart(2, '0')}`, 'email', ms('2026-03-02T10:52:00Z') + i * 5 * 60_000, 9),
);
const waiting = (id: string, channel: string, since: string) =>
  conv(since, [{ type: 'message', author: 'customer', at: since }], { id, channel });
// Y (email) waits since 11:54: 0.6 of the target gone, due 12:04, first in the queue.
// X (chat) waits since 11:56: 0.4 gone, due 12:06, second.   Z (chat) since 11:59: 0.1 gone, third.
const Y = waiting('Y', 'email', '2026-03-02T11:54:00Z');
const X = waiting('X', 'chat', '2026-03-02T11:56:00Z');
const Z = waiting('Z', 'chat', '2026-03-02T11:59:00Z');
const measured = [...chatHistory, ...emailHistory, Y, X, Z].map((c) => measureConversation(c, ctx));

describe('breach probability from recent waits', () => {
  const waits = recentWaits(measured, ctx.business, ctx.now);

  it('keeps the 32 waits due in the last 4 hours, with the share of the target at which each ended', () => {
    expect(waits).toHaveLength(32);
    expect(waits.filter((w) => w.breached)).toHaveLength(5);
    expect(waits.find((w) => w.channel === 'email')).toEqual({ clock: 'firstResponse', channel: 'email', endShare: 0.9, breached: false });
    expect(waits.filter((w) => w.breached).every((w) => w.endShare === Infinity)).toBe(true);
  });

  it('leaves out waits due over 4 hours ago; targets that ran out unanswered count as breached', () => {
    // At 12:41 R00 (due 08:40) is out; Y, X and Z, measured at 12:00 and never answered, were due by 12:09.
    const later = recentWaits(measured, ctx.business, ms('2026-03-02T12:41:00Z'));
    expect(later).toHaveLength(31 + 3);
    expect(later.filter((w) => w.breached)).toHaveLength(5 + 3);
  });

  it('of the chat waits that lasted at least 0.4 of the target (R10–R19), 5 of 10 breached', () => {
    expect(breachProbability(waits, 'firstResponse', 'chat', 0.4)).toEqual({
      probability: 0.5,
      comparable: 10,
      breached: 5,
      scope: 'channel',
    });
  });

  it('at 0.1, all 20 chat waits compare and 5 breached: 0.25', () => {
    expect(breachProbability(waits, 'firstResponse', 'chat', 0.1)).toEqual({
      probability: 0.25,
      comparable: 20,
      breached: 5,
      scope: 'channel',
    });
  });

  it('a channel with too few waits of its own is compared with every channel: phone at 0.3 → 5 of 22', () => {
    expect(breachProbability(waits, 'firstResponse', 'phone', 0.3)).toEqual({
      probability: 5 / 22,
      comparable: 22,
      breached: 5,
      scope: 'all-channels',
    });
  });

  it('past 0.8 only the 5 breached chat waits compare: too few, so every channel (with the 12 email waits) → 5 of 17', () => {
    expect(breachProbability(waits, 'firstResponse', 'chat', 0.85)).toEqual({
      probability: 5 / 17,
      comparable: 17,
      breached: 5,
      scope: 'all-channels',
    });
  });

  it('past 0.9 only the 5 breached waits compare in every channel: too few, no probability', () => {
    expect(breachProbability(waits, 'firstResponse', 'chat', 0.95)).toEqual({
      probability: null,
      comparable: 5,
      breached: 5,
      scope: 'all-channels',
    });
  });

  it('no next-response history: no probability', () => {
    expect(breachProbability(waits, 'nextResponse', 'chat', 0.1).probability).toBeNull();
  });
});

describe('forecastBreaches with recent waits', () => {
  const result = forecastBreaches({ now: ctx.now, metrics: measured, business: ctx.business });
  const by = (id: string) => result.forecasts.find((f) => f.conversationId === id)!;

  it('throughput 17 replies in the hour; queue Y, X, Z', () => {
    expect(result.throughput.replies).toBe(17);
    expect(result.recentWaits).toBe(32);
    expect(result.forecasts.map((f) => [f.conversationId, f.position])).toEqual([
      ['Y', 1],
      ['X', 2],
      ['Z', 3],
    ]);
  });

  it('X: only 0.4 of the target gone, but half the chat waits that lasted this long breached → likely', () => {
    expect(by('X')).toMatchObject({
      elapsedShare: 0.4,
      breachProbability: 0.5,
      comparableWaits: 10,
      scope: 'channel',
      basis: 'recent-waits',
      likely: true,
    });
    expect(describeForecast(by('X'))).toBe('likely to breach in ~6 min');
  });

  it('Y: 0.6 gone, but no email wait that lasted this long breached and the queue model has the reply at 12:03:32, before 12:04 → on time', () => {
    const y = by('Y');
    // 60 ÷ 17 working minutes per reply, position 1: 211,765 ms after 12:00.
    expect(y.expectedReplyAt).toBe(ms('2026-03-02T12:00:00Z') + 211_765);
    expect(y).toMatchObject({ elapsedShare: 0.6, breachProbability: 0, comparableWaits: 12, basis: 'recent-waits', likely: false });
  });

  it('Y turns likely with one conversation ahead: the queue model then has its reply at 12:07:04, after 12:04', () => {
    const ahead = measureConversation(waiting('Q', 'email', '2026-03-02T11:53:30Z'), ctx);
    const y = forecastBreaches({ now: ctx.now, metrics: [...measured, ahead], business: ctx.business }).forecasts.find(
      (f) => f.conversationId === 'Y',
    )!;
    // Position 2: 2 × 60 ÷ 17 working minutes = 423,529 ms after 12:00.
    expect(y).toMatchObject({ position: 2, expectedReplyAt: ms('2026-03-02T12:00:00Z') + 423_529, breachProbability: 0, likely: true });
  });

  it('Z: 0.1 gone, 5 of 20 comparable chat waits breached (0.25) → on time', () => {
    expect(by('Z')).toMatchObject({ elapsedShare: 0.1, breachProbability: 0.25, comparableWaits: 20, likely: false });
  });

  it('counts no wait whose target falls due after now (L, created 12:10)', () => {
    const later = answered('L', 'chat', ms('2026-03-02T12:10:00Z'), 30);
    const withFuture = forecastBreaches({ now: ctx.now, metrics: [...measured, measureConversation(later, ctx)], business: ctx.business });
    expect(withFuture.recentWaits).toBe(32);
  });

  it('more conversations ahead in the queue can only turn "on time" into "likely to breach", never back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), (ahead) => {
        // Each extra conversation waits since 11:53:30, ahead of Y (due 12:03:30: still running).
        const queue = Array.from({ length: ahead }, (_, i) =>
          measureConversation(waiting(`Q${String(i).padStart(2, '0')}`, 'email', '2026-03-02T11:53:30Z'), ctx),
        );
        const forecastOfY = (n: number) =>
          forecastBreaches({ now: ctx.now, metrics: [...measured, ...queue.slice(0, n)], business: ctx.business }).forecasts.find(
            (f) => f.conversationId === 'Y',
          )!;
        const fewer = forecastOfY(Math.max(0, ahead - 1));
        const more = forecastOfY(ahead);
        expect(more.position).toBeGreaterThanOrEqual(fewer.position);
        if (fewer.likely === true) expect(more.likely).toBe(true);
        // The probability and the elapsed share do not depend on the queue; only the queue model's veto does.
        expect(more.breachProbability).toBe(fewer.breachProbability);
        expect(more.likely).toBe(ahead > 0);
      }),
      { numRuns: 13 },
    );
  });
});
