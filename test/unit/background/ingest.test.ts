import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { saveSettings } from '../../../lib/storage/settings';
import { conversationKey } from '../../../lib/messaging/protocol';
import { HELPDESK, MIN, ORIGIN, T0, batch, listRow, viewC1 } from '../../fixtures/storage/observations';

const DB = 'replyline-ingest-test';
const NOW = T0 + 20 * MIN;
const KEY_C1 = conversationKey(HELPDESK, ORIGIN, 'c-1');
let db: ReplylineDb;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  await saveSettings(db, {
    calendar: {
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
      holidays: [],
    },
  });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

describe('ingest', () => {
  it('plans the running clocks of a conversation view with exact due and at-risk times', async () => {
    const { reply, changed } = await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, NOW);
    expect(changed).toEqual([KEY_C1]);
    expect(reply.ok).toBe(true);
    expect(reply.seq).toBe(0);
    expect(reply.plans).toHaveLength(1);
    const plan = reply.plans[0];
    expect(plan.conversationId).toBe('c-1');
    expect(plan.unverified).toBe(false);
    expect(plan.waitingSince).toBe(T0 + 10 * MIN);
    expect(plan.clocks).toEqual([
      { kind: 'firstResponse', startedAt: T0, dueAt: T0 + 10 * MIN, atRiskAt: T0 + 7.5 * MIN, stoppedAt: T0 + 4 * MIN, state: 'met' },
      // next response: 15 min target from the unanswered message at +10 min, at risk after 75 %.
      {
        kind: 'nextResponse',
        startedAt: T0 + 10 * MIN,
        dueAt: T0 + 25 * MIN,
        atRiskAt: T0 + 21 * MIN + 15_000,
        stoppedAt: null,
        state: 'on_track',
      },
      { kind: 'resolution', startedAt: T0, dueAt: T0 + 120 * MIN, atRiskAt: T0 + 90 * MIN, stoppedAt: null, state: 'on_track' },
    ]);
  });

  it('stores the same batch once when it is sent twice', async () => {
    const message = batch('doc-aaaaaaaa', 3, [viewC1()]);
    await handleContentMessage(message, db, NOW);
    const second = await handleContentMessage(message, db, NOW + 1000);
    expect(second.reply.ok).toBe(true);
    expect(second.reply.seq).toBe(3);
    expect(second.changed).toEqual([]);
    expect(second.reply.plans.map((p) => p.conversationId)).toEqual(['c-1']);
    expect(await db.count('events')).toBe(3);
    expect(await db.count('batches')).toBe(1);
    const conversation = await db.get('conversations', KEY_C1);
    expect(conversation?.updatedAt).toBe(NOW);
  });

  it('counts the same conversation open in two tabs once', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, NOW);
    await handleContentMessage(batch('doc-bbbbbbbb', 0, [viewC1()]), db, NOW);
    expect(await db.count('events')).toBe(3);
    expect(await db.count('conversations')).toBe(1);
    const everyone = await db.get('rollups', '2026-11-24|*');
    expect(everyone).toMatchObject({ conversations: 1, replies: 1, resolutions: 0 });
    expect(everyone?.firstResponse.calendar).toEqual([240]);
  });

  it('builds daily rollups per agent from replies and resolutions', async () => {
    const resolved = viewC1({
      status: 'resolved',
      waitingSince: null,
      events: [
        ...viewC1().events!,
        { id: 'e-4', at: T0 + 16 * MIN, type: 'message', author: 'agent', agentId: 'a-2', public: true },
        { id: 'e-5', at: T0 + 18 * MIN, type: 'status', status: 'resolved', agentId: 'a-2' },
      ],
    });
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [resolved]), db, NOW);
    const rollups = await db.getAll('rollups');
    expect(rollups.map((r) => r.key).sort()).toEqual(['2026-11-24|*', '2026-11-24|a-1', '2026-11-24|a-2']);
    const everyone = rollups.find((r) => r.agentId === '*')!;
    expect(everyone.conversations).toBe(1);
    expect(everyone.replies).toBe(2);
    expect(everyone.resolutions).toBe(1);
    expect(everyone.firstResponse.calendar).toEqual([240]);
    expect(everyone.nextResponse.calendar).toEqual([360]);
    expect(everyone.resolution.calendar).toEqual([1080]);
    expect(everyone.repliesByHour[9]).toBe(2);
    const a1 = rollups.find((r) => r.agentId === 'a-1')!;
    expect([a1.replies, a1.resolutions, a1.firstResponse.calendar]).toEqual([1, 0, [240]]);
    const a2 = rollups.find((r) => r.agentId === 'a-2')!;
    expect([a2.replies, a2.resolutions, a2.nextResponse.calendar, a2.resolution.calendar]).toEqual([1, 1, [360], [1080]]);
  });

  it('plans a first-response clock from a list row that only knows waitingSince', async () => {
    const row = listRow('c-9', T0, T0);
    const { reply } = await handleContentMessage(batch('doc-aaaaaaaa', 0, [row]), db, T0 + 8 * MIN);
    expect(reply.plans).toEqual([
      {
        conversationId: 'c-9',
        unverified: false,
        waitingSince: T0,
        clocks: [
          { kind: 'firstResponse', startedAt: T0, dueAt: T0 + 10 * MIN, atRiskAt: T0 + 7.5 * MIN, stoppedAt: null, state: 'at_risk' },
        ],
        cues: { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 },
      },
    ]);
  });

  it('plans a next-response clock from a list row waiting since after creation', async () => {
    const row = listRow('c-8', T0, T0 + 30 * MIN);
    const { reply } = await handleContentMessage(batch('doc-aaaaaaaa', 0, [row]), db, T0 + 60 * MIN);
    expect(reply.plans[0].clocks).toEqual([
      {
        kind: 'nextResponse',
        startedAt: T0 + 30 * MIN,
        dueAt: T0 + 45 * MIN,
        atRiskAt: T0 + 41 * MIN + 15_000,
        stoppedAt: null,
        state: 'breached',
      },
    ]);
  });

  it('marks a conversation unverified when the adapter reports a missing field, and stores no guessed time', async () => {
    const row = listRow('c-7', T0, null, { missing: ['waitingSince'] });
    delete row.waitingSince;
    const { reply } = await handleContentMessage(batch('doc-aaaaaaaa', 0, [row]), db, NOW);
    expect(reply.plans[0].unverified).toBe(true);
    expect(reply.plans[0].clocks).toEqual([]);
    const stored = await db.get('conversations', conversationKey(HELPDESK, ORIGIN, 'c-7'));
    expect(stored?.unverified).toBe(true);
    expect(stored?.missingFromList).toEqual(['waitingSince']);
    expect('waitingSince' in stored!).toBe(false);

    // The next complete observation clears the mark.
    await handleContentMessage(batch('doc-aaaaaaaa', 1, [listRow('c-7', T0, null)]), db, NOW);
    const again = await db.get('conversations', conversationKey(HELPDESK, ORIGIN, 'c-7'));
    expect([again?.unverified, again?.waitingSince]).toEqual([false, null]);
  });

  it('keeps durations of unverified conversations out of rollup values but counts their replies', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1({ missing: ['event-time'] })]), db, NOW);
    const everyone = await db.get('rollups', '2026-11-24|*');
    expect([everyone?.replies, everyone?.firstResponse.calendar]).toEqual([1, []]);
  });

  it('rejects an invalid message with a clear error and stores nothing', async () => {
    const bad = { ...batch('doc-aaaaaaaa', 0, [viewC1()]), seq: -1 };
    const { reply } = await handleContentMessage(bad, db, NOW);
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/^invalid message: seq: too_small/);
    expect(reply.plans).toEqual([]);
    expect(await db.count('conversations')).toBe(0);
    const unknown = await handleContentMessage({ type: 'cs:nothing' }, db, NOW);
    expect(unknown.reply.error).toMatch(/^invalid message: type/);
  });

  it('stores activity spans once and extends a re-sent span', async () => {
    const span = { conversationId: 'c-1', agentId: 'a-1', start: T0 + 2 * MIN, end: T0 + 3 * MIN, kind: 'typing' as const };
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()], { activity: [span] }), db, NOW);
    await handleContentMessage(batch('doc-aaaaaaaa', 1, [], { activity: [{ ...span, end: T0 + 4 * MIN }] }), db, NOW);
    await handleContentMessage(batch('doc-aaaaaaaa', 2, [], { activity: [{ ...span, end: T0 + 4 * MIN }] }), db, NOW);
    const spans = await db.getAll('activity');
    expect(spans.map((s) => [s.key, s.end])).toEqual([['doc-aaaaaaaa|' + (T0 + 2 * MIN), T0 + 4 * MIN]]);
    const metrics = await db.get('metrics', KEY_C1);
    expect(metrics?.metrics.handleSeconds).toBe(120);
  });

  it('remembers the focused conversation and the signed-in agent', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()], { focusedConversationId: 'c-1' }), db, NOW);
    await handleContentMessage(batch('doc-aaaaaaaa', 1, [], { focusedConversationId: null }), db, NOW + 1);
    expect(await db.get('state', 'focus')).toEqual({
      conversationKey: KEY_C1,
      helpdesk: HELPDESK,
      origin: ORIGIN,
      conversationId: 'c-1',
      agentId: 'a-1',
      at: NOW,
    });
    expect(await db.get('state', 'agent')).toEqual({ helpdesk: HELPDESK, origin: ORIGIN, agentId: 'a-1', at: NOW + 1 });
  });

  it('answers cs:get-clock-plans for known ids', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, NOW);
    const { reply } = await handleContentMessage(
      { type: 'cs:get-clock-plans', helpdesk: HELPDESK, origin: ORIGIN, conversationIds: ['c-1', 'c-404'] },
      db,
      T0 + 22 * MIN,
    );
    expect(reply.ok).toBe(true);
    expect(reply.plans.map((p) => p.conversationId)).toEqual(['c-1']);
    expect(reply.plans[0].clocks.find((c) => c.kind === 'nextResponse')?.state).toBe('at_risk');
  });
});
