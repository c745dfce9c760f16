import { describe, expect, it } from 'vitest';
import { impactSummary } from '../../../../lib/engine/analytics/impact';
import { hourOfWeekVolume, repeatContacts, risingTopics, topicStats } from '../../../../lib/engine/analytics/topics';
import { measureConversation } from '../../../../lib/engine/conversation';
import { context, conv } from '../engine-fixtures';

const ctx = context('replyline', { now: '2026-03-20T12:00:00Z' });
const summaryContext = { profile: ctx.profile, targets: { clock: 'calendar' as const } };

// Monday 2026-03-02 (ISO week 2026-W10), 10:00 UTC.
const a = conv(
  '2026-03-02T10:00:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-03-02T10:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-03-02T10:04:00Z' },
    { type: 'activity', agentId: 'a-1', at: '2026-03-02T10:01:00Z', until: '2026-03-02T10:31:00Z' },
    { type: 'status', status: 'resolved', at: '2026-03-02T10:40:00Z' },
    { type: 'tag', tag: 'Churn Risk', at: '2026-03-02T10:05:00Z' },
    { type: 'tag', tag: 'billing', at: '2026-03-02T10:05:00Z' },
  ],
  { id: 'a', customerId: 'u-1', tags: ['Billing'] },
);
// Tuesday 2026-03-03, 11:00: side-panel outcome "upsell"; helpdesk tag "renewal" added then removed.
const b = conv(
  '2026-03-03T11:00:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-03-03T11:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-03-03T11:10:00Z' },
    { type: 'activity', agentId: 'a-2', at: '2026-03-03T11:02:00Z', until: '2026-03-03T11:17:00Z' },
    { type: 'tag', tag: 'renewal', at: '2026-03-03T11:05:00Z' },
    { type: 'tag', tag: 'renewal', removed: true, at: '2026-03-03T11:06:00Z' },
  ],
  { id: 'b', customerId: 'u-1', tags: ['shipping'] },
);
// Week 2026-W11, customer u-1 again 10 days after b (outside 7 days); no handle time.
const c = conv('2026-03-13T09:00:00Z', [{ type: 'message', author: 'customer', at: '2026-03-13T09:00:00Z' }], {
  id: 'c',
  customerId: 'u-1',
  tags: ['billing'],
});
const all = [a, b, c];
const metrics = all.map((x) => measureConversation(x, ctx));

describe('impactSummary', () => {
  const r = impactSummary({
    metrics,
    conversations: all,
    outcomes: [{ conversationId: 'b', tags: ['upsell'], agentId: 'a-2' }],
    timezone: 'UTC',
    hourlyCost: 40,
  });

  it('counts side-panel outcomes and helpdesk tags by name, once each; a removed tag no longer counts', () => {
    expect(r.outcomes['churn-risk']).toEqual({ count: 1, n: 3, share: 1 / 3, small: true }); // a's "Churn Risk"
    expect(r.outcomes.upsell.count).toBe(1); // b's outcome record
    expect(r.outcomes.renewal.count).toBe(0); // b's "renewal" was removed
    expect(r.ids['churn-risk']).toEqual(['a']);
  });

  it('splits by agent and ISO week of creation, shares within each scope', () => {
    expect(r.outcomesByAgent['a-1']['churn-risk']).toEqual({ count: 1, n: 1, share: 1, small: true });
    expect(r.outcomesByAgent['a-2'].upsell.share).toBe(1);
    expect(Object.keys(r.outcomesByWeek)).toEqual(['2026-W10', '2026-W11']);
    expect(r.outcomesByWeek['2026-W10']['churn-risk'].share).toBe(0.5);
  });

  it('cost = handle hours × 40: a 30 min → 20, b 15 min → 10; c has no handle time (unknown, not free)', () => {
    expect(r.cost).toMatchObject({ hourlyCost: 40, total: 30, unknown: 1 });
    expect(r.cost!.perConversation.median).toBe(15);
    expect(r.weeks.map((w) => [w.week, w.conversations, w.handleHours, w.cost?.total])).toEqual([
      ['2026-W10', 2, 0.75, 30],
      ['2026-W11', 1, 0, 0],
    ]);
  });
});

describe('topics', () => {
  it('reads topics from tags only, one spelling per tag, busiest first', () => {
    const stats = topicStats({ metrics, conversations: all, summaryContext, excludeTags: ['churn risk'] });
    expect(stats.map((s) => [s.topic, s.volume, s.ids])).toEqual([
      ['Billing', 2, ['a', 'c']],
      ['shipping', 1, ['b']],
    ]);
    // Billing's first responses: a 4 min (c has none yet).
    expect(stats[0].firstResponse.calendar.median).toBe(240);
    expect(stats[0].small).toBe(true);
  });

  it('rising: 5 billing conversations in W11 against 1 in W10 (≥ 5 and ≥ 1.5×)', () => {
    const extra = [1, 2, 3, 4].map((i) =>
      conv(`2026-03-1${i}T09:00:00Z`, [{ type: 'message', author: 'customer', at: `2026-03-1${i}T09:00:00Z` }], {
        id: `x${i}`,
        tags: ['billing'],
      }),
    );
    const list = [...all, ...extra];
    const rising = risingTopics({
      metrics: list.map((x) => measureConversation(x, ctx)),
      conversations: list,
      timezone: 'UTC',
      week: '2026-W11',
    });
    expect(rising).toEqual([{ topic: 'Billing', thisWeek: 5, lastWeek: 1, change: 4, ratio: 5, ids: ['c', 'x1', 'x2', 'x3', 'x4'] }]);
  });

  it('hour of week: Monday 10:00 → 10, Tuesday 11:00 → 35, Friday 09:00 → 105', () => {
    const counts = hourOfWeekVolume(metrics, 'UTC');
    expect(counts.length).toBe(168);
    expect([counts[10], counts[35], counts[105]]).toEqual([1, 1, 1]);
    expect(counts.reduce((s, v) => s + v, 0)).toBe(3);
  });

  it('repeat contacts: b is u-1 again 25 h after a; c comes 9 days 22 h after b, outside 7 days', () => {
    const r = repeatContacts(all);
    expect(r.repeats).toEqual([{ conversationId: 'b', previousConversationId: 'a', customerId: 'u-1', gapSeconds: 25 * 3600 }]);
    expect(r.rate).toEqual({ count: 1, n: 3, share: 1 / 3, small: true });
    expect(repeatContacts(all, { withinDays: 14 }).rate.count).toBe(2);
  });
});
