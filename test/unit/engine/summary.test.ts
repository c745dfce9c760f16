/**
 * summarize: period bucketing, unverified exclusion, rates, per-agent / per-day grouping and
 * the incremental accumulator.
 */
import { describe, expect, it } from 'vitest';
import { measureConversation } from '../../../lib/engine/conversation';
import { buildReport } from '../../../lib/engine/report';
import { SummaryAccumulator, summarize, summarizeByAgent, summarizeByDay, summarizeByWeek } from '../../../lib/engine/summary';
import { BERLIN, context, conv, ms } from './engine-fixtures';

// Created Monday 23 Nov 23:30 Berlin (22:30Z); answered Tuesday 24 Nov 00:10 Berlin (23:10Z).
const lateNight = conv(
  '2026-11-23T22:30:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-11-23T22:30:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-23T23:10:00Z' },
    { type: 'status', status: 'resolved', agentId: 'a-1', at: '2026-11-23T23:20:00Z' },
    { type: 'rating', csat: 3, ces: 6, at: '2026-11-23T23:30:00Z' },
  ],
  { id: 'late' },
);
const daytime = conv(
  '2026-11-24T09:00:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-11-24T09:02:00Z' },
    { type: 'message', author: 'customer', at: '2026-11-24T09:10:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-11-24T09:20:00Z' },
    { type: 'status', status: 'resolved', agentId: 'a-2', at: '2026-11-24T10:00:00Z' },
    { type: 'message', author: 'customer', at: '2026-11-24T11:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-11-24T11:04:00Z' },
    { type: 'status', status: 'resolved', agentId: 'a-2', at: '2026-11-24T11:30:00Z' },
    { type: 'rating', csat: 5, ces: 4, at: '2026-11-24T11:40:00Z' },
  ],
  { id: 'day' },
);
const unverified = conv(
  '2026-11-24T09:00:00Z',
  [
    { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T12:00:00Z' },
  ],
  { id: 'shaky', unverified: true },
);

const tuesday = { from: ms('2026-11-23T23:00:00Z'), to: ms('2026-11-24T23:00:00Z') }; // Tue 24 Nov, Berlin

describe('summarize', () => {
  const report = buildReport([lateNight, daytime, unverified], { profile: 'replyline', calendar: BERLIN, now: ms('2026-11-30T00:00:00Z') });
  const ctx = context('replyline', { calendar: BERLIN, now: '2026-11-30T00:00:00Z', targets: { clock: 'calendar' } });

  it('excludes unverified conversations and reports every aggregate', () => {
    const s = report.summary;
    expect(s.conversations).toBe(2);
    expect(s.primary).toBe('median');
    // First responses: 2400 s (late) and 120 s (day): median of two = mean of both.
    expect(s.firstResponse.calendar).toEqual({ n: 2, median: 1260, p90: 2172, mean: 1260, min: 120, max: 2400 });
    // Outside business hours the late-night wait is 0 business seconds.
    expect(s.firstResponse.business.min).toBe(0);
    expect(s.reply.calendar.n).toBe(2); // 600 s and 240 s (the reopen's wait)
    expect(s.reopens).toBe(1);
    expect(s.reopenRate).toBe(0.5);
    expect(s.oneTouch).toEqual({ count: 1, n: 2, share: 0.5 });
    expect(s.csat).toEqual({ n: 2, score: 0.5 });
    expect(s.ces).toEqual({ n: 2, mean: 5, shareEasy: 0.5 });
  });

  it('places each measurement in the period of its stop event (Replyline)', () => {
    const s = summarize(report.conversations, ctx, tuesday);
    // lateNight's reply (00:10 Tue Berlin) falls on Tuesday although the conversation started Monday.
    expect(s.firstResponse.calendar.n).toBe(2);
    const monday = summarize(report.conversations, ctx, { from: ms('2026-11-22T23:00:00Z'), to: tuesday.from });
    expect(monday.firstResponse.calendar.n).toBe(0);
    expect(monday.firstResponse.calendar.median).toBeNull();
    expect(monday.conversations).toBe(1); // created on Monday
  });

  it('places every measurement in the period of the conversation start for Intercom', () => {
    // https://www.intercom.com/help/en/articles/3653556: "filtered by the date they were started".
    const intercom = buildReport([lateNight, daytime], {
      profile: 'intercom',
      calendar: BERLIN,
      now: ms('2026-11-30T00:00:00Z'),
      period: { from: ms('2026-11-22T23:00:00Z'), to: tuesday.from },
    });
    expect(intercom.summary.firstResponse.calendar.n).toBe(1);
    expect(intercom.summary.csat.n).toBe(1);
    expect(intercom.summary.conversations).toBe(1);
  });

  it('groups by agent, by local day and by ISO week in the calendar’s zone', () => {
    const byAgent = summarizeByAgent(report.conversations, ctx);
    expect(Object.keys(byAgent)).toEqual(['a-1', 'a-2']);
    expect(byAgent['a-2'].reply.calendar.n).toBe(2);
    expect(byAgent['a-1'].firstResponse.calendar.median).toBe(2400);
    const byDay = summarizeByDay(report.conversations, ctx);
    expect(Object.keys(byDay)).toEqual(['2026-11-23', '2026-11-24']);
    expect(byDay['2026-11-24'].firstResponse.calendar.n).toBe(2);
    const byWeek = summarizeByWeek(report.conversations, ctx);
    expect(Object.keys(byWeek)).toEqual(['2026-W48']);
  });

  it('counts target hit rates by the stop time (breached running clocks by their due time)', () => {
    const r = buildReport([lateNight, daytime], {
      profile: 'replyline',
      targets: { firstResponseSeconds: 600 },
      now: ms('2026-11-30T00:00:00Z'),
    });
    // late: 2400 s > 600 s missed; day: 120 s met.
    expect(r.summary.targets.firstResponse).toEqual({ n: 2, met: 1, rate: 0.5 });
  });
});

describe('SummaryAccumulator', () => {
  it('adds, replaces and removes one conversation’s metrics', () => {
    const ctx = context('replyline', { now: '2026-11-30T00:00:00Z' });
    const acc = new SummaryAccumulator(ctx);
    acc.add(measureConversation(lateNight, ctx));
    acc.add(measureConversation(daytime, ctx));
    expect(acc.summary().firstResponse.calendar.n).toBe(2);
    // The same conversation re-measured replaces its previous metrics.
    acc.add(measureConversation(daytime, ctx));
    expect(acc.size).toBe(2);
    expect(acc.remove('late')).toBe(true);
    expect(acc.summary().firstResponse.calendar).toMatchObject({ n: 1, median: 120 });
  });
});
