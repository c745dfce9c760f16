/**
 * Cases ported from Zammad's own test suite (zammad/zammad), measured under the `zammad` profile.
 *
 * Mapping: ticket created_at → conversation createdAt; customer article → customer message; agent
 * email/phone article → agent message; internal or note-type article → note; states "pending
 * reminder" / "pending close" → pending; "closed" → resolved; "new"/"open" → open.
 * first_response_escalation_at → targets.firstResponse.dueAt, update_escalation_at →
 * targets.nextResponse[].dueAt, close_escalation_at → targets.resolution.dueAt;
 * first_response_in_min / update_in_min / close_in_min → business seconds of the reported figures
 * (Zammad counts working minutes on the SLA calendar, with ignore_escalation states as breaks).
 */
import { describe, expect, it } from 'vitest';
import { measureConversation } from '../../../lib/engine/conversation';
import type { CalendarSpec } from '../../../lib/engine/business-clock';
import { context, conv, ms } from './engine-fixtures';

const MIN = 60;

/** FactoryBot's :'24/7' calendar (spec/factories/calendar.rb): every day 00:00–24:00, UTC. */
const ALWAYS: CalendarSpec = {
  timezone: 'UTC',
  week: {
    mon: [['00:00', '24:00']],
    tue: [['00:00', '24:00']],
    wed: [['00:00', '24:00']],
    thu: [['00:00', '24:00']],
    fri: [['00:00', '24:00']],
    sat: [['00:00', '24:00']],
    sun: [['00:00', '24:00']],
  },
};

const weekdays = (from: string, to: string, holidays?: string[]): CalendarSpec => ({
  timezone: 'Europe/Berlin',
  week: { mon: [[from, to]], tue: [[from, to]], wed: [[from, to]], thu: [[from, to]], fri: [[from, to]] },
  ...(holidays ? { holidays } : {}),
});

const everyDay = (from: string, to: string, holidays?: string[]): CalendarSpec => ({
  timezone: 'Europe/Berlin',
  week: {
    mon: [[from, to]],
    tue: [[from, to]],
    wed: [[from, to]],
    thu: [[from, to]],
    fri: [[from, to]],
    sat: [[from, to]],
    sun: [[from, to]],
  },
  ...(holidays ? { holidays } : {}),
});

/** Zammad SLA minutes → engine target seconds. */
const sla = (firstResponse: number, update: number | undefined, solution: number | undefined) => ({
  firstResponseSeconds: firstResponse * MIN,
  ...(update !== undefined ? { nextResponseSeconds: update * MIN } : {}),
  ...(solution !== undefined ? { resolutionSeconds: solution * MIN } : {}),
});

describe('spec/lib/escalation_spec.rb (SLA 24/7: first response 60, update 60, solution 75)', () => {
  // `ticket_with_history`: created T0 (new), open at +60, pending close at +90, closed at +120.
  const T0 = '2024-05-06T10:00:00Z';
  const plus = (minutes: number) => new Date(ms(T0) + minutes * 60_000).toISOString();
  const history = [
    { type: 'status' as const, status: 'open' as const, at: plus(60) },
    { type: 'status' as const, status: 'pending' as const, at: plus(90) },
  ];

  it('#escalation_first_response: first_response_escalation_at = created + 60 min', () => {
    const m = measureConversation(conv(T0, history), context('zammad', { calendar: ALWAYS, now: plus(120), targets: sla(60, 60, 75) }));
    expect(m.targets.firstResponse?.dueAt).toBe(ms(plus(60)));
  });

  it('#escalation_close: close_escalation_at = created + 75 min (reopened ticket)', () => {
    // The spec reopens the ticket (state open, close_at nil) before asking; expected 45 minutes ago = T0+75.
    const m = measureConversation(
      conv(T0, [...history, { type: 'status', status: 'open', at: plus(120) }]),
      context('zammad', { calendar: ALWAYS, now: plus(120), targets: sla(60, 60, 75) }),
    );
    expect(m.targets.resolution?.dueAt).toBe(ms(plus(75)));
  });

  it('#statistics_first_response: first_response_in_min 75, diff -15', () => {
    const m = measureConversation(
      conv(T0, [...history.slice(0, 1), { type: 'message', author: 'agent', agentId: 'a-1', at: plus(75) }, ...history.slice(1)]),
      context('zammad', { calendar: ALWAYS, now: plus(120), targets: sla(60, 60, 75) }),
    );
    expect(m.firstResponse?.businessSeconds).toBe(75 * MIN);
    expect(60 - m.firstResponse!.businessSeconds / MIN).toBe(-15);
    expect(m.targets.firstResponse?.state).toBe('missed');
  });

  it('#statistics_close: close_in_min 70, diff 5', () => {
    const m = measureConversation(
      conv(T0, [history[0], { type: 'status', status: 'resolved', at: plus(70) }]),
      context('zammad', { calendar: ALWAYS, now: plus(120), targets: sla(60, 60, 75) }),
    );
    expect(m.reported.resolution.map((f) => f.businessSeconds)).toEqual([70 * MIN]);
    expect(75 - m.reported.resolution[0].businessSeconds / MIN).toBe(5);
    expect(m.targets.resolution?.state).toBe('met');
  });

  it('#statistics_update "calculates update statistics of last exchange": update_in_min 10', () => {
    // create(:ticket); inbound email; 10 minutes later an outbound email.
    const m = measureConversation(
      conv(T0, [
        { type: 'message', author: 'customer', at: T0 },
        { type: 'message', author: 'agent', agentId: 'a-1', at: plus(10) },
      ]),
      context('zammad', { calendar: ALWAYS, now: plus(30), targets: sla(60, 60, 75) }),
    );
    expect(m.reported.reply.map((f) => f.businessSeconds)).toEqual([10 * MIN]);
  });

  it('#statistics_update "keeps statistics of longest exchange": 10 then 5 minutes → update_in_min 10, diff 50', () => {
    const m = measureConversation(
      conv(T0, [
        { type: 'message', author: 'customer', at: T0 },
        { type: 'message', author: 'agent', agentId: 'a-1', at: plus(10) },
        { type: 'message', author: 'customer', at: plus(20) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: plus(25) },
      ]),
      context('zammad', { calendar: ALWAYS, now: plus(30), targets: sla(60, 60, 75) }),
    );
    expect(m.reported.reply.map((f) => [f.startedAt, f.businessSeconds])).toEqual([[ms(T0), 10 * MIN]]);
    expect(60 - m.reported.reply[0].businessSeconds / MIN).toBe(50);
  });

  it('"does not calculate statistics when only customer enquiry present": no update figure', () => {
    const m = measureConversation(
      conv(T0, [{ type: 'message', author: 'customer', at: T0 }]),
      context('zammad', { calendar: ALWAYS, now: plus(30), targets: sla(60, 60, 75) }),
    );
    expect(m.reported.reply).toEqual([]);
  });

  it('"customer contact sets #update_escalation_at" and "agent response clears" it (issue 3140)', () => {
    // The update clock runs from the customer's contact even before the first agent response.
    const waiting = measureConversation(
      conv(T0, [{ type: 'message', author: 'customer', at: plus(10) }]),
      context('zammad', { calendar: ALWAYS, now: plus(20), targets: sla(60, 60, 75) }),
    );
    expect(waiting.targets.nextResponse.map((t) => [t.dueAt, t.state])).toEqual([[ms(plus(70)), 'on_track']]);
    // "repeated customer requests do not #update_escalation_at": a follow-up keeps the same due time.
    const followUp = measureConversation(
      conv(T0, [
        { type: 'message', author: 'customer', at: plus(10) },
        { type: 'message', author: 'customer', at: plus(20) },
      ]),
      context('zammad', { calendar: ALWAYS, now: plus(20), targets: sla(60, 60, 75) }),
    );
    expect(followUp.targets.nextResponse.map((t) => t.dueAt)).toEqual([ms(plus(70))]);
    const answered = measureConversation(
      conv(T0, [
        { type: 'message', author: 'customer', at: plus(10) },
        { type: 'message', author: 'agent', agentId: 'a-1', at: plus(20) },
      ]),
      context('zammad', { calendar: ALWAYS, now: plus(20), targets: sla(60, 60, 75) }),
    );
    expect(answered.targets.nextResponse.map((t) => [t.dueAt, t.stoppedAt, t.state])).toEqual([[ms(plus(70)), ms(plus(20)), 'met']]);
    expect(answered.open.map((c) => c.kind)).toEqual(['resolution']);
  });

  it('"agent follow up does not set #update_escalation_at": no update clock without a customer contact', () => {
    const m = measureConversation(
      conv(T0, [{ type: 'message', author: 'agent', agentId: 'a-1', at: plus(5) }]),
      context('zammad', { calendar: ALWAYS, now: plus(20), targets: sla(60, 60, 75) }),
    );
    expect(m.targets.nextResponse).toEqual([]);
  });

  it('"switching state pushes escalation date": update_escalation_at = created + 70 min after 10 min pending close', () => {
    // open_ticket_with_history: inbound email at T0; pending close T0+10; open T0+20.
    const m = measureConversation(
      conv(T0, [
        { type: 'message', author: 'customer', at: T0 },
        { type: 'status', status: 'pending', at: plus(10) },
        { type: 'status', status: 'open', at: plus(20) },
      ]),
      context('zammad', { calendar: ALWAYS, now: plus(20), targets: sla(60, 60, 75) }),
    );
    expect(m.targets.nextResponse.map((t) => t.dueAt)).toEqual([ms(plus(70))]);
    expect(m.targets.firstResponse?.dueAt).toBe(ms(plus(70)));
  });
});

describe('spec/lib/escalation/{period_working_minutes,destination_time}_spec.rb (24/7, pending close +90…+120)', () => {
  const T0 = '2024-05-06T10:00:00Z';
  const plus = (minutes: number) => new Date(ms(T0) + minutes * 60_000).toISOString();
  const lifecycle = [
    { type: 'status' as const, status: 'open' as const, at: plus(60) },
    { type: 'status' as const, status: 'pending' as const, at: plus(90) },
    { type: 'status' as const, status: 'resolved' as const, at: plus(120) },
  ];

  it('"timeframe takes whole ticket life": 90 working minutes from creation to close', () => {
    const m = measureConversation(conv(T0, lifecycle), context('zammad', { calendar: ALWAYS, now: plus(240), targets: sla(60, 60, 75) }));
    expect(m.reported.resolution.map((f) => [f.seconds, f.businessSeconds])).toEqual([[120 * MIN, 90 * MIN]]);
  });

  it('"timeframe starts in the middle of ticket life": created+30 → close is 60 working minutes', () => {
    // Expressed as an update segment: customer contact at +30 after a first reply, answered at close time.
    const m = measureConversation(
      conv(T0, [
        { type: 'message', author: 'customer', at: T0 },
        { type: 'message', author: 'agent', agentId: 'a-1', at: plus(1) },
        { type: 'message', author: 'customer', at: plus(30) },
        lifecycle[0],
        lifecycle[1],
        { type: 'message', author: 'agent', agentId: 'a-1', at: plus(120) },
      ]),
      context('zammad', { calendar: ALWAYS, now: plus(240) }),
    );
    expect(m.replies.map((r) => r.businessSeconds)).toEqual([60 * MIN]);
  });

  it('destination_time: 30 working minutes from created → created+30; from created+75 → +135 (the break pushes it)', () => {
    const fromCreation = measureConversation(
      conv(T0, lifecycle),
      context('zammad', { calendar: ALWAYS, now: plus(240), targets: { resolutionSeconds: 30 * MIN } }),
    );
    expect(fromCreation.targets.resolution?.dueAt).toBe(ms(plus(30)));
    // A clock started at +75 (customer contact after a first reply) with 30 minutes: 15 before the break, 15 after.
    const m = measureConversation(
      conv(T0, [
        { type: 'message', author: 'customer', at: T0 },
        { type: 'message', author: 'agent', agentId: 'a-1', at: plus(1) },
        lifecycle[0],
        { type: 'message', author: 'customer', at: plus(75) },
        lifecycle[1],
        { type: 'status', status: 'open', at: plus(120) },
      ]),
      context('zammad', { calendar: ALWAYS, now: plus(125), targets: { firstResponseSeconds: 60 * MIN, nextResponseSeconds: 30 * MIN } }),
    );
    // The first segment (T0 → +1) is an update wait too; the running one from +75 is due at +135.
    expect(m.targets.nextResponse.map((t) => t.dueAt)).toEqual([ms(plus(30)), ms(plus(135))]);
  });
});

describe("test/unit/ticket_sla_test.rb 'ticket sla' (calendar EU 2: Mon–Fri 08–18 Berlin; SLA 60 / 120 / 180)", () => {
  const EU2 = weekdays('08:00', '18:00');
  // Thursday 2013-03-21 09:30 UTC = 10:30 Berlin (CET).
  const created = '2013-03-21T09:30:00Z';

  it('first_response_escalation_at 10:30 UTC and close_escalation_at 12:30 UTC', () => {
    const m = measureConversation(
      conv(created, []),
      context('zammad', { calendar: EU2, now: '2013-03-21T09:45:00Z', targets: sla(60, 120, 180) }),
    );
    expect(m.targets.firstResponse?.dueAt).toBe(ms('2013-03-21T10:30:00Z'));
    expect(m.targets.resolution?.dueAt).toBe(ms('2013-03-21T12:30:00Z'));
  });

  it('first response at 10:00 UTC: first_response_in_min 30, diff 30; at 14:00 UTC: 270, diff -210', () => {
    for (const [at, minutes] of [
      ['2013-03-21T10:00:00Z', 30],
      ['2013-03-21T14:00:00Z', 270],
    ] as const) {
      const m = measureConversation(
        conv(created, [{ type: 'message', author: 'agent', agentId: 'a-1', at }]),
        context('zammad', { calendar: EU2, now: '2013-03-21T15:00:00Z', targets: sla(60, 120, 180) }),
      );
      expect(m.firstResponse?.businessSeconds).toBe(minutes * MIN);
      expect(60 - m.firstResponse!.businessSeconds / MIN).toBe(60 - minutes);
    }
  });

  it('close at 11:30 UTC: close_in_min 120, diff 60; at 13:00 UTC: 210, diff -30', () => {
    for (const [at, minutes] of [
      ['2013-03-21T11:30:00Z', 120],
      ['2013-03-21T13:00:00Z', 210],
    ] as const) {
      const m = measureConversation(
        conv(created, [{ type: 'status', status: 'resolved', at }]),
        context('zammad', { calendar: EU2, now: '2013-03-21T15:00:00Z', targets: sla(60, 120, 180) }),
      );
      expect(m.reported.resolution.map((f) => f.businessSeconds)).toEqual([minutes * MIN]);
      expect(180 - minutes).toBe(180 - m.reported.resolution[0].businessSeconds / MIN);
    }
  });

  it('inbound 2013-03-28 23:49 UTC, outbound 2013-03-29 07:00:03 UTC: first_response_in_min 0, diff 60', () => {
    // The reply comes 3 s after the 08:00 Berlin opening; Zammad counts whole working minutes.
    const m = measureConversation(
      conv('2013-03-28T23:49:00Z', [
        { type: 'message', author: 'customer', at: '2013-03-28T23:49:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2013-03-29T07:00:03Z' },
      ]),
      context('zammad', { calendar: EU2, now: '2013-03-29T08:00:00Z', targets: sla(60, 120, 180) }),
    );
    expect(m.firstResponse).toMatchObject({ seconds: 25_863, businessSeconds: 3 });
    expect(Math.floor(m.firstResponse!.businessSeconds / MIN)).toBe(0);
  });

  it('a note-type agent article at 23:52 is no response; the phone article at 23:55 is first_response_at', () => {
    const m = measureConversation(
      conv('2013-03-28T23:49:00Z', [
        { type: 'message', author: 'customer', at: '2013-03-28T23:49:00Z' },
        { type: 'note', agentId: 'a-1', at: '2013-03-28T23:52:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2013-03-28T23:55:00Z' },
      ]),
      context('zammad', { calendar: EU2, now: '2013-03-29T08:00:00Z', targets: sla(60, 120, 180) }),
    );
    expect(m.firstResponse?.repliedAt).toBe(ms('2013-03-28T23:55:00Z'));
  });
});

describe("test/unit/ticket_sla_test.rb 'ticket sla + timezone + holiday' (every day 08–17 Berlin; SLA 120 / 180 / 240)", () => {
  it('winter time: created 2013-03-21 09:30 UTC → first response 11:30 UTC, close 13:30 UTC', () => {
    const m = measureConversation(
      conv('2013-03-21T09:30:00Z', []),
      context('zammad', { calendar: everyDay('08:00', '17:00'), now: '2013-03-21T09:45:00Z', targets: sla(120, 180, 240) }),
    );
    expect([m.targets.firstResponse?.dueAt, m.targets.resolution?.dueAt]).toEqual([ms('2013-03-21T11:30:00Z'), ms('2013-03-21T13:30:00Z')]);
  });

  it('summer time: created 2013-10-21 09:30 UTC → 11:30 / 13:30 UTC; created 05:30 UTC (before opening) → 08:00 / 10:00 UTC', () => {
    const calendar = everyDay('08:00', '17:00', ['2015-09-22']);
    const inHours = measureConversation(
      conv('2013-10-21T09:30:00Z', []),
      context('zammad', { calendar, now: '2013-10-21T09:45:00Z', targets: sla(120, 180, 240) }),
    );
    expect([inHours.targets.firstResponse?.dueAt, inHours.targets.resolution?.dueAt]).toEqual([
      ms('2013-10-21T11:30:00Z'),
      ms('2013-10-21T13:30:00Z'),
    ]);
    const early = measureConversation(
      conv('2013-10-21T05:30:00Z', []),
      context('zammad', { calendar, now: '2013-10-21T05:45:00Z', targets: sla(120, 180, 240) }),
    );
    expect([early.targets.firstResponse?.dueAt, early.targets.resolution?.dueAt]).toEqual([
      ms('2013-10-21T08:00:00Z'),
      ms('2013-10-21T10:00:00Z'),
    ]);
  });

  it('holiday 2015-09-22 skipped: created 2015-09-21 14:30 UTC → first response 2015-09-23 07:30 UTC, close 09:30 UTC', () => {
    // 2015-09-23 is listed with active: false and 2015-09-24 without active, so neither is a holiday.
    const m = measureConversation(
      conv('2015-09-21T14:30:00Z', []),
      context('zammad', { calendar: everyDay('08:00', '17:00', ['2015-09-22']), now: '2015-09-21T14:45:00Z', targets: sla(120, 180, 240) }),
    );
    expect([m.targets.firstResponse?.dueAt, m.targets.resolution?.dueAt]).toEqual([ms('2015-09-23T07:30:00Z'), ms('2015-09-23T09:30:00Z')]);
  });
});

describe('test/unit/ticket_sla_test.rb suspend cases (every day 09–18 Berlin = 07–16 UTC in June)', () => {
  const EU5 = everyDay('09:00', '18:00');
  const created = '2013-06-04T09:00:00Z';

  it("'suspend close reopen bug' ticket1: pending 09:30–09:45 and closed 10:00–10:30 are breaks → first_response_escalation_at 11:45 UTC", () => {
    const m = measureConversation(
      conv(created, [
        { type: 'status', status: 'pending', at: '2013-06-04T09:30:00Z' },
        { type: 'status', status: 'open', at: '2013-06-04T09:45:00Z' },
        { type: 'status', status: 'resolved', at: '2013-06-04T10:00:00Z' },
        { type: 'status', status: 'open', at: '2013-06-04T10:30:00Z' },
      ]),
      context('zammad', { calendar: EU5, now: '2013-06-04T10:45:00Z', targets: sla(120, 180, 250) }),
    );
    expect(m.targets.firstResponse?.dueAt).toBe(ms('2013-06-04T11:45:00Z'));
    expect(m.firstResponse).toBeNull();
  });

  it("'suspend close reopen bug' ticket2 / escalation_examples.rb 'when Ticket transitions from pending to open': due the next morning, 2013-06-05 07:00 UTC", () => {
    // 60 working minutes 09:00–10:00, pending 10:00–15:00, the remaining 60 minutes use up
    // 15:00–16:00 exactly (18:00 Berlin closing). spec/models/ticket/escalation_examples.rb
    // (zammad/zammad@1aa4e68, biz 1.8.2) expects escalation_at = first_response_escalation_at =
    // '2013-06-05 07:00:00 UTC', the next opening. The older test/unit/ticket_sla_test.rb
    // (zammad/zammad@39a98c0, biz 1.7.0) expected '2013-06-04 16:00:00 UTC' for the same ticket.
    const m = measureConversation(
      conv(created, [
        { type: 'status', status: 'pending', at: '2013-06-04T10:00:00Z' },
        { type: 'status', status: 'open', at: '2013-06-04T15:00:00Z' },
      ]),
      context('zammad', { calendar: EU5, now: '2013-06-04T15:10:00Z', targets: sla(120, 180, 250) }),
    );
    expect(m.targets.firstResponse?.dueAt).toBe(ms('2013-06-05T07:00:00Z'));
    expect(m.targets.firstResponse?.state).toBe('on_track');
  });

  it("'ticket escalation suspend': first response 11:30 due, 75 min (diff 45); close 13:40 due, 150 min (diff 100)", () => {
    const m = measureConversation(
      conv(created, [
        { type: 'status', status: 'pending', at: '2013-06-04T10:00:00Z' },
        { type: 'status', status: 'open', at: '2013-06-04T10:30:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2013-06-04T10:45:00Z' },
        { type: 'status', status: 'resolved', at: '2013-06-04T12:00:00Z' },
      ]),
      context('zammad', { calendar: EU5, now: '2013-06-04T12:30:00Z', targets: sla(120, 180, 250) }),
    );
    expect(m.targets.firstResponse).toMatchObject({ dueAt: ms('2013-06-04T11:30:00Z'), state: 'met' });
    expect(m.firstResponse?.businessSeconds).toBe(75 * MIN);
    expect(m.targets.resolution).toMatchObject({ dueAt: ms('2013-06-04T13:40:00Z'), state: 'met' });
    expect(m.reported.resolution.map((f) => f.businessSeconds)).toEqual([150 * MIN]);
  });

  it('created in pending reminder, closed at 12:00: close_in_min 0, close_diff_in_min 240 (met)', () => {
    // escalation_examples.rb 'when Ticket is created in state pending and closed without reopen or
    // state change'. Its close_escalation_at is nil once closed; the due time behind the "met":
    // 240 working minutes from the 12:00 close use up 12:00–16:00 UTC exactly, so with biz 1.8.2
    // it is the next opening, 2013-06-05 07:00 UTC (ticket_sla_test.rb, biz 1.7.0: 16:00 UTC).
    const m = measureConversation(
      conv(created, [
        { type: 'status', status: 'pending', at: created },
        { type: 'status', status: 'resolved', at: '2013-06-04T12:00:00Z' },
      ]),
      context('zammad', { calendar: EU5, now: '2013-06-04T12:30:00Z', targets: sla(120, 180, 240) }),
    );
    expect(m.reported.resolution.map((f) => f.businessSeconds)).toEqual([0]);
    expect(240 - m.reported.resolution[0].businessSeconds / MIN).toBe(240);
    expect(m.targets.resolution).toMatchObject({ state: 'met', dueAt: ms('2013-06-05T07:00:00Z') });
  });

  it('pending → open 10:30 → pending 11:00 → closed 12:00: close_in_min 30, close_escalation_at 15:30 UTC', () => {
    const m = measureConversation(
      conv(created, [
        { type: 'status', status: 'pending', at: created },
        { type: 'status', status: 'open', at: '2013-06-04T10:30:00Z' },
        { type: 'status', status: 'pending', at: '2013-06-04T11:00:00Z' },
        { type: 'status', status: 'resolved', at: '2013-06-04T12:00:00Z' },
      ]),
      context('zammad', { calendar: EU5, now: '2013-06-04T12:30:00Z', targets: sla(120, 180, 240) }),
    );
    expect(m.reported.resolution.map((f) => f.businessSeconds)).toEqual([30 * MIN]);
    expect(m.targets.resolution?.dueAt).toBe(ms('2013-06-04T15:30:00Z'));
  });

  it('pending → open 10:30 → pending 11:00 → open 11:30 → closed 12:00: close_in_min 60, close_escalation_at 15:00 UTC', () => {
    const m = measureConversation(
      conv(created, [
        { type: 'status', status: 'pending', at: created },
        { type: 'status', status: 'open', at: '2013-06-04T10:30:00Z' },
        { type: 'status', status: 'pending', at: '2013-06-04T11:00:00Z' },
        { type: 'status', status: 'open', at: '2013-06-04T11:30:00Z' },
        { type: 'status', status: 'resolved', at: '2013-06-04T12:00:00Z' },
      ]),
      context('zammad', { calendar: EU5, now: '2013-06-04T12:30:00Z', targets: sla(120, 180, 240) }),
    );
    expect(m.reported.resolution.map((f) => f.businessSeconds)).toEqual([60 * MIN]);
    expect(m.targets.resolution?.dueAt).toBe(ms('2013-06-04T15:00:00Z'));
  });
});

describe('test/unit/ticket_sla_test.rb customer-contact update escalations', () => {
  it("'ticket ticket.title and article.subject': inbound 2016-03-21 12:30 UTC → first response 13:30, update 14:30, close 15:30 UTC", () => {
    const m = measureConversation(
      conv('2016-03-21T12:30:00Z', [{ type: 'message', author: 'customer', at: '2016-03-21T12:30:00Z' }]),
      context('zammad', { calendar: everyDay('09:00', '18:00'), now: '2016-03-21T12:40:00Z', targets: sla(60, 120, 180) }),
    );
    expect(m.targets.firstResponse?.dueAt).toBe(ms('2016-03-21T13:30:00Z'));
    expect(m.targets.nextResponse.map((t) => t.dueAt)).toEqual([ms('2016-03-21T14:30:00Z')]);
    expect(m.targets.resolution?.dueAt).toBe(ms('2016-03-21T15:30:00Z'));
  });

  it("'ticket sla + holiday 222': web inbound on holiday 2016-11-01 13:56:21 UTC (Mon–Fri 08–20 Berlin) → first response 2016-11-02 09:00, update 2016-11-03 15:00 UTC", () => {
    const m = measureConversation(
      conv('2016-11-01T13:56:21Z', [{ type: 'message', author: 'customer', at: '2016-11-01T13:56:21Z' }]),
      context('zammad', {
        calendar: weekdays('08:00', '20:00', ['2016-11-01']),
        now: '2016-11-01T14:00:00Z',
        targets: sla(120, 1200, undefined),
      }),
    );
    expect(m.targets.firstResponse?.dueAt).toBe(ms('2016-11-02T09:00:00Z'));
    expect(m.targets.nextResponse.map((t) => t.dueAt)).toEqual([ms('2016-11-03T15:00:00Z')]);
    expect(m.targets.resolution).toBeNull();
  });

  it("'ticket sla + observer check': same ticket with SLA 60 / 120 → first response 2016-11-02 08:00, update 09:00 UTC", () => {
    const m = measureConversation(
      conv('2016-11-01T13:56:21Z', [{ type: 'message', author: 'customer', at: '2016-11-01T13:56:21Z' }]),
      context('zammad', {
        calendar: weekdays('08:00', '20:00', ['2016-11-01']),
        now: '2016-11-01T14:00:00Z',
        targets: sla(60, 120, undefined),
      }),
    );
    expect(m.targets.firstResponse?.dueAt).toBe(ms('2016-11-02T08:00:00Z'));
    expect(m.targets.nextResponse.map((t) => t.dueAt)).toEqual([ms('2016-11-02T09:00:00Z')]);
  });
});

describe("spec/models/ticket/escalation_examples.rb 'when SLA has Calendar with holidays' (zammad/zammad@1aa4e68; Mon–Fri 08–20 Berlin, holiday 2016-11-01; SLA 120 / 1200)", () => {
  const calendar = weekdays('08:00', '20:00', ['2016-11-01']);
  const targets = sla(120, 1200, undefined);
  // Each step adds what the spec does next, then reads the escalation times "now".
  const step1 = [{ type: 'message' as const, author: 'customer' as const, at: '2016-11-01T13:56:21Z' }];
  const step2 = [
    ...step1,
    { type: 'status' as const, status: 'pending' as const, at: '2016-11-01T15:25:40Z' },
    { type: 'message' as const, author: 'agent' as const, agentId: 'a-1', at: '2016-11-01T15:25:40Z' },
  ];
  const step3 = [
    ...step2,
    { type: 'status' as const, status: 'open' as const, at: '2016-11-01T15:59:14Z' },
    { type: 'message' as const, author: 'customer' as const, at: '2016-11-01T15:59:14Z' },
  ];
  const step5 = [
    ...step3,
    { type: 'status' as const, status: 'pending' as const, at: '2016-11-01T15:59:58Z' },
    { type: 'status' as const, status: 'open' as const, at: '2016-11-07T13:26:36Z' },
    { type: 'message' as const, author: 'customer' as const, at: '2016-11-07T13:26:36Z' },
  ];
  const step6 = [...step5, { type: 'message' as const, author: 'customer' as const, at: '2016-11-07T14:26:36Z' }];
  const measure = (events: typeof step6, now: string) =>
    measureConversation(conv('2016-11-01T13:56:21Z', events), context('zammad', { calendar, now, targets }));

  it('web inbound on the holiday: first response 2016-11-02 09:00, update 2016-11-03 15:00 UTC', () => {
    const m = measure(step1, '2016-11-01T14:00:00Z');
    expect([m.targets.firstResponse?.dueAt, m.targets.nextResponse.map((t) => t.dueAt)]).toEqual([
      ms('2016-11-02T09:00:00Z'),
      [ms('2016-11-03T15:00:00Z')],
    ]);
  });

  it('pending + outbound email at 15:25:40: no escalation left (first response and update met, nothing running)', () => {
    const m = measure(step2, '2016-11-01T15:30:00Z');
    expect(m.targets.firstResponse).toMatchObject({ stoppedAt: ms('2016-11-01T15:25:40Z'), state: 'met' });
    expect(m.targets.nextResponse.map((t) => [t.stoppedAt, t.state])).toEqual([[ms('2016-11-01T15:25:40Z'), 'met']]);
    expect(m.open.map((c) => c.kind)).toEqual(['resolution']);
  });

  it('open + inbound email at 15:59:14: escalation_at = update_escalation_at = 2016-11-03 15:00 UTC', () => {
    const m = measure(step3, '2016-11-01T16:00:00Z');
    const running = m.open.find((c) => c.kind === 'nextResponse');
    expect(running?.target).toMatchObject({ startedAt: ms('2016-11-01T15:59:14Z'), dueAt: ms('2016-11-03T15:00:00Z'), state: 'on_track' });
  });

  it('pending until 2016-11-07 13:26:36, then open + inbound: update_escalation_at 2016-11-09 09:26:00 UTC (the break ends at 13:26, whole minutes)', () => {
    // The wait began at 15:59:14 on the holiday (no working time), the pending break ran
    // 15:59–13:26 by ticket_biz_break.rb's "HH:MM" keys, so the clock counts again from 13:26:00:
    // Monday 13:26–19:00 (5 h 34), Tuesday 12 h, Wednesday 07:00 + 2 h 26 = 09:26:00 UTC.
    const m = measure(step5, '2016-11-07T13:30:00Z');
    const running = m.open.find((c) => c.kind === 'nextResponse');
    expect(running?.target?.dueAt).toBe(ms('2016-11-09T09:26:00Z'));
    expect(m.targets.firstResponse?.state).toBe('met');
  });

  it('another inbound at 14:26:36 leaves update_escalation_at at 2016-11-09 09:26:00 UTC', () => {
    const m = measure(step6, '2016-11-07T14:30:00Z');
    expect(m.open.find((c) => c.kind === 'nextResponse')?.target?.dueAt).toBe(ms('2016-11-09T09:26:00Z'));
    expect(m.cues.unansweredFollowUps).toBe(2); // 13:26:36 and 14:26:36 after the 15:59:14 message
  });
});

describe('lib/escalation.rb: a close ends the update escalation (zammad/zammad@1aa4e68, SLA 24/7 update 60)', () => {
  // escalation_update nullifies update_escalation_at when escalation_disabled? (closed), and
  // calculate_next_escalation returns nil for a closed ticket (spec/lib/escalation_spec.rb
  // "setting ticket to non-escalatable state clears #escalation_at"). A wait still open at its
  // escalation time escalated then; one closed before it never did.
  const T0 = '2024-05-06T10:00:00Z';
  const plus = (minutes: number) => new Date(ms(T0) + minutes * 60_000).toISOString();
  const answeredOnce = [
    { type: 'message' as const, author: 'customer' as const, at: T0 },
    { type: 'message' as const, author: 'agent' as const, agentId: 'a-1', at: plus(5) },
    { type: 'message' as const, author: 'customer' as const, at: plus(10) },
  ];

  it('closed at +80 without a reply to the +10 contact: the update escalated at +70 (missed)', () => {
    const m = measureConversation(
      conv(T0, [...answeredOnce, { type: 'status', status: 'resolved', at: plus(80) }]),
      context('zammad', { calendar: ALWAYS, now: plus(90), targets: sla(60, 60, undefined) }),
    );
    expect(m.targets.nextResponse.map((t) => [t.startedAt, t.dueAt, t.stoppedAt, t.state])).toEqual([
      [ms(T0), ms(plus(60)), ms(plus(5)), 'met'],
      [ms(plus(10)), ms(plus(70)), ms(plus(80)), 'missed'],
    ]);
    // update_in_min counts only answered segments: the 5-minute one.
    expect(m.reported.reply.map((f) => f.businessSeconds)).toEqual([5 * MIN]);
  });

  it('closed at +50, before the +70 escalation: no update result for that wait', () => {
    const m = measureConversation(
      conv(T0, [...answeredOnce, { type: 'status', status: 'resolved', at: plus(50) }]),
      context('zammad', { calendar: ALWAYS, now: plus(90), targets: sla(60, 60, undefined) }),
    );
    expect(m.targets.nextResponse.map((t) => [t.startedAt, t.state])).toEqual([[ms(T0), 'met']]);
  });

  it('closed at +80 with nobody ever answering: first response and update both escalated at +60', () => {
    const m = measureConversation(
      conv(T0, [
        { type: 'message', author: 'customer', at: T0 },
        { type: 'status', status: 'resolved', at: plus(80) },
      ]),
      context('zammad', { calendar: ALWAYS, now: plus(90), targets: sla(60, 60, undefined) }),
    );
    expect(m.targets.firstResponse).toMatchObject({ dueAt: ms(plus(60)), stoppedAt: ms(plus(80)), state: 'missed' });
    expect(m.targets.nextResponse.map((t) => [t.startedAt, t.dueAt, t.state])).toEqual([[ms(T0), ms(plus(60)), 'missed']]);
  });
});

describe('a calendar with no business hours (app/models/calendar.rb biz: "No configured hours found in calendar")', () => {
  it('gives no escalation times and 0 working minutes, and never throws', () => {
    const m = measureConversation(
      conv('2024-05-06T10:00:00Z', [
        { type: 'message', author: 'customer', at: '2024-05-06T10:00:00Z' },
        { type: 'message', author: 'agent', agentId: 'a-1', at: '2024-05-06T10:30:00Z' },
        { type: 'message', author: 'customer', at: '2024-05-06T11:00:00Z' },
      ]),
      context('zammad', { calendar: { timezone: 'Europe/Berlin', week: {} }, now: '2024-05-06T12:00:00Z', targets: sla(60, 60, 240) }),
    );
    expect(m.targets).toEqual({ firstResponse: null, nextResponse: [], resolution: null });
    expect(m.firstResponse).toMatchObject({ seconds: 1800, businessSeconds: 0 });
    expect(m.open.map((c) => [c.kind, c.elapsed.seconds, c.elapsed.businessSeconds, c.target])).toEqual([
      ['nextResponse', 3600, 0, undefined],
      ['resolution', 7200, 0, undefined],
    ]);
  });
});
