import { describe, expect, it } from 'vitest';
import { stripModel } from '../../../lib/overlay/format';
import { clockPlanSchema, type ClockPlan } from '../../../lib/messaging/protocol';
import { nextReviewTime, reviewQueryOf, weeklyReviewReminder, WEEKLY_REVIEW_NOTIFICATION } from '../../../lib/background/weekly-review';

const T = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;

function plan(forecast?: ClockPlan['forecast'], waitingSince: number | null = T - 8 * MIN): ClockPlan {
  return {
    conversationId: 'c-1',
    unverified: false,
    waitingSince,
    clocks: [
      { kind: 'firstResponse', startedAt: T - 8 * MIN, dueAt: T + 2 * MIN, atRiskAt: T - 30_000, stoppedAt: null, state: 'at_risk' },
    ],
    cues: { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 },
    ...(forecast ? { forecast } : {}),
  };
}

describe('forecast chip on the timer strip', () => {
  it('shows the worker’s words when a breach is likely, and nothing otherwise', () => {
    const likely = plan({ likely: true, expectedReplyAt: T + 30 * MIN, text: 'likely to breach in ~2 min' });
    expect(clockPlanSchema.parse(likely)).toEqual(likely);
    expect(stripModel(T - 8 * MIN, likely, T).cues).toEqual([
      {
        key: 'forecast',
        text: 'likely to breach in ~2 min',
        title: 'Breach forecast: at the team’s pace over the last hour, the reply is expected after the due time',
      },
    ]);
    expect(stripModel(T - 8 * MIN, plan({ likely: false, expectedReplyAt: T + MIN, text: 'likely on time' }), T).cues).toEqual([]);
    expect(stripModel(T - 8 * MIN, plan(), T).cues).toEqual([]);
    // Answered since (the page says nobody waits): the plan's forecast is out of date.
    expect(stripModel(null, likely, T).cues).toEqual([]);
    // Past the due time the clock itself says breached; the forecast made before it goes.
    expect(stripModel(T - 8 * MIN, likely, T + 2 * MIN).cues.map((cue) => cue.key)).toEqual(['forecast']);
    expect(stripModel(T - 8 * MIN, likely, T + 2 * MIN + 1).cues).toEqual([]);
  });

  it('plans without a forecast still parse (older workers)', () => {
    expect(clockPlanSchema.safeParse(plan()).success).toBe(true);
    expect(clockPlanSchema.safeParse({ ...plan(), forecast: { likely: 'yes', expectedReplyAt: null, text: '' } }).success).toBe(false);
  });
});

describe('weekly review reminder', () => {
  it('fires next Monday 09:00 in the calendar’s zone', () => {
    expect(new Date(nextReviewTime(T, 'UTC')).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(new Date(nextReviewTime(Date.parse('2026-11-30T08:59:00Z'), 'UTC')).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(new Date(nextReviewTime(Date.parse('2026-11-30T09:00:00Z'), 'Europe/Berlin')).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('opens last week’s team review from its notification only', () => {
    expect(reviewQueryOf(`${WEEKLY_REVIEW_NOTIFICATION}2026-W48`)).toBe('scope=team&week=2026-W48');
    expect(reviewQueryOf('demo-desk|http://x|c-1|firstResponse')).toBeNull();
  });

  it('is off unless the setting is on', async () => {
    const { defaultSettings } = await import('../../../lib/settings/model');
    const settings = { ...defaultSettings(), calendar: { ...defaultSettings().calendar, timezone: 'UTC' } };
    const db = (on: boolean) => ({ get: async () => ({ ...settings, weeklyReviewReminder: on }) }) as never;
    expect(await weeklyReviewReminder(db(false), Date.parse('2026-11-30T09:00:00Z'))).toBeNull();
    expect(await weeklyReviewReminder(db(true), Date.parse('2026-11-30T09:00:00Z'))).toEqual({
      id: `${WEEKLY_REVIEW_NOTIFICATION}2026-W48`,
      week: '2026-W48',
    });
  });
});
