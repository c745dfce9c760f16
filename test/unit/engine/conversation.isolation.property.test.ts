/**
 * measureConversation reuses one pass state and a few scratch lists for every conversation
 * (lib/engine/conversation.ts). Nothing may carry over: a conversation measures the same
 * whatever was measured before it, in every profile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureConversation } from '../../../lib/engine/conversation';
import type { Conversation, ConversationEvent } from '../../../lib/engine/events';
import { PROFILE_LIST } from '../../../lib/engine/profiles';
import { BERLIN, context, conv, ms } from './engine-fixtures';

const START = ms('2026-11-23T08:00:00Z');
const MINUTE = 60_000;

const eventArb: fc.Arbitrary<(at: number) => ConversationEvent> = fc.oneof(
  fc.constantFrom('customer', 'agent', 'bot', 'automation').map((author) => (at: number): ConversationEvent => ({
    type: 'message',
    at,
    author,
    ...(author === 'agent' ? { agentId: 'a-2' } : {}),
  })),
  fc
    .constantFrom('resolved', 'pending', 'open', 'snoozed')
    .map((status) => (at: number): ConversationEvent => ({ type: 'status', at, status: status as 'resolved' })),
  fc.constant((at: number): ConversationEvent => ({ type: 'handoff', at })),
  fc.constant((at: number): ConversationEvent => ({ type: 'note', at, agentId: 'a-1' })),
  fc.constant((at: number): ConversationEvent => ({ type: 'rating', at, csat: 4 })),
  fc
    .integer({ min: 1, max: 30 })
    .map((m) => (at: number): ConversationEvent => ({ type: 'activity', at, until: at + m * MINUTE, agentId: 'a-3' })),
  fc.constantFrom('a-1', 'a-2').map((agentId) => (at: number): ConversationEvent => ({ type: 'assignment', at, agentId })),
);

const conversationArb = fc
  .record({
    startMinute: fc.integer({ min: 0, max: 5 * 24 * 60 }),
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), eventArb), { maxLength: 14 }),
  })
  .map(({ startMinute, steps }): Conversation => {
    const createdAt = START + startMinute * MINUTE;
    let at = createdAt;
    const events: ConversationEvent[] = [];
    for (const [gap, make] of steps) {
      at += gap * MINUTE;
      events.push(make(at));
    }
    return { id: 'x', createdAt, events };
  });

/** A conversation that leaves every part of the pass state used: pauses, spans, waits, replies, reopens. */
const busy = conv('2026-11-23T08:00:00Z', [
  { type: 'message', author: 'customer', at: '2026-11-23T08:00:00Z' },
  { type: 'status', status: 'pending', at: '2026-11-23T08:10:00Z' },
  { type: 'activity', agentId: 'a-9', at: '2026-11-23T08:11:00Z', until: '2026-11-23T08:40:00Z' },
  { type: 'message', author: 'agent', agentId: 'a-9', at: '2026-11-23T09:00:00Z' },
  { type: 'message', author: 'customer', at: '2026-11-23T09:30:00Z' },
  { type: 'handoff', at: '2026-11-23T09:31:00Z' },
  { type: 'status', status: 'resolved', at: '2026-11-23T11:00:00Z' },
  { type: 'message', author: 'customer', at: '2026-11-23T12:00:00Z' },
  { type: 'message', author: 'agent', agentId: 'a-8', at: '2026-11-23T12:30:00Z' },
  { type: 'message', author: 'customer', at: '2026-11-23T13:00:00Z' },
  { type: 'rating', csat: 2, ces: 3, at: '2026-11-23T13:05:00Z' },
  { type: 'assignment', agentId: 'a-8', at: '2026-11-23T13:06:00Z' },
  { type: 'assignment', agentId: 'a-7', at: '2026-11-23T13:07:00Z' },
]);
const quiet = conv('2026-11-23T08:00:00Z', []);

describe('measureConversation keeps no state between conversations', () => {
  it('measures a conversation the same after a busy one as after an empty one, in every profile', () => {
    for (const profile of PROFILE_LIST) {
      const ctx = context(profile.id, {
        calendar: BERLIN,
        now: '2026-11-28T00:00:00Z',
        targets: { firstResponseSeconds: 1800, nextResponseSeconds: 3600, resolutionSeconds: 14_400 },
      });
      fc.assert(
        fc.property(conversationArb, (conversation) => {
          measureConversation(busy, ctx);
          const afterBusy = measureConversation(conversation, ctx);
          measureConversation(quiet, ctx);
          const afterQuiet = measureConversation(conversation, ctx);
          expect(afterBusy).toEqual(afterQuiet);
        }),
        { numRuns: 150 },
      );
    }
  });
});
