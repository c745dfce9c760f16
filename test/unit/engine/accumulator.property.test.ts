/**
 * The incremental summary equals the full one: SortedValues against a sorted array, and
 * SummaryAccumulator against summarize() after random sequences of add / replace / remove.
 * Means are compared within floating-point tolerance (compensated running sum against a sum
 * in sorted order); every other figure exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../lib/engine/aggregate';
import { measureConversation } from '../../../lib/engine/conversation';
import type { Conversation, ConversationEvent } from '../../../lib/engine/events';
import { SortedValues } from '../../../lib/engine/sorted-values';
import { SummaryAccumulator, summarize, type Period } from '../../../lib/engine/summary';
import type { ProfileId } from '../../../lib/engine/types';
import { BERLIN, context, ms } from './engine-fixtures';

/** Paths where two values differ; `mean` fields may differ by a relative 1e-9. */
function differences(actual: unknown, expected: unknown, path = ''): string[] {
  if (typeof actual === 'number' && typeof expected === 'number' && path.endsWith('.mean')) {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? [] : [`${path}: ${actual} ≠ ${expected}`];
  }
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((key) =>
      differences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}

describe('SortedValues', () => {
  it('keeps ranks, min, max, percentiles and mean of a multiset through inserts and removals', () => {
    // Few distinct values (many duplicates) and enough of them to split blocks several times.
    const op = fc.oneof(
      { weight: 3, arbitrary: fc.record({ add: fc.constant(true), value: fc.integer({ min: -50, max: 400 }).map((v) => v / 4) }) },
      { weight: 1, arbitrary: fc.record({ add: fc.constant(false), pick: fc.nat() }) },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 2500, maxLength: 6000, size: 'max' }), (ops) => {
        const store = new SortedValues();
        const reference: number[] = [];
        for (const step of ops) {
          if (step.add) {
            store.add(step.value);
            reference.push(step.value);
          } else if (reference.length > 0) {
            const [value] = reference.splice(step.pick % reference.length, 1);
            expect(store.remove(value)).toBe(true);
          } else {
            expect(store.remove(1)).toBe(false);
          }
        }
        const sorted = [...reference].sort((a, b) => a - b);
        expect(store.size).toBe(sorted.length);
        expect(Array.from({ length: store.size }, (_, k) => store.at(k))).toEqual(sorted);
        expect(differences(store.aggregate(), aggregate(reference))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('reports an absent value as not removed and leaves the rest alone', () => {
    const store = new SortedValues();
    for (const v of [3, 1, 2, 2]) store.add(v);
    expect(store.remove(5)).toBe(false);
    expect(store.remove(2)).toBe(true);
    expect(store.aggregate()).toEqual({ n: 3, median: 2, p90: 2.8, mean: 2, min: 1, max: 3 });
  });
});

const START = ms('2026-11-16T00:00:00Z');
const MINUTE = 60_000;

/** Events at increasing minutes after creation; the engine sorts them anyway. */
const eventArb: fc.Arbitrary<(at: number) => ConversationEvent> = fc.oneof(
  fc.constantFrom('customer', 'agent', 'bot').chain((author) =>
    fc.constantFrom('a-1', 'a-2', 'a-3').map(
      (agentId) =>
        (at: number): ConversationEvent =>
          author === 'agent' ? { type: 'message', at, author, agentId } : { type: 'message', at, author: author },
    ),
  ),
  fc
    .constantFrom('resolved', 'pending', 'open', 'snoozed')
    .map((status) => (at: number): ConversationEvent => ({ type: 'status', at, status: status as 'resolved' })),
  fc.constant((at: number): ConversationEvent => ({ type: 'handoff', at })),
  fc
    .record({ csat: fc.integer({ min: 1, max: 5 }), ces: fc.integer({ min: 1, max: 7 }) })
    .map((r) => (at: number): ConversationEvent => ({ type: 'rating', at, ...r })),
  fc
    .integer({ min: 1, max: 30 })
    .map((minutes) => (at: number): ConversationEvent => ({ type: 'activity', at, until: at + minutes * MINUTE, agentId: 'a-1' })),
  fc.constantFrom('a-1', 'a-2').map((agentId) => (at: number): ConversationEvent => ({ type: 'assignment', at, agentId })),
);

const conversationArb = fc
  .record({
    id: fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7', 'c-8'),
    startMinute: fc.integer({ min: 0, max: 3 * 7 * 24 * 60 }),
    unverified: fc.boolean(),
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), eventArb), { maxLength: 12 }),
  })
  .map(({ id, startMinute, unverified, steps }): Conversation => {
    const createdAt = START + startMinute * MINUTE;
    let at = createdAt;
    const events: ConversationEvent[] = [{ type: 'message', at, author: 'customer' }];
    for (const [gap, make] of steps) {
      at += gap * MINUTE;
      events.push(make(at));
    }
    return { id, createdAt, events, ...(unverified && Math.floor(startMinute) % 5 === 0 ? { unverified: true } : {}) };
  });

const operationArb = fc.oneof(
  { weight: 4, arbitrary: conversationArb.map((conversation) => ({ add: conversation })) },
  { weight: 1, arbitrary: fc.constantFrom('c-1', 'c-2', 'c-3', 'c-9').map((id) => ({ remove: id })) },
);

describe('SummaryAccumulator', () => {
  it('equals summarize() over the conversations it holds after any sequence of changes', () => {
    const week: Period = { from: ms('2026-11-23T00:00:00Z'), to: ms('2026-11-30T00:00:00Z') };
    fc.assert(
      fc.property(
        fc.constantFrom<ProfileId>('replyline', 'zendesk', 'intercom', 'chatwoot', 'zammad'),
        fc.boolean(),
        fc.constantFrom<Period | undefined>(undefined, week),
        fc.array(operationArb, { minLength: 1, maxLength: 40 }),
        (profile, business, period, operations) => {
          const ctx = context(profile, {
            now: '2026-11-27T12:00:00Z',
            ...(business ? { calendar: BERLIN } : {}),
            targets: { firstResponseSeconds: 3600, nextResponseSeconds: 7200, resolutionSeconds: 86_400 },
          });
          const accumulator = new SummaryAccumulator(ctx, period);
          const held = new Map<string, Conversation>();
          for (const operation of operations) {
            if ('add' in operation) {
              accumulator.add(measureConversation(operation.add, ctx));
              held.set(operation.add.id, operation.add);
            } else {
              expect(accumulator.remove(operation.remove)).toBe(held.delete(operation.remove));
            }
            const expected = summarize(
              [...held.values()].map((c) => measureConversation(c, ctx)),
              ctx,
              period,
            );
            expect(differences(accumulator.summary(), expected)).toEqual([]);
          }
          expect(accumulator.size).toBe(held.size);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('summaries skip a conversation by its span', () => {
  it('give the same figures as reading every conversation in full, also when events come before creation', () => {
    // Every day of the conversations' three weeks and the next, and a few short windows.
    const periods: Period[] = Array.from({ length: 28 }, (_, day) => ({
      from: START + day * 86_400_000,
      to: START + (day + 1) * 86_400_000,
    }));
    for (const hours of [1, 5, 13]) periods.push({ from: START + hours * 3_600_000, to: START + (hours + 2) * 3_600_000 });
    const laterCreation = fc
      .tuple(conversationArb, fc.integer({ min: 0, max: 3 * 24 * 60 }))
      .map(([conversation, minutes]): Conversation => ({ ...conversation, createdAt: conversation.createdAt + minutes * MINUTE }));
    fc.assert(
      fc.property(
        fc.constantFrom<ProfileId>('replyline', 'zendesk', 'intercom', 'chatwoot', 'zammad'),
        fc.array(fc.oneof(conversationArb, laterCreation), { minLength: 1, maxLength: 30 }),
        (profile, conversations) => {
          const ctx = context(profile, {
            now: '2026-11-27T12:00:00Z',
            calendar: BERLIN,
            targets: { firstResponseSeconds: 3600, nextResponseSeconds: 7200, resolutionSeconds: 86_400 },
          });
          const metrics = conversations.map((c) => measureConversation(c, ctx));
          const withoutSpans = metrics.map(({ spanFrom: _from, spanTo: _to, ...rest }) => rest);
          for (const period of periods) {
            expect(differences(summarize(metrics, ctx, period), summarize(withoutSpans, ctx, period))).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
