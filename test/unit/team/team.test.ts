import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import {
  agentTable,
  hourOfWeekVolume,
  liveQueue,
  periodRange,
  loadTeamData,
  loadTeamDetail,
  type TeamDetail,
  sortAgentRows,
  teamAgents,
  type TeamData,
} from '../../../lib/sidepanel-state/team';
import { MIN, T, key, seed, teamSettings } from './team-fixtures';

const DB = 'replyline-team-test';
let db: ReplylineDb;
let data: TeamData;
let detail: TeamDetail;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  await seed(db);
  data = await loadTeamData(db, T);
  detail = await loadTeamDetail(
    db,
    data.conversations.map((c) => c.key),
    data.settings,
    T,
  );
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

const everyone = { channel: null, agent: null };

describe('live queue', () => {
  it('classifies the open conversations exactly and orders them longest wait first', () => {
    const queue = liveQueue(data.conversations, T, everyone);
    expect(
      queue.rows.map((r) => [
        r.conversation.conversationId,
        r.waitingSince === null ? null : (T - r.waitingSince) / MIN,
        r.state,
        r.clock?.kind ?? null,
        r.lists,
      ]),
    ).toEqual([
      ['next', 14, 'at_risk', 'nextResponse', ['unattended', 'waiting', 'atRisk']],
      ['wait-long', 12, 'breached', 'firstResponse', ['unattended', 'waiting', 'breached', 'unassigned']],
      ['risk', 8, 'at_risk', 'firstResponse', ['unattended', 'waiting', 'atRisk']],
      ['list-only', 5, 'on_track', 'firstResponse', ['unattended', 'waiting', 'unassigned']],
      ['fresh', 3, 'on_track', 'firstResponse', ['unattended', 'waiting']],
      // Nobody waiting: ordered by their running clock's start (the resolution clocks).
      ['pending', null, 'on_track', 'resolution', ['pending']],
      ['answered', null, 'on_track', 'resolution', []],
    ]);
    expect(queue.counts).toEqual({ open: 7, unattended: 5, waiting: 5, atRisk: 2, breached: 1, unassigned: 2, pending: 1 });
  });

  it('moves states with the clock from the same plans (counting live)', () => {
    // 3 min later: the next response (due T+1 min) and the first response of "risk" (due T+2 min) are breached.
    const later = liveQueue(data.conversations, T + 3 * MIN, everyone);
    expect(later.rows.filter((r) => r.state === 'breached').map((r) => r.conversation.conversationId)).toEqual([
      'next',
      'wait-long',
      'risk',
    ]);
    // The list-only conversation has now waited 8 min: past its at-risk point (7 min 30 s).
    expect(later.rows.filter((r) => r.state === 'at_risk').map((r) => r.conversation.conversationId)).toEqual(['list-only']);
    expect(later.counts).toMatchObject({ atRisk: 1, breached: 3 });
  });

  it('filters by channel and by assignee', () => {
    expect(liveQueue(data.conversations, T, { channel: 'email', agent: null }).rows.map((r) => r.conversation.conversationId)).toEqual([
      'fresh',
    ]);
    expect(liveQueue(data.conversations, T, { channel: null, agent: 'a-1' }).rows.map((r) => r.conversation.conversationId)).toEqual([
      'risk',
      'pending',
      'answered',
    ]);
  });
});

describe('freshness', () => {
  it('the counts say how fresh they are', () => {
    // Every record of the fixture was last seen at T.
    expect(liveQueue(data.conversations, T + 2 * MIN, everyone).asOf).toBe(T);
    expect(liveQueue(data.conversations, T + 2 * MIN, everyone).stale).toEqual([]);
  });

  it('a conversation nobody saw for five minutes is shown apart and counted nowhere', async () => {
    const k = key('risk');
    const record = (await db.get('conversations', k))!;
    await db.put('conversations', { ...record, seenAt: T - 5 * MIN - 1 });
    const fresh = await loadTeamData(db, T);
    const queue = liveQueue(fresh.conversations, T, everyone);
    expect(queue.rows.map((r) => r.conversation.conversationId)).toEqual([
      'next',
      'wait-long',
      'list-only',
      'fresh',
      'pending',
      'answered',
    ]);
    expect(queue.counts).toEqual({ open: 6, unattended: 4, waiting: 4, atRisk: 1, breached: 1, unassigned: 2, pending: 1 });
    expect(queue.stale.map((r) => [r.conversation.conversationId, r.seenAt, r.reconciled])).toEqual([['risk', T - 5 * MIN - 1, true]]);
    expect(queue.asOf).toBe(T);
    // One millisecond less and it still counts.
    await db.put('conversations', { ...record, seenAt: T - 5 * MIN });
    expect(liveQueue((await loadTeamData(db, T)).conversations, T, everyone).counts.atRisk).toBe(2);
    // Nor is it open in its agent's load.
    expect(agentTable(fresh, periodRange('today', T, 'UTC'), everyone).map((r) => [r.agentId, r.open])).toEqual([
      ['a-1', 2],
      ['a-2', 2],
    ]);
  });

  it('a markup-only helpdesk’s conversation says it waits for a page, and no open conversation gives the latest sighting', () => {
    const conversation = { ...data.conversations.find((c) => c.conversationId === 'fresh')!, helpdesk: 'freescout', seenAt: T - 10 * MIN };
    const queue = liveQueue([conversation], T, everyone);
    expect(queue.rows).toEqual([]);
    expect(queue.stale.map((r) => [r.conversation.helpdesk, r.reconciled])).toEqual([['freescout', false]]);
    expect(queue.asOf).toBe(T - 10 * MIN);
  });
});

describe('per-agent table', () => {
  it('has the engine’s exact figures per agent for today', () => {
    const rows = agentTable(data, periodRange('today', T, 'UTC'), everyone);
    expect(rows).toEqual([
      {
        agentId: 'a-1',
        open: 3,
        capacity: 5,
        load: 0.6,
        // First responses 2, 5 and 4 min.
        firstResponse: { value: 240, n: 3 },
        nextResponse: { value: 1080, n: 1 },
        // Met: three first responses and the resolution; missed: the 18-min next response.
        hitRate: { value: 0.8, n: 5 },
        csat: { value: 0.5, n: 2 },
        qa: { value: 0.8, n: 2 },
        // 2 min on "answered", 1 min on "resolved".
        handle: { value: 90, n: 2 },
      },
      {
        agentId: 'a-2',
        open: 2,
        capacity: 5,
        load: 0.4,
        firstResponse: { value: 120, n: 1 },
        nextResponse: { value: null, n: 0 },
        hitRate: { value: 1, n: 1 },
        csat: { value: null, n: 0 },
        qa: { value: null, n: 0 },
        handle: { value: null, n: 0 },
      },
    ]);
  });

  it('uses the capacity setting and the period', () => {
    const settings = teamSettings({ capacityPerAgent: 4 });
    const rows = agentTable({ ...data, settings }, periodRange('today', T, 'UTC'), everyone);
    expect(rows.map((r) => [r.agentId, r.load])).toEqual([
      ['a-1', 0.75],
      ['a-2', 0.5],
    ]);
    // Last week: nothing measured, but load is "now" and still shows.
    const lastWeek = agentTable(data, periodRange('lastWeek', T, 'UTC'), everyone);
    expect(lastWeek.map((r) => [r.agentId, r.open, r.firstResponse.n, r.qa.n])).toEqual([
      ['a-1', 3, 0, 0],
      ['a-2', 2, 0, 0],
    ]);
  });

  it('sorts by any column, missing values last', () => {
    const rows = agentTable(data, periodRange('today', T, 'UTC'), everyone);
    expect(sortAgentRows(rows, 'firstResponse', 'asc').map((r) => r.agentId)).toEqual(['a-2', 'a-1']);
    expect(sortAgentRows(rows, 'csat', 'asc').map((r) => r.agentId)).toEqual(['a-1', 'a-2']);
    expect(sortAgentRows(rows, 'csat', 'desc').map((r) => r.agentId)).toEqual(['a-1', 'a-2']);
    expect(sortAgentRows(rows, 'load', 'desc').map((r) => r.agentId)).toEqual(['a-1', 'a-2']);
    expect(sortAgentRows(rows, 'agentId', 'desc').map((r) => r.agentId)).toEqual(['a-2', 'a-1']);
  });

  it('names every agent in the data', () => {
    expect(teamAgents(data.conversations)).toEqual(['a-1', 'a-2']);
  });
});

describe('hour-of-week heatmap', () => {
  it('counts customer messages by local hour of week in the period', () => {
    const cells = hourOfWeekVolume(data.conversations, detail.inputs, 'UTC', periodRange('today', T, 'UTC'), everyone);
    // Wednesday 10:00–11:00 UTC is cell 58, 11:00–12:00 is 59; the list-only row has no thread.
    expect(cells.length).toBe(168);
    expect(cells[58]).toBe(2);
    expect(cells[59]).toBe(7);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(9);
    const email = hourOfWeekVolume(data.conversations, detail.inputs, 'UTC', periodRange('today', T, 'UTC'), {
      channel: 'email',
      agent: null,
    });
    expect(email.reduce((a, b) => a + b, 0)).toBe(1);
    expect(email[59]).toBe(1);
    const a2 = hourOfWeekVolume(data.conversations, detail.inputs, 'UTC', periodRange('today', T, 'UTC'), { channel: null, agent: 'a-2' });
    expect(a2[59]).toBe(3);
  });

  it('places messages on the calendar zone’s local hour', () => {
    // 11:30 UTC is 12:30 in Berlin (CET, UTC+1): Wednesday's cell 60.
    const cells = hourOfWeekVolume(data.conversations, detail.inputs, 'Europe/Berlin', { from: T - 31 * MIN, to: T - 29 * MIN }, everyone);
    expect(cells.flatMap((count, cell) => (count ? [[cell, count]] : []))).toEqual([[60, 1]]);
  });
});

describe('periods', () => {
  it('are local days and ISO weeks in the calendar zone', () => {
    const iso = (p: { from: number; to: number }) => [new Date(p.from).toISOString(), new Date(p.to).toISOString()];
    expect(iso(periodRange('today', T, 'UTC'))).toEqual(['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z']);
    expect(iso(periodRange('thisWeek', T, 'UTC'))).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z']);
    expect(iso(periodRange('lastWeek', T, 'UTC'))).toEqual(['2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
    expect(iso(periodRange('last4Weeks', T, 'UTC'))).toEqual(['2026-10-29T00:00:00.000Z', '2026-11-26T00:00:00.000Z']);
    expect(iso(periodRange('today', T, 'America/New_York'))).toEqual(['2026-11-25T05:00:00.000Z', '2026-11-26T05:00:00.000Z']);
  });
});
