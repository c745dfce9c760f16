import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import Papa from 'papaparse';
import type { HubAlert, QueueRow } from '../../../lib/hub/protocol';
import type { HubReport } from '../../../lib/hub/report-schema';
import {
  applyStreamEvent,
  clockStateNow,
  daysOfWeek,
  drillDown,
  figureRequests,
  freshnessText,
  hubQueueView,
  linkOf,
  placesFrom,
  reportCsv,
} from '../../../lib/sidepanel-state/team-hub';
import { alertText, pollHub, urlOfAlertNotification, wantsAlert } from '../../../lib/background/hub-sync';
import { openReplylineDb } from '../../../lib/storage/db';
import { saveHubConnection } from '../../../lib/storage/hub';
import { DEFAULT_HUB_ALERTS } from '../../../lib/storage/schema';
import { FakeHub, HUB_URL, SUPERVISOR_TOKEN } from './fake-hub';

const T = Date.parse('2026-11-24T10:00:00.000Z');
const MIN = 60_000;
const ORIGIN = 'http://localhost:4400';

function row(id: string, extra: Partial<QueueRow> = {}): QueueRow {
  return {
    key: `demo-desk|${ORIGIN}|${id}`,
    helpdesk: 'demo-desk',
    origin: ORIGIN,
    conversationId: id,
    channel: 'chat',
    priority: null,
    status: 'open',
    statusKnown: 'known',
    assigneeId: 'a-1',
    assigneeName: 'Ada Lovelace',
    createdAt: T - 30 * MIN,
    waitingSince: null,
    lastSeenAt: T - MIN,
    clocks: [],
    ...extra,
  };
}

const firstClock = (dueAt: number, atRiskAt: number) =>
  ({ kind: 'firstResponse', startedAt: T - 30 * MIN, dueAt, atRiskAt, state: 'on_track' }) as const;

describe('the hub queue', () => {
  it('re-derives clock states from due and at-risk times as time passes', () => {
    const clock = firstClock(T + 10 * MIN, T + 5 * MIN);
    expect([T, T + 5 * MIN, T + 10 * MIN].map((now) => clockStateNow(clock, now))).toEqual(['on_track', 'at_risk', 'breached']);
  });

  it('counts only known rows at risk or breached; unknown-status rows are listed apart', () => {
    const rows = [
      row('c-1', { waitingSince: T - 20 * MIN, clocks: [firstClock(T - MIN, T - 6 * MIN)] }), // breached
      row('c-2', { waitingSince: T - 8 * MIN, clocks: [firstClock(T + 2 * MIN, T - 2 * MIN)] }), // at risk
      row('c-3', { assigneeId: null, assigneeName: null, waitingSince: T - 2 * MIN, clocks: [firstClock(T + 8 * MIN, T + 3 * MIN)] }),
      // Past due, but nobody has seen it within the freshness window: not breached.
      row('c-4', {
        statusKnown: 'unknown',
        waitingSince: T - 90 * MIN,
        lastSeenAt: T - 3 * 60 * MIN,
        clocks: [firstClock(T - 60 * MIN, T - 70 * MIN)],
      }),
      row('c-5', { status: 'resolved' }),
      row('c-6', { channel: 'email', priority: 'high' }),
    ];
    const view = hubQueueView(rows, T, { channel: null, priority: null, agent: null });
    expect(view.counts).toEqual({ open: 4, waiting: 3, atRisk: 1, breached: 1, unassigned: 1, unknown: 1 });
    expect(view.known.map((l) => [l.row.conversationId, l.state])).toEqual([
      ['c-1', 'breached'],
      ['c-2', 'at_risk'],
      ['c-3', 'on_track'],
      ['c-6', null],
    ]);
    expect(view.unknown.map((l) => [l.row.conversationId, l.state])).toEqual([['c-4', null]]);

    expect(hubQueueView(rows, T, { channel: 'email', priority: null, agent: null }).known.map((l) => l.row.conversationId)).toEqual([
      'c-6',
    ]);
    expect(hubQueueView(rows, T, { channel: null, priority: 'high', agent: null }).counts.open).toBe(1);
    expect(hubQueueView(rows, T, { channel: null, priority: null, agent: '' }).known.map((l) => l.row.conversationId)).toEqual(['c-3']);
  });

  it('applies stream upserts and removals', () => {
    let rows = new Map([row('c-1'), row('c-2')].map((r) => [r.key, r]));
    rows = applyStreamEvent(rows, {
      type: 'queue',
      asOf: T,
      upserts: [row('c-2', { assigneeId: 'a-2' }), row('c-7')],
      removed: [row('c-1').key],
    });
    expect([...rows.values()].map((r) => [r.conversationId, r.assigneeId])).toEqual([
      ['c-2', 'a-2'],
      ['c-7', 'a-1'],
    ]);
  });

  it('words freshness', () => {
    expect([T - 5_000, T - 3 * MIN, T - 125 * MIN, T - 50 * 60 * MIN].map((seen) => freshnessText(seen, T))).toEqual([
      'seen just now',
      'seen 3 min ago',
      'seen 2 h ago',
      'seen 2 days ago',
    ]);
  });
});

const conversation = (id: string, extra: Record<string, unknown>) => ({
  id,
  channel: 'chat',
  createdAt: '2026-11-24T09:00:00.000+00:00',
  status: 'resolved',
  unverified: false,
  agentId: 'a-1',
  assigneeId: 'a-1',
  firstResponse: null,
  handoff: null,
  replies: [],
  resolutions: [],
  reopens: 0,
  handleSeconds: 0,
  csat: null,
  targets: { firstResponse: null, nextResponse: [], resolution: null },
  ...extra,
});

const report = {
  format: 'replyline.report/1',
  conversations: [
    conversation('c-1', {
      targets: { firstResponse: { state: 'met' }, nextResponse: [{ state: 'met' }, { state: 'missed' }], resolution: null },
      firstResponse: { seconds: 240, businessSeconds: 240 },
      csat: 5,
      handleSeconds: 300,
      reported: { firstResponse: [{ seconds: 240 }], reply: [{ seconds: 60 }], resolution: [] },
    }),
    conversation('c-2', {
      agentId: 'a-2',
      assigneeId: 'a-2',
      channel: 'email',
      targets: { firstResponse: { state: 'breached' }, nextResponse: [], resolution: { state: 'met' } },
      reported: { firstResponse: [{ seconds: 4000 }], reply: [], resolution: [{ seconds: 9000 }] },
    }),
  ],
} as unknown as HubReport;

describe('drill-down and export', () => {
  it('lists the conversations behind a figure', () => {
    const ids = (figure: Parameters<typeof drillDown>[1], channel: string | null = null) =>
      drillDown(report, figure, channel).map((c) => c.id);
    expect(ids({ kind: 'target', clock: 'firstResponse', result: 'met' })).toEqual(['c-1']);
    expect(ids({ kind: 'target', clock: 'firstResponse', result: 'missed' })).toEqual(['c-2']);
    expect(ids({ kind: 'target', clock: 'nextResponse', result: 'missed' })).toEqual(['c-1']);
    expect(ids({ kind: 'target', clock: 'resolution', result: 'met' })).toEqual(['c-2']);
    expect(ids({ kind: 'csat' })).toEqual(['c-1']);
    expect(ids({ kind: 'handle' })).toEqual(['c-1']);
    expect(ids({ kind: 'conversations' }, 'email')).toEqual(['c-2']);
    // Medians and p90s open the conversations with that duration measured.
    expect(ids({ kind: 'duration', metric: 'firstResponse' })).toEqual(['c-1', 'c-2']);
    expect(ids({ kind: 'duration', metric: 'reply' })).toEqual(['c-1']);
    expect(ids({ kind: 'duration', metric: 'resolution' })).toEqual(['c-2']);
  });

  it('links report conversations to their helpdesk page through the queue, and writes one CSV row per conversation with names', () => {
    const places = placesFrom([row('c-9')]);
    expect(linkOf('c-1', places)).toBe('http://localhost:4400/conversations/c-1');
    const mixed = placesFrom([row('c-9'), { ...row('7'), helpdesk: 'zendesk', origin: 'https://acme.zendesk.com' }]);
    expect(linkOf('7', mixed)).toBe('https://acme.zendesk.com/agent/tickets/7');
    expect(linkOf('c-1', mixed)).toBeNull();

    const parsed = Papa.parse<Record<string, string>>(reportCsv(report, { 'a-1': 'Ada Lovelace', 'a-2': 'Grace Hopper' }, places), {
      header: true,
    });
    expect(
      parsed.data.map((r) => [
        r.conversation_id,
        r.link,
        r.agent_name,
        r.first_response_seconds,
        r.first_response_target,
        r.next_response_targets,
        r.csat,
      ]),
    ).toEqual([
      ['c-1', 'http://localhost:4400/conversations/c-1', 'Ada Lovelace', '240', 'met', '1/2 met', '5'],
      ['c-2', 'http://localhost:4400/conversations/c-2', 'Grace Hopper', '', 'breached', '', ''],
    ]);
  });
});

const alert = (id: string, extra: Partial<HubAlert> = {}): HubAlert => ({
  id,
  kind: 'breached',
  clock: 'firstResponse',
  key: `demo-desk|${ORIGIN}|c-4`,
  helpdesk: 'demo-desk',
  origin: ORIGIN,
  conversationId: 'c-4',
  channel: 'chat',
  assigneeId: null,
  dueAt: Date.parse('2026-11-24T09:50:00.000Z'),
  firedAt: T,
  ...extra,
});

describe('hub alerts', () => {
  afterEach(async () => {
    await deleteDB('replyline-alerts-test');
  });

  it('filters by kind, clock and channel, and words the notification', () => {
    expect(wantsAlert(alert('x'), DEFAULT_HUB_ALERTS)).toBe(true);
    expect(wantsAlert(alert('x'), { ...DEFAULT_HUB_ALERTS, breached: false })).toBe(false);
    expect(wantsAlert(alert('x', { kind: 'at_risk' }), { ...DEFAULT_HUB_ALERTS, breached: false })).toBe(true);
    expect(wantsAlert(alert('x'), { ...DEFAULT_HUB_ALERTS, clocks: { ...DEFAULT_HUB_ALERTS.clocks, firstResponse: false } })).toBe(false);
    expect(wantsAlert(alert('x'), { ...DEFAULT_HUB_ALERTS, channels: ['email'] })).toBe(false);
    expect(wantsAlert(alert('x', { channel: null }), { ...DEFAULT_HUB_ALERTS, channels: ['chat'] })).toBe(false);
    expect(alertText(alert('x', { assigneeId: 'a-2' }), { 'a-2': 'Grace Hopper' }, 'UTC')).toEqual({
      title: 'First response breached',
      message: 'Conversation c-4 (chat), assigned to Grace Hopper: was due at 09:50.',
    });
  });

  it('shows each alert once, also for conversations nobody has open, and a click opens the conversation', async () => {
    const db = await openReplylineDb({ name: 'replyline-alerts-test' });
    await saveHubConnection(db, {
      hubUrl: HUB_URL,
      origin: HUB_URL,
      token: SUPERVISOR_TOKEN,
      role: 'supervisor',
      name: 'Sam Supervisor',
      agentId: null,
      tokenId: 't-3',
      connectedAt: T - 60 * MIN,
      paused: false,
      alerts: { ...DEFAULT_HUB_ALERTS, atRisk: false },
    });
    const hub = new FakeHub();
    hub.alerts = [alert('al-1'), alert('al-2', { kind: 'at_risk' }), alert('al-3', { firedAt: T - 2 * 60 * MIN })];
    const shown: Array<{ id: string; title: string }> = [];
    const notifications = { create: async (id: string, options: { title: string }) => shown.push({ id, title: options.title }) };
    const deps = { fetch: hub.fetch, now: () => T, alarms: { create: () => undefined, clear: async () => undefined } };
    expect((await pollHub(db, deps, notifications, 'icon.png')).map((a) => a.id)).toEqual(['al-1']);
    expect(await pollHub(db, deps, notifications, 'icon.png')).toEqual([]);
    // A second alert fired in the same millisecond as the last one read is still shown.
    hub.alerts.push(alert('al-4', { clock: 'resolution' }));
    expect((await pollHub(db, deps, notifications, 'icon.png')).map((a) => a.id)).toEqual(['al-4']);
    expect(shown.map((s) => s.title)).toEqual(['First response breached', 'Resolution breached']);
    expect(urlOfAlertNotification(shown[0].id)).toBe('http://localhost:4400/conversations/c-4');
    expect(urlOfAlertNotification('replyline:at-risk|x')).toBeNull();
    expect(await db.get('state', 'names')).toMatchObject({ hub: { 'a-1': 'Ada Lovelace', 'a-2': 'Grace Hopper' } });
    db.close();
  });
});

describe('figures under the filters', () => {
  const ALL = { channel: null, priority: null, agent: null };

  it('by week: the totals and one report per agent, each with the channel and priority filters', () => {
    const requests = figureRequests({
      period: 'week',
      weekKey: '2026-W48',
      profile: 'replyline',
      filters: { ...ALL, channel: 'email', priority: 'high' },
      team: ['a-1', 'a-2'],
      days: [],
    });
    expect(requests).toEqual([
      { row: 'team', query: { profile: 'replyline', channel: 'email', priority: 'high', week: '2026-W48' } },
      { row: 'a-1', query: { profile: 'replyline', channel: 'email', priority: 'high', week: '2026-W48', agent: 'a-1' } },
      { row: 'a-2', query: { profile: 'replyline', channel: 'email', priority: 'high', week: '2026-W48', agent: 'a-2' } },
    ]);
  });

  it('an agent filter narrows the totals and the rows to that agent; "Unassigned" filters the queue only', () => {
    const one = figureRequests({
      period: 'week',
      weekKey: '2026-W48',
      profile: 'zendesk',
      filters: { ...ALL, agent: 'a-2' },
      team: ['a-1', 'a-2'],
      days: [],
    });
    expect(one).toEqual([
      { row: 'team', query: { profile: 'zendesk', agent: 'a-2', week: '2026-W48' } },
      { row: 'a-2', query: { profile: 'zendesk', agent: 'a-2', week: '2026-W48' } },
    ]);
    const unassigned = figureRequests({
      period: 'week',
      weekKey: '2026-W48',
      profile: 'zendesk',
      filters: { ...ALL, agent: '' },
      team: ['a-1'],
      days: [],
    });
    expect(unassigned.map((r) => r.query.agent)).toEqual([undefined, 'a-1']);
  });

  it('by day: the week’s totals and one report per day so far, under the same filters', () => {
    const days = daysOfWeek('2026-W48', Date.parse('2026-11-25T10:00:00Z'), 'Europe/Berlin');
    expect(days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(
      figureRequests({
        period: 'day',
        weekKey: '2026-W48',
        profile: 'replyline',
        filters: { ...ALL, channel: 'chat' },
        team: ['a-1'],
        days,
      }),
    ).toEqual([
      { row: 'team', query: { profile: 'replyline', channel: 'chat', week: '2026-W48' } },
      { row: '2026-11-23', query: { profile: 'replyline', channel: 'chat', day: '2026-11-23' } },
      { row: '2026-11-24', query: { profile: 'replyline', channel: 'chat', day: '2026-11-24' } },
      { row: '2026-11-25', query: { profile: 'replyline', channel: 'chat', day: '2026-11-25' } },
    ]);
  });

  it('a past week has all seven days, also across a daylight-saving change', () => {
    expect(daysOfWeek('2026-W13', Date.parse('2026-12-01T00:00:00Z'), 'Europe/Berlin')).toEqual([
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
  });
});
