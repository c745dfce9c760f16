/**
 * Cases ported from Chatwoot's own test suite (chatwoot/chatwoot), measured under the `chatwoot` profile.
 *
 * Mapping: incoming message → customer message; outgoing message from a User → agent message;
 * private message → note; AgentBot message → bot; automation-rule message → automation;
 * conversation.bot_handoff → handoff; resolved!/open! → status events. Reporting event values:
 * first_response → firstResponse, reply_time → replies, conversation_resolved → reported.resolution,
 * conversation_bot_handoff → handoff; value_in_business_hours → businessSeconds. SLA frt/nrt/rt due
 * times and hit/miss → targets.
 */
import { describe, expect, it } from 'vitest';
import { measureConversation } from '../../../lib/engine/conversation';
import type { CalendarSpec } from '../../../lib/engine/business-clock';
import { context, conv, ms } from './engine-fixtures';

const HOUR = 3600;

/** An inbox's default working hours (Inbox#create_default_working_hours): Mon–Fri 09:00–17:00, inbox time zone UTC. */
const defaultHours = (timezone = 'UTC'): CalendarSpec => ({
  timezone,
  week: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
});

const at = (base: string, seconds: number) => new Date(ms(base) + seconds * 1000).toISOString();

describe('spec/listeners/reporting_event_listener_spec.rb', () => {
  // Sunday 2022-03-20 00:00 → Saturday 2022-03-26 23:59: five 8-hour business days.
  const created = '2022-03-20T00:00:00Z';
  const end = '2022-03-26T23:59:00Z';

  it('#first_reply_created with business hours: value_in_business_hours 144000, user_id = the replier', () => {
    const m = measureConversation(
      conv(created, [{ type: 'message', author: 'agent', agentId: 'sender', at: end }]),
      context('chatwoot', { calendar: defaultHours(), now: end }),
    );
    expect(m.firstResponse).toMatchObject({ seconds: 604_740, businessSeconds: 144_000, agentId: 'sender' });
    expect(m.reported.firstResponse.map((f) => f.businessSeconds)).toEqual([144_000]);
  });

  it('#conversation_resolved with business hours: value_in_business_hours 144000', () => {
    const m = measureConversation(
      conv(created, [{ type: 'status', status: 'resolved', at: end }]),
      context('chatwoot', { calendar: defaultHours(), now: end }),
    );
    expect(m.reported.resolution.map((f) => [f.seconds, f.businessSeconds])).toEqual([[604_740, 144_000]]);
  });

  it('#conversation_bot_handoff with business hours: value_in_business_hours 144000', () => {
    const m = measureConversation(
      conv(created, [{ type: 'handoff', at: end }]),
      context('chatwoot', { calendar: defaultHours(), now: end }),
    );
    expect(m.handoff).toMatchObject({ seconds: 604_740, businessSeconds: 144_000 });
  });

  it('"creates first_response event with handoff value": hand-off at +20 s, human reply at +62 s → 42', () => {
    const t = '2024-01-17T10:00:00Z';
    const m = measureConversation(
      conv(t, [
        { type: 'handoff', at: at(t, 20) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: at(t, 62) },
      ]),
      context('chatwoot', { now: at(t, 120) }),
    );
    expect(m.firstResponse?.seconds).toBe(42);
  });

  it('"creates conversation_bot_handoff event only once": the second hand-off adds no figure', () => {
    const t = '2024-01-17T10:00:00Z';
    const m = measureConversation(
      conv(t, [
        { type: 'handoff', at: at(t, 60) },
        { type: 'handoff', at: at(t, 600) },
      ]),
      context('chatwoot', { now: at(t, 900) }),
    );
    expect(m.handoff).toEqual({ seconds: 60, businessSeconds: 60, at: ms(at(t, 60)) });
  });

  it('#reply_created: waiting_since 2 hours before the reply → reply_time 7200', () => {
    const t = '2024-01-17T08:00:00Z';
    const m = measureConversation(
      conv(t, [
        { type: 'message', author: 'customer', at: t },
        { type: 'message', author: 'agent', agentId: 'a-1', at: at(t, 60) },
        { type: 'message', author: 'customer', at: at(t, 600) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: at(t, 600 + 2 * HOUR) },
      ]),
      context('chatwoot', { now: at(t, 4 * HOUR) }),
    );
    expect(m.reported.reply.map((f) => f.seconds)).toEqual([7200]);
  });
});

describe('spec/helpers/reporting_event_helper_spec.rb #last_non_human_activity (first response start)', () => {
  const now = '2024-01-20T12:00:00Z';
  const ago = (hours: number) => at(now, -hours * HOUR);

  it('no events: the conversation created_at', () => {
    const m = measureConversation(
      conv(ago(6), [{ type: 'message', author: 'agent', agentId: 'a-1', at: now }]),
      context('chatwoot', { now }),
    );
    expect(m.firstResponse?.startedAt).toBe(ms(ago(6)));
  });

  it('bot hand-off 2 hours ago: the hand-off time', () => {
    const m = measureConversation(
      conv(ago(6), [
        { type: 'handoff', at: ago(2) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: now },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.firstResponse).toMatchObject({ startedAt: ms(ago(2)), seconds: 2 * HOUR });
  });

  it('bot resolution 3 hours ago: the bot resolution time', () => {
    const m = measureConversation(
      conv(ago(6), [
        { type: 'message', author: 'customer', at: ago(6) },
        { type: 'message', author: 'bot', at: ago(5) },
        { type: 'status', status: 'resolved', at: ago(3) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: now },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.firstResponse?.startedAt).toBe(ms(ago(3)));
  });

  it('reopened after a bot resolution: the reopening time, not creation or the bot resolution (PR 12058)', () => {
    const created = at(now, -5 * 24 * HOUR);
    const m = measureConversation(
      conv(created, [
        { type: 'message', author: 'customer', at: created },
        { type: 'message', author: 'bot', at: at(created, 60) },
        { type: 'status', status: 'resolved', at: at(created, 300) },
        { type: 'message', author: 'customer', at: ago(1) }, // reopens the conversation
        { type: 'message', author: 'agent', agentId: 'a-1', at: now },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.firstResponse).toMatchObject({ startedAt: ms(ago(1)), seconds: HOUR });
  });

  it('bot resolved 4 h ago, hand-off 3 h ago, opened 1 h ago: the most recent hand-off or opening', () => {
    const m = measureConversation(
      conv(ago(6), [
        { type: 'message', author: 'customer', at: ago(6) },
        { type: 'message', author: 'bot', at: ago(5) },
        { type: 'status', status: 'resolved', at: ago(4) },
        { type: 'handoff', at: ago(3) },
        { type: 'status', status: 'open', at: ago(1) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: now },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.firstResponse?.startedAt).toBe(ms(ago(1)));
  });

  it('multiple reopenings: the most recent one (30 minutes ago)', () => {
    const m = measureConversation(
      conv(ago(24 * 6), [
        { type: 'message', author: 'customer', at: ago(24 * 6) },
        { type: 'status', status: 'resolved', at: ago(24 * 5 + 1) },
        { type: 'status', status: 'open', at: ago(24 * 5) },
        { type: 'status', status: 'resolved', at: ago(24 * 2 + 1) },
        { type: 'status', status: 'open', at: ago(24 * 2) },
        { type: 'status', status: 'resolved', at: ago(1) },
        { type: 'status', status: 'open', at: ago(0.5) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: now },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.firstResponse).toMatchObject({ startedAt: ms(ago(0.5)), seconds: 1800 });
  });
});

describe('spec/models/message_spec.rb (first reply and waiting_since)', () => {
  const t = '2024-01-17T10:00:00Z';
  const now = at(t, 4 * HOUR);

  it('a private message is no first reply; the next public outgoing message is', () => {
    const m = measureConversation(
      conv(t, [
        { type: 'message', author: 'customer', at: t },
        { type: 'note', agentId: 'a-1', at: at(t, 60) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: at(t, 120) },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.firstResponse?.repliedAt).toBe(ms(at(t, 120)));
  });

  it('a message sent by an automation rule is no first reply and leaves waiting_since alone', () => {
    const m = measureConversation(
      conv(t, [
        { type: 'message', author: 'customer', at: t },
        { type: 'message', author: 'automation', at: at(t, 60) },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.firstResponse).toBeNull();
    expect(m.open.map((c) => [c.kind, c.startedAt])).toEqual([
      ['firstResponse', ms(t)],
      ['resolution', ms(t)],
    ]);
  });

  it('"does not overwrite the previous value if there are newer messages": the reply time runs from the first unanswered message', () => {
    const m = measureConversation(
      conv(t, [
        { type: 'message', author: 'customer', at: t },
        { type: 'message', author: 'agent', agentId: 'a-1', at: at(t, 60) },
        { type: 'message', author: 'customer', at: at(t, 600) },
        { type: 'message', author: 'customer', at: at(t, 900) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: at(t, 1200) },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.replies.map((r) => [r.startedAt, r.seconds])).toEqual([[ms(at(t, 600)), 600]]);
  });

  it('"resets the waiting_since if an agent sent a reply"; a bot response clears it with no reply_time event', () => {
    const m = measureConversation(
      conv(t, [
        { type: 'message', author: 'customer', at: t },
        { type: 'message', author: 'agent', agentId: 'a-1', at: at(t, 60) },
        { type: 'message', author: 'customer', at: at(t, 600) },
        { type: 'message', author: 'bot', at: at(t, 610) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: at(t, 1200) },
      ]),
      context('chatwoot', { now }),
    );
    expect(m.replies).toEqual([]);
    expect(m.waitingSince).toBeNull();
  });
});

describe('spec/enterprise/services/sla/business_hours_service_spec.rb #deadline (default hours Mon–Fri 09–17 UTC)', () => {
  // The SLA clock starts at conversation creation; the deadline is the first-response due time.
  const due = (start: string, seconds: number, calendar?: CalendarSpec) =>
    measureConversation(
      conv(start, []),
      context('chatwoot', { ...(calendar ? { calendar } : {}), now: start, targets: { firstResponseSeconds: seconds } }),
    ).targets.firstResponse?.dueAt;

  it('working hours disabled: wall-clock deadline (Friday 16:00 + 1 h = 17:00)', () => {
    expect(due('2024-01-19T16:00:00Z', HOUR)).toBe(ms('2024-01-19T17:00:00Z'));
  });

  it('Wednesday 10:00 + 2 h = Wednesday 12:00', () => {
    expect(due('2024-01-17T10:00:00Z', 2 * HOUR, defaultHours())).toBe(ms('2024-01-17T12:00:00Z'));
  });

  it('Friday 16:00 + 2 h = Monday 10:00', () => {
    expect(due('2024-01-19T16:00:00Z', 2 * HOUR, defaultHours())).toBe(ms('2024-01-22T10:00:00Z'));
  });

  it('Wednesday 07:00 (before opening) + 2 h = Wednesday 11:00', () => {
    expect(due('2024-01-17T07:00:00Z', 2 * HOUR, defaultHours())).toBe(ms('2024-01-17T11:00:00Z'));
  });

  it('Wednesday 18:00 (after closing) + 2 h = Thursday 11:00', () => {
    expect(due('2024-01-17T18:00:00Z', 2 * HOUR, defaultHours())).toBe(ms('2024-01-18T11:00:00Z'));
  });

  it('Saturday 10:00 (closed day) + 2 h = Monday 11:00', () => {
    expect(due('2024-01-20T10:00:00Z', 2 * HOUR, defaultHours())).toBe(ms('2024-01-22T11:00:00Z'));
  });

  it('Monday 16:00 + 10 h = Wednesday 10:00', () => {
    expect(due('2024-01-15T16:00:00Z', 10 * HOUR, defaultHours())).toBe(ms('2024-01-17T10:00:00Z'));
  });

  it('inbox time zone America/New_York: Friday 16:00 EST + 2 h = Monday 10:00 EST', () => {
    expect(due('2024-01-19T21:00:00Z', 2 * HOUR, defaultHours('America/New_York'))).toBe(ms('2024-01-22T15:00:00Z'));
  });

  it('Saturday open all day: 10:00 + 2 h = 12:00; midnight + 24 h = Sunday midnight', () => {
    const openSaturday: CalendarSpec = { ...defaultHours(), week: { ...defaultHours().week, sat: [['00:00', '24:00']] } };
    expect(due('2024-01-20T10:00:00Z', 2 * HOUR, openSaturday)).toBe(ms('2024-01-20T12:00:00Z'));
    expect(due('2024-01-20T00:00:00Z', 24 * HOUR, openSaturday)).toBe(ms('2024-01-21T00:00:00Z'));
  });

  it('Tuesday 09–20: Monday 18:00 + 10 h = Tuesday 19:00; Monday 16:00 + 12 h = Tuesday 20:00 (closing time)', () => {
    const longTuesday: CalendarSpec = { ...defaultHours(), week: { ...defaultHours().week, tue: [['09:00', '20:00']] } };
    expect(due('2024-01-15T18:00:00Z', 10 * HOUR, longTuesday)).toBe(ms('2024-01-16T19:00:00Z'));
    expect(due('2024-01-15T16:00:00Z', 12 * HOUR, longTuesday)).toBe(ms('2024-01-16T20:00:00Z'));
  });
});

describe('spec/enterprise/services/sla/evaluate_applied_sla_service_spec.rb (conversation created 6 hours ago)', () => {
  const now = '2024-01-17T16:00:00Z';
  const ago = (hours: number) => at(now, -hours * HOUR);
  const created = ago(6);

  it('first response SLA 1 h, no reply: missed (breached while running)', () => {
    const m = measureConversation(
      conv(created, [{ type: 'message', author: 'customer', at: created }]),
      context('chatwoot', { now, targets: { firstResponseSeconds: HOUR } }),
    );
    expect(m.targets.firstResponse?.state).toBe('breached');
  });

  it('next response SLA 1 h, first reply and waiting since 5 hours ago: missed', () => {
    const m = measureConversation(
      conv(created, [
        { type: 'message', author: 'customer', at: created },
        { type: 'message', author: 'agent', agentId: 'a-1', at: ago(5) },
        { type: 'message', author: 'customer', at: ago(5) },
      ]),
      context('chatwoot', { now, targets: { nextResponseSeconds: HOUR } }),
    );
    expect(m.targets.nextResponse.map((t) => [t.startedAt, t.state])).toEqual([[ms(ago(5)), 'breached']]);
  });

  it('resolution SLA 1 h, unresolved: missed', () => {
    const m = measureConversation(conv(created, []), context('chatwoot', { now, targets: { resolutionSeconds: HOUR } }));
    expect(m.targets.resolution?.state).toBe('breached');
  });

  it('first response SLA 6 h, first reply 30 minutes ago: hit', () => {
    const m = measureConversation(
      conv(created, [
        { type: 'message', author: 'customer', at: created },
        { type: 'message', author: 'agent', agentId: 'a-1', at: ago(0.5) },
      ]),
      context('chatwoot', { now, targets: { firstResponseSeconds: 6 * HOUR } }),
    );
    expect(m.targets.firstResponse?.state).toBe('met');
  });

  it('next response SLA 6 h, nobody waiting: no next-response clock, nothing missed', () => {
    const m = measureConversation(
      conv(created, [
        { type: 'message', author: 'customer', at: created },
        { type: 'message', author: 'agent', agentId: 'a-1', at: ago(0.5) },
      ]),
      context('chatwoot', { now, targets: { nextResponseSeconds: 6 * HOUR } }),
    );
    expect(m.targets.nextResponse).toEqual([]);
  });

  it('resolution SLA 8 h, resolved now: hit', () => {
    const m = measureConversation(
      conv(created, [{ type: 'status', status: 'resolved', at: now }]),
      context('chatwoot', { now, targets: { resolutionSeconds: 8 * HOUR } }),
    );
    expect(m.targets.resolution?.state).toBe('met');
  });
});

describe('SLA misses on a wait the resolution ends (chatwoot/chatwoot@65430e4 spec/enterprise/services/sla/evaluate_applied_sla_service_spec.rb)', () => {
  const now = '2024-01-17T16:00:00Z';
  const ago = (hours: number) => at(now, -hours * HOUR);
  const created = ago(6);

  it('"SLA evaluation with frt hit, multiple nrt misses and rt miss": first response met, the unanswered wait and the resolution missed', () => {
    // FRT 2 h, NRT 1 h, RT 4 h; incoming 6 h ago, outgoing 5 h ago (frt hit), incoming 4 h ago
    // and 3 h ago while nobody answers, then resolved. The spec expects sla_status "missed" with
    // SlaEvents frt 0, nrt 2, rt 1: the customer waited from 4 h ago (waiting_since is not
    // overwritten by the 3 h follow-up) past the 3 h-ago due time and the resolution does not
    // undo that. Chatwoot logs one nrt event per latest incoming message it sees past due (the
    // evaluation ran after each incoming message, hence 2); Replyline gives one result per wait.
    const m = measureConversation(
      conv(created, [
        { type: 'message', author: 'customer', at: ago(6) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: ago(5) },
        { type: 'message', author: 'customer', at: ago(4) },
        { type: 'message', author: 'customer', at: ago(3) },
        { type: 'status', status: 'resolved', at: now },
      ]),
      context('chatwoot', { now, targets: { firstResponseSeconds: 2 * HOUR, nextResponseSeconds: HOUR, resolutionSeconds: 4 * HOUR } }),
    );
    expect(m.targets.firstResponse).toMatchObject({ dueAt: ms(ago(4)), stoppedAt: ms(ago(5)), state: 'met' });
    expect(m.targets.nextResponse).toEqual([
      { startedAt: ms(ago(4)), dueAt: ms(ago(3)), atRiskAt: ms(ago(3.25)), stoppedAt: ms(now), state: 'missed' },
    ]);
    expect(m.targets.resolution).toMatchObject({ dueAt: ms(ago(2)), stoppedAt: ms(now), state: 'missed' });
    expect(m.replies).toEqual([]);
    expect(m.reported.reply).toEqual([]);
    expect(m.open).toEqual([]);
  });

  it('a wait resolved before its next-response due time has no result (check_nrt only runs while waiting_since is set; resolving clears it)', () => {
    // enterprise/app/services/sla/evaluate_applied_sla_service.rb check_nrt returns while
    // Time.now < nrt_due_at; app/models/conversation.rb handle_resolved_status_change clears
    // waiting_since on resolve, so no later evaluation can log the miss.
    const m = measureConversation(
      conv(created, [
        { type: 'message', author: 'customer', at: ago(6) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: ago(5) },
        { type: 'message', author: 'customer', at: ago(0.5) },
        { type: 'status', status: 'resolved', at: now },
      ]),
      context('chatwoot', { now, targets: { nextResponseSeconds: HOUR } }),
    );
    expect(m.targets.nextResponse).toEqual([]);
    expect(m.waitingSince).toBeNull();
  });
});

describe('inbox working hours with every day closed (chatwoot/chatwoot@15582fd)', () => {
  const closedEveryDay: CalendarSpec = { timezone: 'UTC', week: {} };

  it('spec/enterprise/services/sla/business_hours_service_spec.rb "returns wall-clock deadline when all days are closed": Friday 16:00 + 1 h = 17:00', () => {
    const m = measureConversation(
      conv('2024-01-19T16:00:00Z', []),
      context('chatwoot', { calendar: closedEveryDay, now: '2024-01-19T16:00:00Z', targets: { firstResponseSeconds: HOUR } }),
    );
    expect(m.targets.firstResponse).toMatchObject({ dueAt: ms('2024-01-19T17:00:00Z'), state: 'on_track' });
  });

  it('reports count 0 seconds in business hours (app/helpers/reporting_event_helper.rb: elapsed_seconds || 0)', () => {
    const m = measureConversation(
      conv('2024-01-19T16:00:00Z', [
        { type: 'message', author: 'customer', at: '2024-01-19T16:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2024-01-19T16:30:00Z' },
        { type: 'status', status: 'resolved', at: '2024-01-19T18:00:00Z' },
      ]),
      context('chatwoot', { calendar: closedEveryDay, now: '2024-01-19T18:00:00Z', targets: { firstResponseSeconds: HOUR } }),
    );
    expect(m.firstResponse).toMatchObject({ seconds: 1800, businessSeconds: 0 });
    expect(m.reported.resolution.map((f) => [f.seconds, f.businessSeconds])).toEqual([[7200, 0]]);
    expect(m.targets.firstResponse).toMatchObject({ dueAt: ms('2024-01-19T17:00:00Z'), state: 'met' });
  });
});
