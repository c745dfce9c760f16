/**
 * One worked example per profile rule. Each expectation names the helpdesk source that
 * gives it (the same sources as the rules in lib/engine/profiles.ts).
 */
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../../lib/engine/business-clock';
import { measureConversation } from '../../../lib/engine/conversation';
import { getProfile, PROFILE_LIST } from '../../../lib/engine/profiles';
import { evaluateTarget } from '../../../lib/engine/targets';
import type { ProfileId } from '../../../lib/engine/types';
import { BERLIN, context, conv, ms } from './engine-fixtures';

const NOW = '2026-11-30T00:00:00Z';

/** The brief's bot conversation: customer 09:00, bot 09:00:20, hand-off 09:01, agent 09:05. */
const botThenAgent = conv('2026-11-24T09:00:00Z', [
  { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
  { type: 'message', author: 'bot', at: '2026-11-24T09:00:20Z' },
  { type: 'handoff', at: '2026-11-24T09:01:00Z' },
  { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:05:00Z' },
]);

const firstResponseSeconds = (profile: ProfileId) =>
  measureConversation(botThenAgent, context(profile, { now: NOW })).firstResponse?.seconds;

describe('every profile', () => {
  it('is a declarative rules object with a source for every rule', () => {
    for (const profile of PROFILE_LIST) {
      expect(profile.rules.length).toBeGreaterThan(5);
      for (const rule of profile.rules) {
        expect(rule.text.length).toBeGreaterThan(20);
        expect(rule.source.length).toBeGreaterThan(5);
      }
    }
    expect(PROFILE_LIST.map((p) => p.id)).toEqual(['replyline', 'zendesk', 'intercom', 'chatwoot', 'zammad']);
    expect(getProfile('nope').id).toBe('replyline');
  });

  it('a calendar with no working window never throws; each profile decides what it means', () => {
    // Valid input (every day unticked). Customer 09:00, reply 09:30, customer again 10:00,
    // resolved 13:00 without an answer; targets 1 h first response, 1 h next response, 2 h resolution.
    const closed = { timezone: 'Europe/Berlin', week: {} };
    const c = conv('2026-11-24T09:00:00Z', [
      { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
      { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:30:00Z' },
      { type: 'message', author: 'customer', at: '2026-11-24T10:00:00Z' },
      { type: 'status', status: 'resolved', at: '2026-11-24T13:00:00Z' },
    ]);
    const outcome = Object.fromEntries(
      PROFILE_LIST.map((profile) => {
        const m = measureConversation(
          c,
          context(profile.id, {
            calendar: closed,
            now: '2026-11-24T14:00:00Z',
            targets: { firstResponseSeconds: 3600, nextResponseSeconds: 3600, resolutionSeconds: 7200 },
          }),
        );
        return [
          profile.id,
          {
            firstResponseBusiness: m.firstResponse?.businessSeconds,
            targets: [
              m.targets.firstResponse?.state ?? null,
              m.targets.nextResponse.map((t) => t.state),
              m.targets.resolution?.state ?? null,
            ],
          },
        ];
      }),
    );
    // Replyline (and Zendesk, Intercom: undocumented): no business hours → calendar time everywhere;
    // the 10:00 wait was past its 11:00 due time when resolved at 13:00 → missed.
    const wallClock = { firstResponseBusiness: 1800, targets: ['met', ['missed'], 'missed'] };
    expect(outcome).toEqual({
      replyline: wallClock,
      zendesk: wallClock,
      intercom: wallClock,
      // Chatwoot: reports count 0 business seconds, SLA deadlines fall back to wall-clock time.
      chatwoot: { firstResponseBusiness: 0, targets: ['met', ['missed'], 'missed'] },
      // Zammad: no usable calendar, no escalation times; 0 working minutes.
      zammad: { firstResponseBusiness: 0, targets: [null, [], null] },
    });
  });

  it('a next-response wait the resolution ends without a reply: missed once past due, no result before (every profile)', () => {
    // Customer 09:00, reply 09:10, customer 09:20 unanswered; next-response target 30 min → due 09:50.
    const waiting = [
      { type: 'message' as const, author: 'customer' as const, at: '2026-11-24T09:00:00Z' },
      { type: 'message' as const, author: 'agent' as const, agentId: 'a-1', at: '2026-11-24T09:10:00Z' },
      { type: 'message' as const, author: 'customer' as const, at: '2026-11-24T09:20:00Z' },
    ];
    const late = conv('2026-11-24T09:00:00Z', [...waiting, { type: 'status', status: 'resolved', at: '2026-11-24T10:00:00Z' }]);
    const early = conv('2026-11-24T09:00:00Z', [...waiting, { type: 'status', status: 'resolved', at: '2026-11-24T09:40:00Z' }]);
    const targets = (c: typeof late, profile: ProfileId) =>
      measureConversation(
        c,
        context(profile, { now: '2026-11-24T12:00:00Z', targets: { nextResponseSeconds: 1800 } }),
      ).targets.nextResponse.map((t) => [new Date(t.startedAt).toISOString(), new Date(t.dueAt).toISOString(), t.state]);
    for (const profile of PROFILE_LIST.map((p) => p.id)) {
      // Zammad's update clock also covers the first wait (09:00 → 09:10, met).
      const first = profile === 'zammad' ? [['2026-11-24T09:00:00.000Z', '2026-11-24T09:30:00.000Z', 'met']] : [];
      expect({ profile, targets: targets(late, profile) }).toEqual({
        profile,
        targets: [...first, ['2026-11-24T09:20:00.000Z', '2026-11-24T09:50:00.000Z', 'missed']],
      });
      expect({ profile, targets: targets(early, profile) }).toEqual({ profile, targets: first });
    }
  });

  it('bot time: included by Replyline and Zendesk and Zammad, excluded by Intercom and Chatwoot', () => {
    expect(firstResponseSeconds('replyline')).toBe(300); // bot time included, hand-off its own figure
    expect(firstResponseSeconds('zendesk')).toBe(300); // creation → first public agent comment (ZD 4408821871642)
    expect(firstResponseSeconds('zammad')).toBe(300); // created_at → first_response_at (lib/escalation.rb)
    expect(firstResponseSeconds('intercom')).toBe(240); // "Bot Inbox times excluded"
    expect(firstResponseSeconds('chatwoot')).toBe(240); // last_non_human_activity = hand-off (reporting_event_helper.rb)
  });

  it('a business-time deadline ending exactly at closing time: closing time in every profile but Zammad (the next opening)', () => {
    // Tue 2026-11-24 11:00 Berlin (10:00Z) + 1 working hour = 12:00 Berlin, the end of the 09–12 window.
    // Chatwoot: `if remaining <= available` adds the remaining seconds on the same day (business_hours_service.rb).
    // Zammad: biz 1.8.2 (its Gemfile.lock) Timeline::Forward#overflow? goes on to the next period
    // when the time still to count equals a period's length: due at the 13:00 opening.
    const c = conv('2026-11-24T10:00:00Z', [{ type: 'message', author: 'customer', at: '2026-11-24T10:00:00Z' }]);
    const dueAt = Object.fromEntries(
      PROFILE_LIST.map((profile) => [
        profile.id,
        measureConversation(
          c,
          context(profile.id, { calendar: BERLIN, now: '2026-11-24T10:30:00Z', targets: { firstResponseSeconds: 3600 } }),
        ).targets.firstResponse?.dueAt,
      ]),
    );
    expect(dueAt).toEqual({
      replyline: ms('2026-11-24T11:00:00Z'),
      zendesk: ms('2026-11-24T11:00:00Z'),
      intercom: ms('2026-11-24T11:00:00Z'),
      chatwoot: ms('2026-11-24T11:00:00Z'),
      zammad: ms('2026-11-24T12:00:00Z'),
    });
    // The same landing straight from the clock: the next opening, 13:00 Berlin.
    const clock = compileCalendar(BERLIN);
    const nextOpening = evaluateTarget(
      clock,
      ms('2026-11-24T10:00:00Z'),
      3600,
      0.75,
      'next-window-start',
      [],
      null,
      ms('2026-11-24T10:30:00Z'),
    );
    expect(nextOpening.dueAt).toBe(ms('2026-11-24T12:00:00Z'));
    // Chatwoot PR 13392's own example: Friday 16:30 + 1 business hour (Mon–Fri 9–5) → Monday 09:30.
    const weekdays = compileCalendar({
      timezone: 'UTC',
      week: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
      },
    });
    const friday = evaluateTarget(
      weekdays,
      ms('2026-11-27T16:30:00Z'),
      3600,
      0.75,
      getProfile('chatwoot').deadlineLanding,
      [],
      null,
      ms('2026-11-27T16:30:00Z'),
    );
    expect(friday.dueAt).toBe(ms('2026-11-30T09:30:00Z'));
  });
});

describe('zendesk', () => {
  it('agent-created ticket: first reply time stops at the second public agent comment', () => {
    // https://support.zendesk.com/hc/en-us/articles/4408834848154
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:30:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T10:00:00Z' },
      ]),
      context('zendesk', { now: NOW }),
    );
    expect(m.firstResponse).toMatchObject({ seconds: 3600, startedAt: ms('2026-11-24T09:00:00Z'), repliedAt: ms('2026-11-24T10:00:00Z') });
    expect(m.replies).toEqual([]);
  });

  it('full resolution runs from creation to the latest solve; agent work time pauses in pending and on-hold', () => {
    // ZD 4408834848154 (full resolution); GitLab handbook restating agent work time (New + Open only).
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:10:00Z' },
        { type: 'status', status: 'pending', at: '2026-11-24T09:10:00Z' },
        { type: 'status', status: 'resolved', agentId: 'a-1', at: '2026-11-24T10:00:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T11:00:00Z' },
        { type: 'status', status: 'snoozed', at: '2026-11-24T11:10:00Z' }, // on-hold
        { type: 'status', status: 'resolved', agentId: 'a-2', at: '2026-11-24T12:10:00Z' },
      ]),
      context('zendesk', { now: NOW }),
    );
    // One figure: 09:00 → 12:10 = 11 400 s. Agent work time counts New + Open only: 09:00–09:10 and
    // 11:00–11:10 = 1 200 s (pending 09:10–10:00, solved 10:00–11:00 and on-hold 11:10–12:10 excluded).
    expect(m.reported.resolution).toEqual([
      {
        seconds: 11_400,
        businessSeconds: 1200,
        startedAt: ms('2026-11-24T09:00:00Z'),
        stoppedAt: ms('2026-11-24T12:10:00Z'),
        agentId: 'a-2',
      },
    ]);
  });
});

describe('intercom', () => {
  it('time to close runs from the first customer message to the last close, and reports bucket by conversation start', () => {
    // https://www.intercom.com/help/en/articles/3653556 (time to close; filtered by start date)
    const p = getProfile('intercom');
    expect(p.period).toBe('conversation-start');
    expect(p.aggregation).toBe('median');
    const m = measureConversation(
      conv('2026-11-24T08:59:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:05:00Z' },
        { type: 'status', status: 'resolved', at: '2026-11-24T10:00:00Z' },
        { type: 'status', status: 'open', at: '2026-11-24T11:00:00Z' },
        { type: 'status', status: 'resolved', at: '2026-11-24T12:00:00Z' },
      ]),
      context('intercom', { now: NOW }),
    );
    expect(m.reported.resolution.map((f) => [f.seconds, f.startedAt])).toEqual([[10_800, ms('2026-11-24T09:00:00Z')]]);
    expect(m.reopens).toBe(1);
  });
});

describe('chatwoot', () => {
  it('first response starts at the latest change to open (conversation_opened), e.g. pending → open', () => {
    // app/models/conversation.rb: CONVERSATION_OPENED on any status change to open;
    // reporting_event_helper.rb: last_non_human_activity picks the latest opened/hand-off event.
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'status', status: 'pending', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'bot', at: '2026-11-24T09:00:10Z' },
        { type: 'status', status: 'open', at: '2026-11-24T09:03:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:05:00Z' },
      ]),
      context('chatwoot', { now: NOW }),
    );
    expect(m.firstResponse).toMatchObject({ seconds: 120, startedAt: ms('2026-11-24T09:03:00Z') });
  });

  it('falls back to the bot resolution when there is no later hand-off or reopen event', () => {
    // reporting_event_helper.rb: conversation_bot_resolved is the second choice; then created_at.
    // A customer message on a resolved conversation reopens it (→ open, a conversation_opened event).
    const m = measureConversation(
      conv('2026-11-20T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-20T09:00:00Z' },
        { type: 'message', author: 'bot', at: '2026-11-20T09:00:05Z' },
        { type: 'status', status: 'resolved', at: '2026-11-20T09:02:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:04:00Z' },
      ]),
      context('chatwoot', { now: NOW }),
    );
    expect(m.firstResponse).toMatchObject({ seconds: 240, startedAt: ms('2026-11-24T09:00:00Z') });
  });

  it('a bot reply clears the wait without a reply-time figure; every resolution counts from creation', () => {
    // message.rb clear_waiting_since_on_outgoing_response; reporting_event_listener.rb conversation_resolved.
    const m = measureConversation(
      conv('2026-11-24T09:00:00Z', [
        { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:05:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T10:00:00Z' },
        { type: 'message', author: 'bot', at: '2026-11-24T10:01:00Z' },
        { type: 'message', author: 'customer', at: '2026-11-24T10:05:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T10:10:00Z' },
        { type: 'status', status: 'resolved', at: '2026-11-24T11:00:00Z' },
        { type: 'status', status: 'open', at: '2026-11-24T12:00:00Z' },
        { type: 'status', status: 'resolved', at: '2026-11-24T13:00:00Z' },
      ]),
      context('chatwoot', { now: NOW }),
    );
    expect(m.reported.reply.map((f) => f.seconds)).toEqual([300]); // 10:05 → 10:10, not from 10:00
    expect(m.reported.resolution.map((f) => f.seconds)).toEqual([7200, 14_400]);
    expect(getProfile('chatwoot').aggregation).toBe('mean');
  });
});

describe('zammad', () => {
  const ticket = conv('2026-11-24T09:00:00Z', [
    { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
    { type: 'status', status: 'pending', at: '2026-11-24T09:00:00Z' },
    { type: 'status', status: 'open', at: '2026-11-24T09:30:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T09:40:00Z' },
    { type: 'message', author: 'customer', at: '2026-11-24T10:00:00Z' },
    { type: 'message', author: 'customer', at: '2026-11-24T10:20:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-1', at: '2026-11-24T10:30:00Z' },
    { type: 'message', author: 'customer', at: '2026-11-24T11:00:00Z' },
    { type: 'message', author: 'agent', agentId: 'a-2', at: '2026-11-24T11:05:00Z' },
    { type: 'status', status: 'resolved', at: '2026-11-24T12:00:00Z' },
    { type: 'status', status: 'open', at: '2026-11-24T13:00:00Z' },
    { type: 'status', status: 'resolved', at: '2026-11-24T14:00:00Z' },
    { type: 'message', author: 'customer', at: '2026-11-24T15:00:00Z' }, // unfinished segment: ignored
  ]);
  const m = measureConversation(ticket, context('zammad', { now: '2026-11-24T16:00:00Z', targets: { firstResponseSeconds: 1200 } }));

  it('pending time is a break: first response 40 min on the wall, 10 working minutes', () => {
    // lib/escalation/ticket_biz_break.rb: ignore_escalation states become biz breaks.
    expect(m.firstResponse).toMatchObject({ seconds: 2400, businessSeconds: 600 });
    // Due time 20 working min after 09:00, pushed out by the 30 min pause → 09:50; reply 09:40 → met.
    expect(m.targets.firstResponse).toMatchObject({ dueAt: ms('2026-11-24T09:50:00Z'), state: 'met' });
  });

  it('update time keeps only the longest customer→agent segment, from the earliest contact', () => {
    // lib/escalation.rb statistics_update_applicable? ("keep longest timespan"); ticket article observer
    // keeps last_contact_customer_at on customer follow-ups. Segments: 09:00→09:40 (10 working min),
    // 10:00→10:30 (30 min), 11:00→11:05 (5 min).
    expect(m.reported.reply).toEqual([
      {
        seconds: 1800,
        businessSeconds: 1800,
        startedAt: ms('2026-11-24T10:00:00Z'),
        stoppedAt: ms('2026-11-24T10:30:00Z'),
        repliedAt: ms('2026-11-24T10:30:00Z'),
        agentId: 'a-1',
      },
    ]);
  });

  it('solution time runs from creation to the first close', () => {
    // lib/escalation.rb statistics_close: created_at → close_at; pending 09:00–09:30 excluded.
    expect(m.reported.resolution.map((f) => [f.seconds, f.businessSeconds])).toEqual([[10_800, 9000]]);
  });
});
