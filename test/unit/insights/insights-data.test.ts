import { describe, expect, it } from 'vitest';
import {
  analyticsInputs,
  buildInsights,
  buildWeeklyReview,
  labelsOf,
  queueForecasts,
  reviewWeeks,
} from '../../../components/team/insights/insights-data';
import { trendRows } from '../../../components/team/insights/DevelopmentInsights';
import { measure } from '../../../lib/measure/context';
import type { Conversation } from '../../../lib/engine/events';
import { conversationKey, type ClockPlan } from '../../../lib/messaging/protocol';
import { defaultSettings, type Settings } from '../../../lib/settings/model';
import type { TeamConversation, TeamDetail } from '../../../lib/sidepanel-state/team';
import type { OutcomeRecord, ReviewRecord } from '../../../lib/storage/schema';

/** Wednesday 2026-11-25 12:00 UTC; 24/7 UTC calendar, the Demo Desk's targets. */
const T = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;
const ORIGIN = 'http://desk.test';

function settings(patch: Partial<Settings> = {}): Settings {
  const s = defaultSettings();
  return { ...s, calendar: { ...s.calendar, timezone: 'UTC' }, ...patch };
}

/** The detail read of every conversation `team` made: full metrics and engine inputs by storage key. */
const detail: TeamDetail = { metrics: new Map(), inputs: new Map() };

function team(helpdesk: string, conversation: Conversation, s: Settings, now = T): TeamConversation {
  const metrics = measure(conversation, s, now);
  const key = conversationKey(helpdesk, ORIGIN, conversation.id);
  detail.metrics.set(key, metrics);
  detail.inputs.set(key, conversation);
  return {
    key,
    source: 'observed',
    helpdesk,
    conversationId: conversation.id,
    channel: conversation.channel,
    status: metrics.status,
    assigneeId: metrics.assigneeId,
    metrics,
    awaitingFirstReply: metrics.status !== 'resolved' && metrics.firstResponse === null,
    seenAt: now,
    plan: {
      conversationId: conversation.id,
      unverified: false,
      clocks: [],
      cues: { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 },
    } satisfies ClockPlan,
  };
}

// Two helpdesks each with a conversation "42": one bot-resolved, one handed off to a-1.
const botResolved: Conversation = {
  id: '42',
  channel: 'chat',
  createdAt: T - 60 * MIN,
  customerId: 'cust-1',
  tags: ['Billing'],
  events: [
    { type: 'message', id: 'b1', at: T - 60 * MIN, author: 'customer' },
    { type: 'message', id: 'b2', at: T - 59 * MIN, author: 'bot' },
    { type: 'status', id: 'b3', at: T - 50 * MIN, status: 'resolved' },
    { type: 'rating', id: 'b4', at: T - 49 * MIN, csat: 5 },
  ],
};
const handedOff: Conversation = {
  id: '42',
  channel: 'chat',
  createdAt: T - 40 * MIN,
  customerId: 'cust-2',
  tags: ['billing', 'churn risk'],
  events: [
    { type: 'message', id: 'h1', at: T - 40 * MIN, author: 'customer' },
    { type: 'message', id: 'h2', at: T - 39 * MIN, author: 'bot' },
    { type: 'handoff', id: 'h3', at: T - 38 * MIN },
    { type: 'message', id: 'h4', at: T - 30 * MIN, author: 'agent', agentId: 'a-1' },
    { type: 'rating', id: 'h5', at: T - 29 * MIN, csat: 3 },
  ],
};
// The same customer as the bot-resolved one, 40 minutes later: a repeat contact. Answered and resolved by a-2.
const human: Conversation = {
  id: 'h-7',
  channel: 'email',
  createdAt: T - 20 * MIN,
  customerId: 'cust-1',
  events: [
    { type: 'message', id: 'x1', at: T - 20 * MIN, author: 'customer' },
    { type: 'message', id: 'x2', at: T - 18 * MIN, author: 'agent', agentId: 'a-2' },
    { type: 'status', id: 'x3', at: T - 15 * MIN, status: 'resolved', agentId: 'a-2' },
  ],
};

const s = settings({ hourlyCost: 30 });
const conversations = [team('demo-desk', botResolved, s), team('other-desk', handedOff, s), team('demo-desk', human, s)];
const KEY_BOT = conversationKey('demo-desk', ORIGIN, '42');
const KEY_HANDOFF = conversationKey('other-desk', ORIGIN, '42');
const KEY_HUMAN = conversationKey('demo-desk', ORIGIN, 'h-7');
const review = (key: string, score: number | null, at: number): ReviewRecord => ({
  conversationKey: key,
  templateId: 'default',
  answers: {},
  score,
  criticalFailed: false,
  reviewerId: null,
  reviewedAt: at,
});
const reviews = [review(KEY_HUMAN, 0.9, T - 10 * MIN), review(KEY_HANDOFF, 0.5, T - 5 * MIN)];
const outcomes: OutcomeRecord[] = [{ conversationKey: KEY_HUMAN, tags: ['upsell'], agentId: 'a-2', updatedAt: T - 5 * MIN }];
const week = { from: Date.parse('2026-11-23T00:00:00Z'), to: Date.parse('2026-11-30T00:00:00Z') };

describe('analytics inputs from the Team view’s conversations', () => {
  it('joins by storage key, so two helpdesks’ conversation "42" stay apart, and shows the helpdesk’s ids', () => {
    const inputs = analyticsInputs(conversations, detail, reviews, outcomes);
    expect(inputs.metrics.map((m) => m.id)).toEqual([KEY_BOT, KEY_HANDOFF, KEY_HUMAN]);
    expect(inputs.conversations.map((c) => c.id)).toEqual([KEY_BOT, KEY_HANDOFF, KEY_HUMAN]);
    expect(inputs.reviews).toEqual([
      { conversationId: KEY_HUMAN, score: 0.9, reviewedAt: T - 10 * MIN },
      { conversationId: KEY_HANDOFF, score: 0.5, reviewedAt: T - 5 * MIN },
    ]);
    expect(inputs.outcomes).toEqual([{ conversationId: KEY_HUMAN, tags: ['upsell'], agentId: 'a-2' }]);
    expect(labelsOf([KEY_HANDOFF, KEY_HUMAN], inputs.labels)).toEqual(['42', 'h-7']);
  });

  it('scopes to a channel and to an agent’s conversations', () => {
    expect(analyticsInputs(conversations, detail, reviews, outcomes, { channel: 'email', agent: null }).metrics.map((m) => m.id)).toEqual([
      KEY_HUMAN,
    ]);
    const a1 = analyticsInputs(conversations, detail, reviews, outcomes, { channel: null, agent: 'a-1' });
    expect(a1.metrics.map((m) => m.id)).toEqual([KEY_HANDOFF]);
    expect(a1.reviews.map((r) => r.conversationId)).toEqual([KEY_HANDOFF]);
    expect(a1.outcomes).toEqual([]);
  });
});

describe('insights', () => {
  const insights = buildInsights(analyticsInputs(conversations, detail, reviews, outcomes), s, week, T);

  it('automation: 1 of 2 bot-touched deflected, 1 of 2 handed off after 2 min, CSAT bot 1/1 vs human 0/1', () => {
    const a = insights.automation;
    expect([a.conversations, a.botTouched]).toEqual([3, 2]);
    expect(a.deflection).toEqual({ count: 1, n: 2, share: 0.5, small: true });
    expect(a.handoffRate).toEqual({ count: 1, n: 2, share: 0.5, small: true });
    expect(a.automationShare).toEqual({ count: 1, n: 3, share: 1 / 3, small: true });
    expect([a.timeToHandoff.calendar.median, a.timeToHandoff.calendar.n]).toEqual([120, 1]);
    expect([a.csat.automated.share, a.csat.automated.n, a.csat.humanHandled.share, a.csat.humanHandled.n, a.csat.difference]).toEqual([
      1, 1, 0, 1, 1,
    ]);
    expect(a.ids).toEqual({
      botTouched: [KEY_BOT, KEY_HANDOFF],
      deflected: [KEY_BOT],
      handedOff: [KEY_HANDOFF],
      automatedRated: [KEY_BOT],
      humanRated: [KEY_HANDOFF],
    });
  });

  it('value: outcomes from the side panel and from helpdesk tags, by agent', () => {
    const v = insights.impact;
    expect(v.conversations).toBe(3);
    expect(v.ids).toEqual({ retention: [], renewal: [], upsell: [KEY_HUMAN], 'churn-risk': [KEY_HANDOFF] });
    expect(v.outcomesByAgent['a-2'].upsell).toEqual({ count: 1, n: 1, share: 1, small: true });
    expect(v.outcomesByAgent['a-1']['churn-risk']).toEqual({ count: 1, n: 1, share: 1, small: true });
    // No handle time observed (no activity spans): every cost unknown, never 0.
    expect(v.cost).toEqual({
      hourlyCost: 30,
      perConversation: { n: 0, median: null, p90: null, mean: null, min: null, max: null },
      total: 0,
      unknown: 3,
    });
  });

  it('topics leave outcome tags out; repeat contacts pair the same customer’s conversations', () => {
    expect(insights.topics.map((t) => [t.topic, t.volume, t.ids])).toEqual([['Billing', 2, [KEY_BOT, KEY_HANDOFF]]]);
    expect(insights.repeat.rate).toEqual({ count: 1, n: 3, share: 1 / 3, small: true });
    expect(insights.repeat.repeats).toEqual([
      { conversationId: KEY_HUMAN, previousConversationId: KEY_BOT, customerId: 'cust-1', gapSeconds: 2400 },
    ]);
  });

  it('agent development: resolved × mean QA, and six weeks of trends ending with this week', () => {
    expect(insights.productivity.map((p) => [p.agentId, p.resolved, p.qa.mean, p.value])).toEqual([
      ['a-1', 0, 0.5, 0],
      ['a-2', 1, 0.9, 0.9],
    ]);
    expect(insights.trendWeeks).toEqual(['2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    const rows = trendRows(insights.trends, insights.trendWeeks, 'resolutionRate');
    expect(rows[5]).toEqual({ week: 'W48', 'a-1': 0, 'a-1:n': 1, 'a-2': 100, 'a-2:n': 1 });
    expect(rows[0]).toEqual({ week: 'W43', 'a-1': null, 'a-1:n': 0, 'a-2': null, 'a-2:n': 0 });
  });
});

describe('weekly review and forecasts', () => {
  it('lists the storage keys behind each number of the week', () => {
    const inputs = analyticsInputs(conversations, detail, reviews, outcomes);
    const review = buildWeeklyReview(inputs, s, '2026-W48');
    const line = (id: string) => review.lines.find((l) => l.id === id)!;
    expect([line('conversations').thisWeek, line('conversations').ids]).toEqual([3, [KEY_BOT, KEY_HANDOFF, KEY_HUMAN]]);
    expect([line('deflection').thisWeek, line('deflection').n, line('deflection').ids]).toEqual([0.5, 2, [KEY_BOT]]);
    expect([line('firstResponse').thisWeek, line('firstResponse').target, line('firstResponse').meetsTarget]).toEqual([360, 600, true]); // median of 2 min (h-7) and 10 min (other-desk 42)
    expect(labelsOf(line('qaScore').ids, inputs.labels)).toEqual(['h-7', '42']);
    expect(reviewWeeks(T, 'UTC', 3)).toEqual(['2026-W48', '2026-W47', '2026-W46']);
  });

  it('forecasts the waiting rows by key: one reply in the hour, a wait due in 4 min is likely to breach', () => {
    const waiting: Conversation = {
      id: 'w-1',
      channel: 'chat',
      createdAt: T - 6 * MIN,
      events: [{ type: 'message', id: 'w1', at: T - 6 * MIN, author: 'customer' }],
    };
    team('demo-desk', waiting, s);
    const forecasts = queueForecasts(detail, s, T);
    const key = conversationKey('demo-desk', ORIGIN, 'w-1');
    expect([...forecasts.keys()]).toEqual([key]);
    // Replies in the last hour: a-1 at T−30 and a-2 at T−18 → 2 per 60 min: expected T + 30 min, due T + 4 min.
    expect(forecasts.get(key)).toMatchObject({
      position: 1,
      queueLength: 1,
      expectedReplyAt: T + 30 * MIN,
      dueAt: T + 4 * MIN,
      likely: true,
      minutesToDue: 4,
    });
  });
});
