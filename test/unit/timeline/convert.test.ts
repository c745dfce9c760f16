import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationEvent } from '../../../lib/engine/events';
import { conversationToTimeline, eventFromTimeline, eventToTimeline, toTimelineFile } from '../../../lib/timeline/convert';
import { parseTimeline } from '../../../lib/timeline/parse';
import { timelineSchema, type TimelineFile } from '../../../lib/timeline/schema';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

const everyEventType: ConversationEvent[] = [
  { type: 'message', at: T0, id: 'm-1', author: 'customer' },
  { type: 'message', at: T0 + 20_000, author: 'bot' },
  { type: 'handoff', at: T0 + 60_000, agentId: 'a-1' },
  { type: 'assignment', at: T0 + 60_000, agentId: 'a-1', teamId: 't-1' },
  { type: 'note', at: T0 + 120_000, agentId: 'a-1' },
  { type: 'activity', at: T0 + 121_000, until: T0 + 299_500, agentId: 'a-1', kind: 'typing' },
  { type: 'message', at: T0 + 300_000, id: 'm-2', author: 'agent', agentId: 'a-1', public: true },
  { type: 'message', at: T0 + 310_000, author: 'agent', agentId: 'a-1', public: false },
  { type: 'tag', at: T0 + 320_000, tag: 'billing' },
  { type: 'tag', at: T0 + 330_000, tag: 'billing', removed: true },
  { type: 'status', at: T0 + 3_600_000, status: 'resolved', agentId: 'a-1' },
  { type: 'assignment', at: T0 + 3_600_001, agentId: null },
  { type: 'rating', at: T0 + 3_900_000, csat: 5, ces: 6, agentId: 'a-1' },
];

const fullConversation: Conversation = {
  id: 'c-1',
  channel: 'chat',
  createdAt: T0,
  customerId: 'cust-1',
  priority: 'high',
  tags: ['vip'],
  unverified: true,
  events: everyEventType,
};

describe('timeline conversion', () => {
  it('writes ISO times in UTC and only the fields that are present', () => {
    expect(eventToTimeline({ type: 'message', at: T0 + 5, author: 'customer' })).toEqual({
      type: 'message',
      at: '2026-11-24T09:00:00.005Z',
      author: 'customer',
    });
    expect(eventToTimeline(everyEventType[5])).toEqual({
      type: 'activity',
      at: '2026-11-24T09:02:01.000Z',
      until: '2026-11-24T09:04:59.500Z',
      agentId: 'a-1',
      kind: 'typing',
    });
    expect(eventFromTimeline({ type: 'assignment', at: '2026-11-24T10:00:00+01:00', agentId: null })).toEqual({
      type: 'assignment',
      at: T0,
      agentId: null,
    });
  });

  it('round-trips conversations → file → JSON → conversations without loss', () => {
    const file = toTimelineFile({
      conversations: [fullConversation, { id: 'c-2', createdAt: T0, events: [] }],
      generatedAt: T0 + 86_400_000,
      source: { helpdesk: 'demo-desk', origin: 'http://127.0.0.1:4174' },
      agentId: 'a-1',
      period: { from: Date.UTC(2026, 10, 23), to: Date.UTC(2026, 10, 30) },
      profile: 'zendesk',
      calendar: { timezone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] }, holidays: ['2026-12-25'] },
      targets: { clock: 'business', firstResponseSeconds: 3600 },
    });
    expect(timelineSchema.safeParse(file).success).toBe(true);
    const result = parseTimeline(JSON.stringify(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.conversations).toEqual([fullConversation, { id: 'c-2', createdAt: T0, events: [] }]);
    expect(result.timeline).toEqual(file);
    expect(result.timeline.generatedAt).toBe('2026-11-25T09:00:00.000Z');
    expect(result.timeline.period).toEqual({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' });
  });

  it('round-trips a file (UTC times, events in time order) → conversations → file', () => {
    const file: TimelineFile = {
      format: 'replyline.timeline/1',
      generatedAt: '2026-11-25T09:00:00.000Z',
      conversations: [conversationToTimeline(fullConversation)],
    };
    const result = parseTimeline(JSON.stringify(file));
    expect(result.ok && toTimelineFile({ conversations: result.conversations, generatedAt: Date.parse(file.generatedAt!) })).toEqual(file);
  });

  it('round-trips arbitrary conversations (property)', () => {
    const time = fc.integer({ min: T0, max: T0 + 30 * 86_400_000 });
    const agent = fc.constantFrom('a-1', 'a-2', 'agent with spaces');
    const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const event: fc.Arbitrary<ConversationEvent> = fc.oneof(
      fc.record(
        {
          type: fc.constant('message' as const),
          at: time,
          id: optional(fc.string({ minLength: 1 })),
          author: fc.constantFrom('customer', 'agent', 'bot', 'automation' as const),
          agentId: optional(agent),
          public: optional(fc.boolean()),
        },
        { requiredKeys: ['type', 'at', 'author'] },
      ),
      fc.record({ type: fc.constant('note' as const), at: time, agentId: optional(agent) }, { requiredKeys: ['type', 'at'] }),
      fc.record(
        {
          type: fc.constant('status' as const),
          at: time,
          status: fc.constantFrom('open', 'pending', 'snoozed', 'resolved' as const),
          agentId: optional(agent),
        },
        { requiredKeys: ['type', 'at', 'status'] },
      ),
      fc.record(
        { type: fc.constant('assignment' as const), at: time, agentId: fc.option(agent, { nil: null }), teamId: optional(fc.string()) },
        { requiredKeys: ['type', 'at', 'agentId'] },
      ),
      fc.record(
        {
          type: fc.constant('rating' as const),
          at: time,
          csat: fc.integer({ min: 1, max: 5 }),
          ces: optional(fc.integer({ min: 1, max: 7 })),
        },
        { requiredKeys: ['type', 'at', 'csat'] },
      ),
      fc
        .record({ type: fc.constant('activity' as const), at: time, length: fc.integer({ min: 1, max: 3_600_000 }), agentId: agent })
        .map(({ length, ...span }) => ({ ...span, until: span.at + length })),
      fc.record(
        { type: fc.constant('tag' as const), at: time, tag: fc.string({ minLength: 1 }), removed: optional(fc.boolean()) },
        { requiredKeys: ['type', 'at', 'tag'] },
      ),
    );
    const conversations = fc.uniqueArray(
      fc.record(
        {
          id: fc.string({ minLength: 1 }),
          channel: optional(fc.constantFrom('chat', 'email')),
          unverified: optional(fc.boolean()),
          events: fc.array(event, { maxLength: 12 }),
        },
        { requiredKeys: ['id', 'events'] },
      ),
      { selector: (conversation) => conversation.id, maxLength: 4 },
    );
    fc.assert(
      fc.property(conversations, (drafts) => {
        // Engine order is by time (stable), the order parseTimeline produces.
        const input: Conversation[] = drafts.map((draft) => ({
          ...draft,
          createdAt: T0,
          events: [...draft.events].sort((a, b) => a.at - b.at),
        }));
        const result = parseTimeline(JSON.stringify(toTimelineFile({ conversations: input })));
        expect(result.ok && result.conversations).toEqual(input);
      }),
      { numRuns: 200, seed: 48 },
    );
  });
});
