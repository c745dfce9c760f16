import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { automationSummary } from '../../../../lib/engine/analytics/automation';
import { measureConversation } from '../../../../lib/engine/conversation';
import type { Conversation } from '../../../../lib/engine/events';
import { context, conv } from '../engine-fixtures';

const ctx = context('replyline', { now: '2026-03-02T12:00:00Z' });

// c-1: the bot answers and the conversation is resolved with no human reply → deflected, rated 5.
const botOnly = conv(
  '2026-03-02T10:00:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-03-02T10:00:00Z' },
    { type: 'message', author: 'bot', at: '2026-03-02T10:01:00Z' },
    { type: 'status', status: 'resolved', at: '2026-03-02T10:02:00Z' },
    { type: 'rating', csat: 5, at: '2026-03-02T10:05:00Z' },
  ],
  { id: 'c-1', channel: 'chat' },
);
// c-2: the bot hands off after 3 minutes; one human reply resolves it (one-touch), rated 3.
const handedOff = conv(
  '2026-03-02T10:00:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-03-02T10:00:00Z' },
    { type: 'message', author: 'bot', at: '2026-03-02T10:01:00Z' },
    { type: 'handoff', at: '2026-03-02T10:03:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-03-02T10:10:00Z' },
    { type: 'status', status: 'resolved', at: '2026-03-02T10:20:00Z' },
    { type: 'rating', csat: 3, at: '2026-03-02T10:25:00Z' },
  ],
  { id: 'c-2', channel: 'chat' },
);
// c-3: no bot; two human replies (not one-touch), rated 4.
const human = conv(
  '2026-03-02T10:00:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-03-02T10:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-03-02T10:30:00Z' },
    { type: 'message', author: 'customer', at: '2026-03-02T10:40:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-03-02T10:50:00Z' },
    { type: 'status', status: 'resolved', at: '2026-03-02T11:00:00Z' },
    { type: 'rating', csat: 4, at: '2026-03-02T11:05:00Z' },
  ],
  { id: 'c-3', channel: 'email' },
);

describe('automationSummary', () => {
  const conversations = [botOnly, handedOff, human];
  const result = automationSummary({ metrics: conversations.map((c) => measureConversation(c, ctx)), conversations });

  it('deflection = bot-resolved ÷ bot-touched: c-1 of c-1 and c-2', () => {
    expect(result.botTouched).toBe(2);
    expect(result.deflection).toEqual({ count: 1, n: 2, share: 0.5, small: true });
    expect(result.ids.deflected).toEqual(['c-1']);
    // Automation share beside costs: 1 bot-resolved of 3 conversations.
    expect(result.automationShare.share).toBe(1 / 3);
  });

  it('hand-off rate 1 of 2 bot-touched; time to hand-off 10:00 → 10:03 = 180 s', () => {
    expect(result.handoffRate).toEqual({ count: 1, n: 2, share: 0.5, small: true });
    expect(result.timeToHandoff.calendar.median).toBe(180);
    expect(result.timeToHandoff.calendar.n).toBe(1);
  });

  it('CSAT after automation (5 → 1 of 1) against human-handled (3 and 4 → 1 of 2)', () => {
    expect(result.csat.automated).toEqual({ count: 1, n: 1, share: 1, small: true });
    expect(result.csat.humanHandled).toEqual({ count: 1, n: 2, share: 0.5, small: true });
    expect(result.csat.difference).toBe(0.5);
  });

  it('one-touch by channel: chat 1 of 2 resolved (c-2; c-1 had no human reply), email 0 of 1', () => {
    expect(result.oneTouchByChannel.chat).toEqual({ count: 1, n: 2, share: 0.5, small: true });
    expect(result.oneTouchByChannel.email).toEqual({ count: 0, n: 1, share: 0, small: true });
  });

  it('a period keeps only conversations created in it (none before 10:00)', () => {
    const none = automationSummary({
      metrics: conversations.map((c) => measureConversation(c, ctx)),
      conversations,
      period: { from: 0, to: Date.parse('2026-03-02T10:00:00Z') },
    });
    expect(none.conversations).toBe(0);
    expect(none.deflection.share).toBeNull();
  });

  it('deflection and hand-off shares stay within [0, 1] and deflected ⊆ bot-touched for any conversations', () => {
    const event = fc.oneof(
      fc.record({
        type: fc.constant('message' as const),
        author: fc.constantFrom('customer', 'agent', 'bot', 'automation') as fc.Arbitrary<'customer'>,
        minute: fc.integer({ min: 0, max: 120 }),
      }),
      fc.record({
        type: fc.constant('status' as const),
        status: fc.constantFrom('open', 'resolved') as fc.Arbitrary<'open'>,
        minute: fc.integer({ min: 0, max: 120 }),
      }),
      fc.record({ type: fc.constant('handoff' as const), minute: fc.integer({ min: 0, max: 120 }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(event, { maxLength: 8 }), { maxLength: 12 }), (lists) => {
        const start = Date.parse('2026-03-02T09:00:00Z');
        const list: Conversation[] = lists.map((events, i) => ({
          id: `c-${i}`,
          createdAt: start,
          events: events.map(({ minute, ...e }) => ({ ...e, at: start + minute * 60_000 })),
        }));
        const r = automationSummary({ metrics: list.map((c) => measureConversation(c, ctx)), conversations: list });
        for (const share of [r.deflection.share, r.handoffRate.share, r.automationShare.share]) {
          if (share !== null) expect(share >= 0 && share <= 1).toBe(true);
        }
        expect(r.ids.deflected.every((id) => r.ids.botTouched.includes(id))).toBe(true);
      }),
    );
  });
});
