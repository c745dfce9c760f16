import { describe, expect, it } from 'vitest';
import { asBgClockPlans, bgClockPlansSchema } from '../../../lib/messaging/protocol';

const plan = {
  conversationId: 'c-1',
  unverified: false,
  waitingSince: 1795511400000,
  clocks: [
    { kind: 'nextResponse', startedAt: 1795511400000, dueAt: 1795512300000, atRiskAt: 1795512075000, stoppedAt: null, state: 'on_track' },
  ],
  cues: { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 },
};

describe("content scripts' check of worker replies", () => {
  it('accepts a worker reply as it is, as the schema does', () => {
    for (const reply of [
      { ok: true, seq: 3, plans: [plan] },
      { ok: true, plans: [] },
      { ok: false, error: 'invalid message: seq', plans: [] },
    ]) {
      expect(asBgClockPlans(reply)).toBe(reply);
      expect(bgClockPlansSchema.safeParse(reply).success).toBe(true);
    }
  });

  it('refuses what a stopped or outdated worker could answer instead, as the schema does', () => {
    for (const answer of [
      undefined,
      null,
      'ok',
      { ok: true },
      { ok: 'yes', plans: [] },
      { ok: true, seq: '3', plans: [] },
      { ok: false, error: 42, plans: [] },
      { ok: true, plans: [null] },
      { ok: true, plans: [{ ...plan, conversationId: 7 }] },
      { ok: true, plans: [{ ...plan, clocks: undefined }] },
      { ok: true, plans: [{ ...plan, cues: undefined }] },
    ]) {
      expect(asBgClockPlans(answer)).toBeNull();
      expect(bgClockPlansSchema.safeParse(answer).success).toBe(false);
    }
  });
});
