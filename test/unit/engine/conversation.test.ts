/**
 * measureConversation under the Replyline profile: one worked example per rule.
 * Expectations come from the rules written in lib/engine/profiles.ts (REPLYLINE) and
 * lib/engine/definitions.ts unless a comment names another source.
 */
import { describe, expect, it } from 'vitest';
import { measureConversation } from '../../../lib/engine/conversation';
import { buildReport } from '../../../lib/engine/report';
import { BERLIN, context, conv, ms } from './engine-fixtures';

const TARGETS = { firstResponseSeconds: 3600, nextResponseSeconds: 7200, resolutionSeconds: 86400 };

describe('worked example (the product brief)', () => {
  // Tuesday 2026-11-24, 10:00 Berlin (CET, UTC+1), inside the 09–12 window.
  const worked = conv('2026-11-24T09:00:00Z', [
    { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
    { type: 'message', author: 'bot', at: '2026-11-24T09:00:20Z' },
    { type: 'handoff', at: '2026-11-24T09:01:00Z' },
    { type: 'note', agentId: 'a-1', at: '2026-11-24T09:02:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:05:00Z' },
    { type: 'status', status: 'resolved', agentId: 'a-1', at: '2026-11-24T10:00:00Z' },
    { type: 'rating', csat: 5, at: '2026-11-24T10:05:00Z' },
  ]);

  it('measures first response, resolution, hand-off and targets as the brief states', () => {
    const report = buildReport([worked], { profile: 'replyline', calendar: BERLIN, targets: TARGETS, now: ms('2026-11-24T12:00:00Z') });
    const m = report.conversations[0];
    // Customer message 09:00 → first public human reply 09:05; bot time included; the note is no reply.
    expect(m.firstResponse).toEqual({
      seconds: 300,
      businessSeconds: 300,
      startedAt: ms('2026-11-24T09:00:00Z'),
      stoppedAt: ms('2026-11-24T09:05:00Z'),
      repliedAt: ms('2026-11-24T09:05:00Z'),
      agentId: 'a-1',
    });
    expect(m.replies).toEqual([]);
    expect(m.resolutions).toEqual([
      {
        seconds: 3600,
        businessSeconds: 3600,
        startedAt: ms('2026-11-24T09:00:00Z'),
        stoppedAt: ms('2026-11-24T10:00:00Z'),
        resolvedAt: ms('2026-11-24T10:00:00Z'),
        fromCreation: {
          seconds: 3600,
          businessSeconds: 3600,
          startedAt: ms('2026-11-24T09:00:00Z'),
          stoppedAt: ms('2026-11-24T10:00:00Z'),
          agentId: 'a-1',
        },
        agentId: 'a-1',
      },
    ]);
    expect(m.reopens).toBe(0);
    expect(m.handoff).toEqual({ seconds: 60, businessSeconds: 60, at: ms('2026-11-24T09:01:00Z') });
    expect(m.targets.firstResponse?.state).toBe('met');
    // Business target: 10:00 Berlin + 1 working hour = 11:00 Berlin = 10:00Z.
    expect(m.targets.firstResponse?.dueAt).toBe(ms('2026-11-24T10:00:00Z'));
    expect(m.targets.resolution?.state).toBe('met');
    expect(m.oneTouch).toBe(true);
    expect(m.status).toBe('resolved');
    expect(m.open).toEqual([]);
    expect(report.summary.csat).toEqual({ n: 1, score: 1 });
    expect(report.summary.firstResponse.calendar.median).toBe(300);
  });
});

describe('first response', () => {
  const ctx = context('replyline', { now: '2026-11-25T00:00:00Z' });

  it('never stops at a private note, a bot, an automation or a non-public message', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'note', agentId: 'a-1', at: '2026-11-24T09:01:00Z' },
        { type: 'message', author: 'bot', at: '2026-11-24T09:02:00Z' },
        { type: 'message', author: 'automation', at: '2026-11-24T09:03:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', public: false, at: '2026-11-24T09:04:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-11-24T09:10:00Z' },
      ]),
      ctx,
    );
    expect(m.firstResponse?.seconds).toBe(600);
    expect(m.firstResponse?.agentId).toBe('a-2');
  });

  it('starts at the customer’s first message when an agent wrote first (outreach is no response)', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T10:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T10:02:00Z' },
      ]),
      ctx,
    );
    expect(m.firstResponse).toMatchObject({ seconds: 120, startedAt: ms('2026-11-24T10:00:00Z') });
    expect(m.replies).toEqual([]);
  });

  it('sorts events by time and keeps input order for equal times', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:05:00Z' },
        // Same instant: the customer message comes first in the input, so it is answered at 09:05.
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
      ]),
      ctx,
    );
    expect(m.firstResponse?.seconds).toBe(300);
  });

  it('puts out-of-order events in time order, equal times in input order, for short and long lists', () => {
    // Stable order at 09:05: the agent message first, then the customer's, who is left waiting.
    const events = [
      { type: 'message' as const, author: 'customer' as const, at: '2026-11-24T09:00:00Z' },
      { type: 'message' as const, author: 'agent' as const, agentId: 'a-1', at: '2026-11-24T09:05:00Z' },
      { type: 'message' as const, author: 'customer' as const, at: '2026-11-24T09:05:00Z' },
      { type: 'message' as const, author: 'agent' as const, agentId: 'a-2', at: '2026-11-24T09:01:00Z' },
    ];
    const short = measureConversation(conv('2026-11-24T09:00:00Z', events), ctx);
    expect([short.firstResponse?.agentId, short.firstResponse?.seconds, short.replies, short.waitingSince]).toEqual([
      'a-2',
      60,
      [],
      ms('2026-11-24T09:05:00Z'),
    ]);
    // 70 notes before them (notes move no clock) take the list past the insertion-sort length.
    const notes = Array.from({ length: 70 }, () => ({ type: 'note' as const, at: '2026-11-24T09:03:00Z' }));
    const long = measureConversation(conv('2026-11-24T09:00:00Z', [...notes, ...events]), ctx);
    expect([long.firstResponse?.agentId, long.firstResponse?.seconds, long.replies, long.waitingSince]).toEqual([
      'a-2',
      60,
      [],
      ms('2026-11-24T09:05:00Z'),
    ]);
  });
});

describe('next response', () => {
  const ctx = context('replyline', { now: '2026-11-25T00:00:00Z', targets: { nextResponseSeconds: 600 } });

  it('runs from the earliest unanswered customer message; follow-ups do not reset it', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:01:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:10:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:15:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:18:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-11-24T09:30:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-11-24T09:31:00Z' }, // nobody waiting: no measure
        { type: 'message', author: 'customer', at: '2026-11-24T10:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T10:05:00Z' },
      ]),
      ctx,
    );
    expect(m.replies.map((r) => [r.seconds, r.agentId])).toEqual([
      [1200, 'a-2'], // 09:10 → 09:30, not 09:18 → 09:30
      [300, 'a-1'],
    ]);
    // 1200 s > 600 s target: missed; 300 s: met.
    expect(m.targets.nextResponse.map((t) => t.state)).toEqual(['missed', 'met']);
    expect(m.agentId).toBe('a-1'); // last human replier
  });

  it('shows the running wait at now with its follow-ups as effort cues', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:01:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:10:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:15:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:16:00Z' },
      ]),
      context('replyline', { now: '2026-11-24T09:17:30Z', targets: { nextResponseSeconds: 600 } }),
    );
    expect(m.waitingSince).toBe(ms('2026-11-24T09:10:00Z'));
    const running = m.open.find((c) => c.kind === 'nextResponse');
    // 7.5 min of a 10 min target: exactly the 0.75 at-risk share.
    expect(running).toMatchObject({ startedAt: ms('2026-11-24T09:10:00Z'), elapsed: { seconds: 450, businessSeconds: 450 } });
    expect(running?.target).toMatchObject({
      dueAt: ms('2026-11-24T09:20:00Z'),
      atRiskAt: ms('2026-11-24T09:17:30Z'),
      stoppedAt: null,
      state: 'at_risk',
    });
    expect(m.cues).toEqual({ unansweredFollowUps: 2, reopens: 0, transfers: 0, longWait: false, score: 2 });
  });
});

describe('resolution cycles and reopens', () => {
  it('measures each open→resolved cycle and each resolution from creation; a customer message reopens', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:05:00Z' },
        { type: 'status', status: 'resolved', agentId: 'a-1', at: '2026-11-24T10:00:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T12:00:00Z' }, // reopens
        { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-11-24T12:30:00Z' },
        { type: 'status', status: 'resolved', agentId: 'a-2', at: '2026-11-24T13:00:00Z' },
      ]),
      context('replyline', { now: '2026-11-25T00:00:00Z' }),
    );
    expect(m.reopens).toBe(1);
    expect(m.resolutions.map((r) => [r.seconds, r.fromCreation.seconds, r.agentId])).toEqual([
      [3600, 3600, 'a-1'],
      [3600, 14400, 'a-2'], // cycle 12:00 → 13:00; from creation 09:00 → 13:00
    ]);
    // The reopen's customer message waits for a reply: a next response, not a second first response.
    expect(m.replies.map((r) => r.seconds)).toEqual([1800]);
    expect(m.oneTouch).toBe(false);
    expect(m.cues.reopens).toBe(1);
    expect(m.cues.score).toBe(2); // one reopen × weight 2
  });

  it('takes pending and snoozed time out of resolution business time (Replyline pause rule)', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:10:00Z' },
        { type: 'status', status: 'pending', at: '2026-11-24T09:10:00Z' },
        { type: 'status', status: 'open', at: '2026-11-24T10:10:00Z' },
        { type: 'status', status: 'snoozed', at: '2026-11-24T10:20:00Z' },
        { type: 'status', status: 'resolved', at: '2026-11-24T11:20:00Z' },
      ]),
      context('replyline', { now: '2026-11-25T00:00:00Z', targets: { resolutionSeconds: 3600 } }),
    );
    // 2h20m on the wall; 1h pending + 1h snoozed paused → 20 min.
    expect(m.resolutions[0]).toMatchObject({ seconds: 8400, businessSeconds: 1200 });
    // Target 1 h pushed out by both pauses: 09:00 + 10 min, pause, + 10 min, pause (resolved inside it) → due later than 11:20.
    expect(m.targets.resolution).toMatchObject({ state: 'met', dueAt: ms('2026-11-24T12:00:00Z') });
  });

  it('counts a bot-only resolution as bot-resolved and stops the response clocks', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'bot', at: '2026-11-24T09:00:05Z' },
        { type: 'status', status: 'resolved', at: '2026-11-24T09:02:00Z' },
      ]),
      context('replyline', { now: '2026-11-25T00:00:00Z', targets: { firstResponseSeconds: 3600 } }),
    );
    expect(m.botResolved).toBe(true);
    expect(m.firstResponse).toBeNull();
    expect(m.waitingSince).toBeNull();
    expect(m.open).toEqual([]);
    // Resolved 2 min in, before the 1 h due time: no first-response miss.
    expect(m.targets.firstResponse).toBeNull();
  });

  it('after a bot resolution and a reopen, first response starts at the customer’s new message (no days-long FRT)', () => {
    // The failure Chatwoot fixed in https://github.com/chatwoot/chatwoot/pull/12058.
    const m = measureConversation(
      conv('2026-11-20T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-20T09:00:00Z' },
        { type: 'message', author: 'bot', at: '2026-11-20T09:00:05Z' },
        { type: 'status', status: 'resolved', at: '2026-11-20T09:02:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:04:00Z' },
      ]),
      context('replyline', { now: '2026-11-25T00:00:00Z' }),
    );
    expect(m.firstResponse).toMatchObject({ seconds: 240, startedAt: ms('2026-11-24T09:00:00Z') });
    expect(m.botResolved).toBe(false);
    expect(m.reopens).toBe(1);
  });
});

describe('people, handle time and cues', () => {
  it('merges overlapping activity spans per agent and counts transfers between agents', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'assignment', agentId: 'a-1', at: '2026-11-24T09:00:00Z' },
        { type: 'activity', agentId: 'a-1', at: '2026-11-24T09:00:00Z', until: '2026-11-24T09:05:00Z' },
        { type: 'activity', agentId: 'a-1', kind: 'typing', at: '2026-11-24T09:03:00Z', until: '2026-11-24T09:06:00Z' },
        { type: 'activity', agentId: 'a-2', at: '2026-11-24T09:04:00Z', until: '2026-11-24T09:05:00Z' },
        { type: 'activity', agentId: 'a-1', at: '2026-11-24T09:10:00Z', until: '2026-11-24T09:11:00Z' },
        { type: 'assignment', agentId: null, at: '2026-11-24T09:20:00Z' },
        { type: 'assignment', agentId: 'a-2', at: '2026-11-24T09:21:00Z' },
        { type: 'assignment', agentId: 'a-2', at: '2026-11-24T09:22:00Z' },
        { type: 'assignment', agentId: 'a-3', at: '2026-11-24T09:23:00Z' },
      ]),
      context('replyline', { now: '2026-11-25T00:00:00Z' }),
    );
    // a-1: 09:00–09:06 merged (6 min) + 1 min; a-2: 1 min (other agents' overlaps are not merged).
    expect(m.handleSecondsByAgent).toEqual({ 'a-1': 420, 'a-2': 60 });
    expect(m.handleSeconds).toBe(480);
    // a-1 → (unassigned) → a-2, a-2 → a-3.
    expect(m.cues.transfers).toBe(2);
    expect(m.assigneeId).toBe('a-3');
    expect(m.agentId).toBe('a-3'); // no human reply: the assignee is credited
  });

  it('counts no activity while the conversation is resolved: the span open at Resolve ends there', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'activity', agentId: 'a-1', at: '2026-11-24T09:01:00Z', until: '2026-11-24T09:04:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:03:00Z' },
        // Resolved at 09:03:30 while the open span (cut at the next flush) reaches 09:04.
        { type: 'status', status: 'resolved', agentId: 'a-1', at: '2026-11-24T09:03:30Z' },
        // The tab stays open: more spans while resolved count for nothing.
        { type: 'activity', agentId: 'a-1', at: '2026-11-24T09:04:00Z', until: '2026-11-24T09:20:00Z' },
        { type: 'activity', agentId: 'a-2', at: '2026-11-24T09:05:00Z', until: '2026-11-24T09:06:00Z' },
        // The customer writes again (reopens): activity counts again.
        { type: 'message', author: 'customer', at: '2026-11-24T10:00:00Z' },
        { type: 'activity', agentId: 'a-1', at: '2026-11-24T10:01:00Z', until: '2026-11-24T10:02:00Z' },
      ]),
      context('replyline', { now: '2026-11-25T00:00:00Z' }),
    );
    // a-1: 09:01–09:03:30 (150 s) + 10:01–10:02 (60 s); a-2 worked only while resolved.
    expect(m.handleSecondsByAgent).toEqual({ 'a-1': 210 });
    expect(m.handleSeconds).toBe(210);
  });

  it('keeps the latest rating and flags a long wait in business time', () => {
    const m = measureConversation(
      conv('2026-11-23T15:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-23T15:00:00Z' }, // Mon 16:00 Berlin
        { type: 'rating', csat: 2, ces: 3, at: '2026-11-23T15:01:00Z' },
        { type: 'rating', csat: 4, at: '2026-11-23T15:02:00Z' },
      ]),
      context('replyline', { calendar: BERLIN, now: '2026-11-24T08:30:00Z', longWaitSeconds: 3600 }),
    );
    expect(m.csat).toBe(4);
    expect(m.ces).toBe(3);
    // Mon 16:00–17:00 + Tue 09:00–09:30 = 90 working minutes > 60; 17.5 h on the wall.
    expect(m.cues.longWait).toBe(true);
    expect(m.open.find((c) => c.kind === 'firstResponse')?.elapsed).toEqual({ seconds: 63_000, businessSeconds: 5400 });
  });

  it('measures unverified conversations but marks them', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [{ type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' }], { unverified: true }),
      context('replyline', { now: '2026-11-24T09:10:00Z' }),
    );
    expect(m.unverified).toBe(true);
    expect(m.waitingSince).toBe(ms('2026-11-24T09:00:00Z'));
  });
});

describe('target states', () => {
  const events = [{ type: 'message' as const, author: 'customer' as const, at: '2026-11-24T09:00:00Z' }];
  const at = (now: string) =>
    measureConversation(conv('2026-11-24T09:00:00Z', events), context('replyline', { now, targets: { firstResponseSeconds: 600 } })).targets
      .firstResponse?.state;

  it('is on track, then at risk from 75 %, then breached only after the due time', () => {
    expect(at('2026-11-24T09:07:29Z')).toBe('on_track');
    expect(at('2026-11-24T09:07:30Z')).toBe('at_risk');
    expect(at('2026-11-24T09:10:00Z')).toBe('at_risk'); // a reply now would still meet it
    expect(at('2026-11-24T09:10:01Z')).toBe('breached');
  });

  it('is met when the reply lands exactly at the due time', () => {
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [...events, { type: 'message', author: 'agent', agentId: 'a', at: '2026-11-24T09:10:00Z' }]),
      context('replyline', { now: '2026-11-25T00:00:00Z', targets: { firstResponseSeconds: 600 } }),
    );
    expect(m.targets.firstResponse).toMatchObject({
      state: 'met',
      dueAt: ms('2026-11-24T09:10:00Z'),
      stoppedAt: ms('2026-11-24T09:10:00Z'),
    });
  });
});
