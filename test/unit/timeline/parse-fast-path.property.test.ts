/**
 * parseTimeline checks conversations and events by hand before falling back to zod. Whatever
 * the input, it must agree with timelineSchema: accept exactly what the schema accepts, return
 * the same data (same keys, same order), and leave the problems to zod's wording.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimeline } from '../../../lib/timeline/parse';
import { timelineSchema } from '../../../lib/timeline/schema';

const CREATED = '2026-11-24T09:00:00Z';

// Each field draws mostly from valid values, sometimes from near misses the schema rejects.
const mostly = <T>(valid: readonly T[], invalid: readonly unknown[]) =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const instant = mostly(
  ['2026-11-24T09:05:00Z', '2026-11-24T10:00:00.250+01:00', '2026-11-24T12:00:00Z'],
  ['2026-02-30T09:00:00Z', '2026-11-24 09:05', '', 42],
);
const text = mostly(['a-1', 'x'], ['', null, 7]);
const fieldsArb = fc.record(
  {
    type: mostly(['message', 'note', 'status', 'handoff', 'assignment', 'rating', 'activity', 'tag'], ['comment', 3]),
    at: instant,
    id: maybe(text),
    author: maybe(mostly(['customer', 'agent', 'bot', 'automation'], ['system'])),
    agentId: maybe(mostly(['a-1', 'x', null], ['', 7])),
    public: maybe(mostly([true, false], ['yes'])),
    status: maybe(mostly(['open', 'pending', 'snoozed', 'resolved'], ['closed'])),
    teamId: maybe(mostly(['t-1', ''], [null, 7])),
    csat: maybe(mostly([1, 3, 5], [6, 0, 4.5, '5'])),
    ces: maybe(mostly([1, 7], [8, 2.5])),
    until: maybe(instant),
    kind: maybe(mostly(['viewing', 'typing'], ['idle'])),
    tag: maybe(text),
    removed: maybe(mostly([true, false], ['no'])),
    extra: maybe(fc.constant('ignored')),
  },
  { requiredKeys: ['type', 'at'] },
);

/** Drops the keys drawn as undefined, as JSON would. */
const present = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

const conversationArb = fc.record({
  id: mostly(['c-1', 'c-2'], ['']),
  channel: maybe(mostly(['chat'], [5])),
  tags: maybe(mostly([['billing'], []], [[3]])),
  unverified: maybe(mostly([true, false], ['true'])),
  events: fc.array(fieldsArb.map(present), { maxLength: 4 }),
});

describe('parseTimeline fast path', () => {
  it('accepts what timelineSchema accepts, with the same data, and otherwise gives zod’s problems', () => {
    fc.assert(
      fc.property(fc.array(conversationArb, { minLength: 1, maxLength: 3 }), (drawn) => {
        const conversations = drawn.map((c) => present({ ...c, createdAt: CREATED }));
        const input = { format: 'replyline.timeline/1', conversations };
        const result = parseTimeline(JSON.stringify(input));
        const reference = timelineSchema.safeParse(input);
        if (result.ok) {
          expect(reference.success).toBe(true);
          // Same keys in the same order, as exports and reports print them.
          expect(JSON.stringify(result.timeline)).toBe(JSON.stringify(reference.data));
        } else if (!reference.success) {
          // zod's issues, worded and located by the slow path (the fast path never writes one).
          expect(result.errors.length).toBeGreaterThanOrEqual(1);
          const paths = new Set(reference.error.issues.map((issue) => issue.path.join('.')));
          for (const problem of result.errors) expect(paths.has(problem.path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, ''))).toBe(true);
        } else {
          // Valid for the schema, rejected by the consistency rules (duplicate conversation or event ids, times before createdAt).
          expect(
            result.errors.every((problem) =>
              /duplicate conversation id|duplicate event id|is before the conversation's createdAt/.test(problem.message),
            ),
          ).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps valid optional fields and drops unknown keys, as the schema does', () => {
    const event = { extra: 1, agentId: 'a-1', at: '2026-11-24T09:05:00Z', type: 'message', author: 'agent', public: false, id: 'm-1' };
    const result = parseTimeline(
      JSON.stringify({ format: 'replyline.timeline/1', conversations: [{ events: [event], createdAt: CREATED, id: 'c-1', note: 'x' }] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.stringify(result.timeline.conversations)).toBe(
      '[{"id":"c-1","createdAt":"2026-11-24T09:00:00Z","events":[{"at":"2026-11-24T09:05:00Z","id":"m-1","type":"message","author":"agent","agentId":"a-1","public":false}]}]',
    );
  });
});
