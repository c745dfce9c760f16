import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../../lib/engine/calendar';
import { describeForecast, expectedReplyAt, forecastBreaches } from '../../../../lib/engine/analytics/forecast';
import { measureConversation } from '../../../../lib/engine/conversation';
import { BERLIN, context, conv, ms } from '../engine-fixtures';

// 24/7 calendar; first response target 10 min, next response 60 min; now = 12:00.
const ctx = context('replyline', { now: '2026-03-02T12:00:00Z', targets: { firstResponseSeconds: 600, nextResponseSeconds: 3600 } });

// H: five human replies in the last hour (11:05 … 11:45), nobody waiting now.
const history = conv('2026-03-02T11:00:00Z', [
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
], { id: 'H' });
// A: waiting since 11:40, first response due 11:50 → already breached at 12:00 (position 1).
const breached = conv('2026-03-02T11:40:00Z', [{ type: 'message', author: 'customer', at: '2026-03-02T11:40:00Z' }], { id: 'A' });
// B: waiting since 11:55, first response due 12:05 (position 3).
const soon = conv('2026-03-02T11:55:00Z', [{ type: 'message', author: 'customer', at: '2026-03-02T11:55:00Z' }], { id: 'B' });
// C: answered at 11:30 (the sixth reply of the hour), waiting again since 11:50; next response due 12:50 (position 2).
const later = conv('2026-03-02T11:20:00Z', [
  { type: 'message', author: 'customer', at: '2026-03-02T11:20:00Z' },
  { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-03-02T11:30:00Z' },
  { type: 'message', author: 'customer', at: '2026-03-02T11:50:00Z' },
], { id: 'C' });

describe('forecastBreaches', () => {
  const result = forecastBreaches({ now: ctx.now, metrics: [history, breached, soon, later].map((c) => measureConversation(c, ctx)), business: ctx.business });

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
    expect(describeForecast(c)).toBe('likely on time');
  });

  it('B: expected reply 12:00 + 3 ÷ 0.1 = 12:30, after its 12:05 due time → likely to breach in ~5 min', () => {
    const b = result.forecasts[2];
    expect(b.clock).toBe('firstResponse');
    expect(b.expectedReplyAt).toBe(ms('2026-03-02T12:30:00Z'));
    expect(b.likely).toBe(true);
    expect(b.minutesToDue).toBe(5);
    expect(b.marginMinutes).toBe(-25);
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

  it('with working time but no reply at all, every running target is likely to breach', () => {
    const r = forecastBreaches({ now: ctx.now, metrics: [soon].map((c) => measureConversation(c, ctx)), business: ctx.business });
    expect(r.throughput.perWorkingMinute).toBe(0);
    expect(r.forecasts[0]).toMatchObject({ likely: true, expectedReplyAt: null, reason: 'no-recent-replies' });
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

  it('a longer queue ahead can only turn "on time" into "likely to breach", never back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), (ahead) => {
        const queue = Array.from({ length: ahead }, (_, i) =>
          conv('2026-03-02T11:00:00Z', [{ type: 'message', author: 'customer', at: '2026-03-02T11:00:00Z' }], { id: `Q${String(i).padStart(2, '0')}` }),
        );
        const target = (n: number) => {
          const r = forecastBreaches({ now: ctx.now, metrics: [history, later, ...queue.slice(0, n)].map((c) => measureConversation(c, ctx)), business: ctx.business });
          return r.forecasts.find((f) => f.conversationId === 'C')!;
        };
        const fewer = target(Math.max(0, ahead - 1));
        const more = target(ahead);
        expect(more.position).toBeGreaterThanOrEqual(fewer.position);
        if (fewer.likely === true) expect(more.likely).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
