import { describe, expect, it } from 'vitest';
import { agentTrends, qualityAdjustedProductivity } from '../../../../lib/engine/analytics/development';
import { weeklyReview } from '../../../../lib/engine/analytics/review';
import { previousWeeks, suggestTargets } from '../../../../lib/engine/analytics/suggest-targets';
import { measureConversation } from '../../../../lib/engine/conversation';
import type { Conversation } from '../../../../lib/engine/events';
import { context, conv, ms } from '../engine-fixtures';

const ctx = context('replyline', { now: '2026-03-30T12:00:00Z', targets: { firstResponseSeconds: 600 } });
const summaryContext = { profile: ctx.profile, targets: { clock: 'calendar' as const } };

/** A conversation answered after `minutes` by `agent`, then resolved by them 5 minutes later. */
function answered(id: string, at: string, minutes: number, agent: string, extra: Partial<Conversation> = {}): Conversation {
  const t = ms(at);
  const iso = (x: number) => new Date(x).toISOString();
  return conv(
    at,
    [
      { type: 'message', author: 'customer', at },
      { type: 'message', author: 'agent', agentId: agent, at: iso(t + minutes * 60_000) },
      { type: 'status', status: 'resolved', agentId: agent, at: iso(t + (minutes + 5) * 60_000) },
    ],
    { id, ...extra },
  );
}

describe('qualityAdjustedProductivity', () => {
  // a-1 resolves 3 in W10, reviews 0.8 and 1.0 → mean 0.9 → 2.7; a-2 resolves 1, never reviewed → no figure.
  const list = [
    answered('p1', '2026-03-02T10:00:00Z', 2, 'a-1'),
    answered('p2', '2026-03-03T10:00:00Z', 2, 'a-1'),
    answered('p3', '2026-03-04T10:00:00Z', 2, 'a-1'),
    answered('p4', '2026-03-04T10:00:00Z', 2, 'a-2'),
  ];
  const metrics = list.map((c) => measureConversation(c, ctx));
  const reviews = [
    { conversationId: 'p1', score: 0.8, reviewedAt: ms('2026-03-05T10:00:00Z') },
    { conversationId: 'p2', score: 1, reviewedAt: ms('2026-03-05T10:00:00Z') },
    { conversationId: 'p3', score: null, reviewedAt: ms('2026-03-05T10:00:00Z') }, // every item N/A: left out
  ];
  const result = qualityAdjustedProductivity({ metrics, reviews });

  it('resolved × mean QA score: 3 × 0.9 = 2.7, flagged small (2 reviews)', () => {
    const a1 = result.find((r) => r.agentId === 'a-1')!;
    expect(a1.resolved).toBe(3);
    expect(a1.qa).toEqual({ n: 2, mean: 0.9, small: true });
    expect(a1.value).toBeCloseTo(2.7, 12);
    expect(a1.reviewedIds).toEqual(['p1', 'p2']);
  });

  it('no review → no figure (null, not 0)', () => {
    expect(result.find((r) => r.agentId === 'a-2')).toMatchObject({ resolved: 1, value: null });
  });

  it('trends per week: a-1 resolved all 3 of W10, QA 0.9, no CSAT', () => {
    const trends = agentTrends({ metrics, reviews, summaryContext, timezone: 'UTC', weeks: ['2026-W10', '2026-W11'], agentIds: ['a-1'] });
    expect(trends[0].weeks[0]).toEqual({
      week: '2026-W10',
      resolutionRate: { count: 3, n: 3, share: 1, small: true },
      qa: { n: 2, mean: 0.9, small: true },
      csat: { count: 0, n: 0, share: null, small: true },
    });
    expect(trends[0].weeks[1].resolutionRate.share).toBeNull();
  });
});

describe('suggestTargets', () => {
  it('uses the 4 complete weeks before now', () => {
    expect(previousWeeks(ms('2026-03-30T12:00:00Z'), 'UTC', 4)).toEqual(['2026-W10', '2026-W11', '2026-W12', '2026-W13']);
  });

  it('p75 of first responses 1, 2, 3, 4, 5 min = 4 min (rank 3 of 0..4); the week before the window is left out', () => {
    const list = [1, 2, 3, 4, 5].map((m, i) =>
      answered(`s${i}`, `2026-03-${String(2 + i * 5).padStart(2, '0')}T10:00:00Z`, m, 'a-1', { channel: i < 3 ? 'chat' : 'email' }),
    );
    list.push(answered('old', '2026-02-20T10:00:00Z', 60, 'a-1', { channel: 'chat' }));
    const result = suggestTargets({
      metrics: list.map((c) => measureConversation(c, ctx)),
      timezone: 'UTC',
      clock: 'calendar',
      now: ms('2026-03-30T12:00:00Z'),
      current: { firstResponse: 600 },
    });
    const all = result.find((r) => r.metric === 'firstResponse' && r.channel === 'all')!;
    expect(all).toMatchObject({ n: 5, p50: 180, p75: 240, p90: 276, suggestedSeconds: 240, currentSeconds: 600, small: true });
    // chat: 1, 2, 3 min → p75 at rank 1.5 = 150 s → rounded up to 180 s.
    expect(result.find((r) => r.metric === 'firstResponse' && r.channel === 'chat')).toMatchObject({
      n: 3,
      p75: 150,
      suggestedSeconds: 180,
    });
    expect(result.find((r) => r.metric === 'nextResponse' && r.channel === 'all')).toMatchObject({ n: 0, suggestedSeconds: null });
  });
});

describe('weeklyReview', () => {
  // W10: first responses 2 and 4 min; W11: 8 and 12 min, one past the 10-minute target.
  const list = [
    answered('w1', '2026-03-02T10:00:00Z', 2, 'a-1'),
    answered('w2', '2026-03-03T10:00:00Z', 4, 'a-1'),
    answered('w3', '2026-03-09T10:00:00Z', 8, 'a-1'),
    answered('w4', '2026-03-10T10:00:00Z', 12, 'a-2'),
  ];
  const review = weeklyReview({
    metrics: list.map((c) => measureConversation(c, ctx)),
    conversations: list,
    reviews: [],
    summaryContext,
    timezone: 'UTC',
    week: '2026-W11',
    targets: { firstResponseSeconds: 600, targetHitRate: 0.9 },
  });
  const line = (id: string) => review.lines.find((l) => l.id === id)!;

  it('first response median 10 min against 3 min the week before: 7 min worse, meets the 10-minute target exactly', () => {
    expect(review.previousWeek).toBe('2026-W10');
    expect(line('firstResponse')).toMatchObject({
      thisWeek: 600,
      lastWeek: 180,
      change: 420,
      better: false,
      target: 600,
      meetsTarget: true,
      ids: ['w3', 'w4'],
    });
    expect(line('firstResponse').relativeChange).toBeCloseTo(420 / 180, 12);
  });

  it('target hit rate 1 of 2 (w4 missed) against 2 of 2, below the 0.9 goal, with the ids behind it', () => {
    expect(line('targetHitRate')).toMatchObject({
      thisWeek: 0.5,
      lastWeek: 1,
      change: -0.5,
      better: false,
      meetsTarget: false,
      ids: ['w3', 'w4'],
    });
  });

  it('nothing "moved most" when every sample is small (fewer than 10 values)', () => {
    expect(line('firstResponse').small).toBe(true);
    expect(review.movedMost).toEqual([]);
  });
});
