import { describe, expect, it } from 'vitest';
import { timelineSchema } from '../../../lib/timeline/schema.ts';
import { DeskClock } from '../../../demo/server/clock.ts';
import { defaultSettings } from '../../../demo/server/settings.ts';
import { DeskError, DeskStore, deriveState } from '../../../demo/server/store.ts';
import type { DeskEvent } from '../../../demo/server/store.ts';

const T0 = Date.parse('2026-11-24T09:00:00.000Z');
const min = (n: number) => T0 + n * 60_000;

function deskAt(now = min(120)) {
  const clock = new DeskClock('manual', now);
  return { clock, store: new DeskStore(clock) };
}

function event(partial: Omit<DeskEvent, 'id'>, n: number): DeskEvent {
  return { id: `e-${n}`, ...partial };
}

describe('deriveState', () => {
  it('waits from the earliest unanswered customer message; bots and notes do not answer', () => {
    const events = [
      event({ type: 'message', at: min(0), author: 'customer', body: 'hi' }, 1),
      event({ type: 'message', at: min(1), author: 'bot', body: 'bot' }, 2),
      event({ type: 'message', at: min(3), author: 'customer', body: 'human please' }, 3),
      event({ type: 'handoff', at: min(3) }, 4),
      event({ type: 'note', at: min(5), agentId: 'a-1', body: 'note' }, 5),
    ];
    const state = deriveState(min(0), events);
    expect(state.waitingSince).toBe(min(0));
    expect(state.status).toBe('open');
    expect(state.lastMessage).toEqual({ at: min(3), author: 'customer', agentId: undefined, body: 'human please' });
    expect(state.messageCount).toBe(3);
  });

  it('a public agent reply answers; the next customer message starts a new wait; resolving ends it', () => {
    const base = [
      event({ type: 'message', at: min(0), author: 'customer', body: 'a' }, 1),
      event({ type: 'assignment', at: min(2), assigneeId: 'a-2' }, 2),
      event({ type: 'message', at: min(7), author: 'agent', agentId: 'a-2', body: 'b' }, 3),
    ];
    expect(deriveState(min(0), base)).toMatchObject({ waitingSince: null, assigneeId: 'a-2', status: 'open', updatedAt: min(7) });
    const followUp = [
      ...base,
      event({ type: 'message', at: min(9), author: 'customer', body: 'c' }, 4),
      event({ type: 'message', at: min(12), author: 'customer', body: 'd' }, 5),
    ];
    expect(deriveState(min(0), followUp).waitingSince).toBe(min(9));
    const pending = [...followUp, event({ type: 'status', at: min(13), status: 'pending', agentId: 'a-2' }, 6)];
    expect(deriveState(min(0), pending)).toMatchObject({ status: 'pending', waitingSince: min(9) });
    const resolved = [...pending, event({ type: 'status', at: min(14), status: 'resolved', agentId: 'a-2' }, 7)];
    expect(deriveState(min(0), resolved)).toMatchObject({ status: 'resolved', waitingSince: null });
    const rated = [...resolved, event({ type: 'rating', at: min(20), csat: 4 }, 8)];
    expect(deriveState(min(0), rated).csat).toBe(4);
  });

  it('automation messages do not answer either', () => {
    const events = [
      event({ type: 'message', at: min(0), author: 'customer', body: 'a' }, 1),
      event({ type: 'message', at: min(1), author: 'automation', body: 'We got your message' }, 2),
    ];
    expect(deriveState(min(0), events).waitingSince).toBe(min(0));
  });
});

describe('DeskStore', () => {
  it('creates a conversation with its first customer message at the given time', () => {
    const { store } = deskAt();
    const conversation = store.createConversation({ customerName: 'Maya Jensen', channel: 'email', body: 'Hello', at: min(76) });
    expect(conversation.id).toBe('c-1');
    expect(store.summary('c-1')).toEqual({
      id: 'c-1',
      customerId: 'u-1',
      customerName: 'Maya Jensen',
      channel: 'email',
      status: 'open',
      assigneeId: null,
      createdAt: '2026-11-24T10:16:00.000Z',
      updatedAt: '2026-11-24T10:16:00.000Z',
      waitingSince: '2026-11-24T10:16:00.000Z',
      lastMessage: { at: '2026-11-24T10:16:00.000Z', author: 'customer', agentId: null, preview: 'Hello' },
      csat: null,
      messageCount: 1,
    });
  });

  it('stamps events without a time with the clock, and keeps events in time order', () => {
    const { store, clock } = deskAt();
    store.createConversation({ customerName: 'A', body: 'one', at: min(100) });
    const reply = store.addMessage('c-1', { author: 'agent', agentId: 'a-1', body: 'two' });
    expect(reply.at).toBe(min(120));
    clock.advance(60_000);
    store.addMessage('c-1', { author: 'customer', body: 'late', at: min(110) });
    expect(store.conversation('c-1')!.events.map((e) => [e.id, e.at])).toEqual([
      ['e-1', min(100)],
      ['e-3', min(110)],
      ['e-2', min(120)],
    ]);
    expect(store.summary('c-1')!.waitingSince).toBe(null);
  });

  it('a customer message reopens a resolved conversation with an explicit status event', () => {
    const { store } = deskAt();
    store.createConversation({ customerName: 'A', body: 'one', at: min(10) });
    store.addMessage('c-1', { author: 'agent', agentId: 'a-3', body: 'two', at: min(15) });
    store.setStatus('c-1', { status: 'resolved', agentId: 'a-3', at: min(16) });
    store.addMessage('c-1', { author: 'customer', body: 'again', at: min(40) });
    const events = store.conversation('c-1')!.events;
    expect(events.slice(-2).map((e) => ({ type: e.type, at: e.at, status: e.status, author: e.author }))).toEqual([
      { type: 'status', at: min(40), status: 'open', author: undefined },
      { type: 'message', at: min(40), status: undefined, author: 'customer' },
    ]);
    expect(store.summary('c-1')).toMatchObject({ status: 'open', waitingSince: '2026-11-24T09:40:00.000Z' });
  });

  it('turns a private agent message into a note that does not answer the customer', () => {
    const { store } = deskAt();
    store.createConversation({ customerName: 'A', body: 'one', at: min(10) });
    const note = store.addMessage('c-1', { author: 'agent', agentId: 'a-1', body: 'internal', private: true, at: min(11) });
    expect(note.type).toBe('note');
    expect(store.summary('c-1')!.waitingSince).toBe('2026-11-24T09:10:00.000Z');
  });

  it('rejects times in the future or before the conversation, unknown agents and bad ratings', () => {
    const { store } = deskAt();
    expect(() => store.createConversation({ customerName: 'A', body: 'x', at: min(121) })).toThrow(DeskError);
    store.createConversation({ customerName: 'A', body: 'x', at: min(50) });
    expect(() => store.addMessage('c-1', { author: 'agent', agentId: 'a-1', body: 'y', at: min(49) })).toThrow(/before the conversation/);
    expect(() => store.addMessage('c-1', { author: 'agent', agentId: 'a-9', body: 'y' })).toThrow(/unknown agent a-9/);
    expect(() => store.addRating('c-1', { csat: 6 })).toThrow(/csat/);
    expect(() => store.addMessage('c-9', { author: 'customer', body: 'y' })).toThrow(/unknown conversation c-9/);
    expect(() => store.createConversation({ customerName: 'B', body: 'x', id: 'c-1' })).toThrow(/already exists/);
  });

  it('serves the timeline with exact times and no message text', () => {
    const { store } = deskAt();
    store.createConversation({ customerName: 'A', body: 'secret text', at: min(0), id: 'c-test' });
    store.assign('c-test', { agentId: 'a-2', at: min(1) });
    store.addMessage('c-test', { author: 'agent', agentId: 'a-2', body: 'reply text', at: min(4) });
    store.addMessage('c-test', { author: 'agent', agentId: 'a-2', body: 'note text', private: true, at: min(5) });
    store.setStatus('c-test', { status: 'resolved', agentId: 'a-2', at: min(6) });
    store.addRating('c-test', { csat: 5, at: min(8) });
    const timeline = store.toTimeline(defaultSettings({ timezone: 'Europe/Berlin' }), 'http://localhost:4400');
    expect(timelineSchema.safeParse(timeline).success).toBe(true);
    expect(timeline.conversations).toEqual([
      {
        id: 'c-test',
        channel: 'chat',
        createdAt: '2026-11-24T09:00:00.000Z',
        customerId: 'u-1',
        events: [
          { id: 'e-1', at: '2026-11-24T09:00:00.000Z', type: 'message', author: 'customer', public: true },
          { id: 'e-2', at: '2026-11-24T09:01:00.000Z', type: 'assignment', agentId: 'a-2' },
          { id: 'e-3', at: '2026-11-24T09:04:00.000Z', type: 'message', author: 'agent', agentId: 'a-2', public: true },
          { id: 'e-4', at: '2026-11-24T09:05:00.000Z', type: 'note', agentId: 'a-2' },
          { id: 'e-5', at: '2026-11-24T09:06:00.000Z', type: 'status', status: 'resolved', agentId: 'a-2' },
          { id: 'e-6', at: '2026-11-24T09:08:00.000Z', type: 'rating', csat: 5, agentId: 'a-2' },
        ],
      },
    ]);
    expect(JSON.stringify(timeline)).not.toMatch(/secret|reply text|note text/);
    expect(timeline.calendar!.timezone).toBe('Europe/Berlin');
    expect(timeline.targets).toEqual({
      clock: 'business',
      firstResponseSeconds: 600,
      nextResponseSeconds: 900,
      resolutionSeconds: 7200,
      atRiskShare: 0.75,
    });
  });
});
