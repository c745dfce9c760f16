import { describe, expect, it } from 'vitest';
import { timelineSchema } from '../../../lib/timeline/schema.ts';
import type { TimelineFile } from '../../../lib/timeline/schema.ts';
import { DeskClock } from '../../../demo/server/clock.ts';
import { defaultSettings } from '../../../demo/server/settings.ts';
import { Simulator } from '../../../demo/server/simulator.ts';
import { DeskStore } from '../../../demo/server/store.ts';

const NOW = Date.parse('2026-11-24T15:00:00.000Z');
const settings = defaultSettings({ timezone: 'UTC' });

function simulate(seed: number, conversations: number, steps = 0) {
  const clock = new DeskClock('manual', NOW);
  const store = new DeskStore(clock);
  const simulator = new Simulator(store, clock, { seed, speed: 20 });
  simulator.generateHistory(conversations);
  for (let i = 0; i < steps; i++) {
    clock.advance(5_000);
    simulator.step();
  }
  simulator.dispose();
  return { store, timeline: store.toTimeline(settings) };
}

function checkConsistency(timeline: TimelineFile): void {
  expect(timelineSchema.safeParse(timeline).success).toBe(true);
  const ids = new Set<string>();
  for (const conversation of timeline.conversations) {
    const times = conversation.events.map((e) => Date.parse(e.at));
    // Times never go backwards, and nothing happens before the conversation began or after "now".
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    expect(times[0]).toBe(Date.parse(conversation.createdAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse(timeline.generatedAt!));
    const first = conversation.events[0];
    expect(first.type === 'message' && first.author).toBe('customer');
    for (const event of conversation.events) {
      expect(ids.has(event.id!)).toBe(false);
      ids.add(event.id!);
      if (event.type === 'rating') expect([1, 2, 3, 4, 5]).toContain(event.csat);
    }
  }
}

describe('Simulator', () => {
  it('is deterministic for a seed: the same history and the same live steps twice', () => {
    const a = simulate(42, 40, 25);
    const b = simulate(42, 40, 25);
    expect(a.timeline.conversations.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(b.timeline)).toBe(JSON.stringify(a.timeline));
    // Message texts are reproducible too.
    expect(b.store.detail('c-7')).toEqual(a.store.detail('c-7'));
    const other = simulate(43, 40, 25);
    expect(JSON.stringify(other.timeline.conversations)).not.toBe(JSON.stringify(a.timeline.conversations));
  });

  it('generates consistent histories for several seeds', () => {
    for (const seed of [1, 2, 3, 42]) checkConsistency(simulate(seed, 60, 40).timeline);
  });

  it('covers what a real desk shows: bot-only resolutions, hand-offs, notes, pending, reopenings, follow-ups and ratings', () => {
    const { timeline } = simulate(42, 300);
    const all = timeline.conversations;
    const types = (c: (typeof all)[number]) =>
      c.events.map((e) => (e.type === 'message' ? `message:${e.author}` : e.type === 'status' ? `status:${e.status}` : e.type));
    const botOnly = all.filter(
      (c) => types(c).includes('status:resolved') && !types(c).includes('message:agent') && types(c).includes('message:bot'),
    );
    expect(botOnly.length).toBeGreaterThan(0);
    for (const conversation of botOnly) {
      const resolution = conversation.events.find((e) => e.type === 'status' && e.status === 'resolved');
      expect(resolution && 'agentId' in resolution ? resolution.agentId : undefined).toBeUndefined();
    }
    expect(all.filter((c) => types(c).includes('handoff')).length).toBeGreaterThan(0);
    expect(all.filter((c) => types(c).includes('note')).length).toBeGreaterThan(0);
    expect(all.filter((c) => types(c).includes('status:pending')).length).toBeGreaterThan(0);
    expect(all.filter((c) => types(c).includes('status:open')).length).toBeGreaterThan(0);
    expect(
      all.filter((c) => types(c).filter((t) => t === 'message:customer').length >= 2 && types(c)[1] !== 'message:agent').length,
    ).toBeGreaterThan(0);
    const ratings = all.flatMap((c) => c.events.filter((e) => e.type === 'rating').map((e) => (e.type === 'rating' ? e.csat! : 0)));
    expect(ratings.length).toBeGreaterThan(20);
    // Skewed positive, as real CSAT is.
    expect(ratings.filter((r) => r >= 4).length / ratings.length).toBeGreaterThan(0.6);
    // The agent's first reply never precedes the customer's first message.
    for (const conversation of all) {
      const firstAgent = conversation.events.find((e) => e.type === 'message' && e.author === 'agent');
      if (firstAgent) expect(Date.parse(firstAgent.at)).toBeGreaterThanOrEqual(Date.parse(conversation.createdAt));
    }
  });

  it('leaves conversations assigned to a signed-in agent to that person', () => {
    const clock = new DeskClock('manual', NOW);
    const store = new DeskStore(clock);
    const simulator = new Simulator(store, clock, { seed: 5 });
    simulator.setHumanAgents(['a-1', 'a-2', 'a-3']);
    simulator.generateHistory(0);
    for (let i = 0; i < 200; i++) {
      clock.advance(10_000);
      simulator.step();
    }
    const agentMessages = store
      .allConversations()
      .flatMap((c) => c.events)
      .filter((e) => (e.type === 'message' && e.author === 'agent') || e.type === 'assignment');
    expect(agentMessages.length).toBeGreaterThan(0);
    for (const event of agentMessages) expect(event.agentId ?? event.assigneeId).toBe('a-4');
    simulator.dispose();
  });

  it('leaves conversations created through the API alone', () => {
    const clock = new DeskClock('manual', NOW);
    const store = new DeskStore(clock);
    const simulator = new Simulator(store, clock, { seed: 9 });
    simulator.generateHistory(5);
    store.createConversation({ customerName: 'Test Customer', body: 'hello', at: NOW - 44 * 60_000, id: 'c-test' });
    for (let i = 0; i < 100; i++) {
      clock.advance(10_000);
      simulator.step();
    }
    expect(store.conversation('c-test')!.events.length).toBe(1);
    simulator.dispose();
  });
});
