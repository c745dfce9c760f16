/**
 * The worker's half of keeping the live queue true: what pages report as seen, which
 * conversations a page is told to ask its helpdesk about, and no at-risk notification for what
 * nobody has seen for a while or the helpdesk says is resolved.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import { deliverDueNotifications, scheduleNextAlarm, type AlarmApi, type NotificationApi } from '../../../lib/background/notifications';
import { answerStaleOpen } from '../../../lib/background/reconcile';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { saveSettings } from '../../../lib/storage/settings';
import { conversationKey, type CsStaleOpen } from '../../../lib/messaging/protocol';
import { HELPDESK, MIN, ORIGIN, T0, batch, listRow, viewC1 } from '../../fixtures/storage/observations';

const DB = 'replyline-reconcile-test';
let db: ReplylineDb;
let shown: string[];
const notifications: NotificationApi = {
  async create(id) {
    shown.push(id);
    return id;
  },
};
const alarms: AlarmApi = { create() {}, clear: async () => true };

beforeEach(async () => {
  shown = [];
  db = await openReplylineDb({ name: DB });
  await saveSettings(db, { calendar: { timezone: 'UTC', week: { tue: [['00:00', '24:00']] }, holidays: [] } });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

const question = (extra: Partial<CsStaleOpen> = {}): CsStaleOpen => ({
  type: 'cs:get-stale-open',
  helpdesk: HELPDESK,
  origin: ORIGIN,
  departed: [],
  visible: [],
  limit: 10,
  ...extra,
});

describe('seen reports', () => {
  it('note the conversations a page still shows without measuring anything again', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [listRow('c-1', T0, T0)]), db, T0 + MIN);
    const record = await db.get('conversations', conversationKey(HELPDESK, ORIGIN, 'c-1'));
    expect([record?.updatedAt, record?.seenAt]).toEqual([T0 + MIN, T0 + MIN]);

    const { changed, reply } = await handleContentMessage(batch('doc-aaaaaaaa', 1, [], { seen: ['c-1', 'c-404'] }), db, T0 + 3 * MIN);
    expect(reply.ok).toBe(true);
    expect(changed).toEqual([]);
    const after = await db.get('conversations', conversationKey(HELPDESK, ORIGIN, 'c-1'));
    expect([after?.updatedAt, after?.seenAt]).toEqual([T0 + MIN, T0 + 3 * MIN]);
    // An id the worker never stored is not invented.
    expect(await db.get('conversations', conversationKey(HELPDESK, ORIGIN, 'c-404'))).toBeUndefined();
  });
});

describe('which conversations a page asks about', () => {
  beforeEach(async () => {
    await handleContentMessage(
      batch('doc-aaaaaaaa', 0, [
        listRow('c-1', T0, T0),
        listRow('c-3', T0, null, { status: 'resolved' }),
        listRow('c-4', T0, null, { status: 'pending' }),
      ]),
      db,
      T0 + 10 * MIN,
    );
    await handleContentMessage(batch('doc-aaaaaaaa', 1, [listRow('c-6', T0, null, { status: 'snoozed' })]), db, T0 + 12 * MIN);
    await handleContentMessage(batch('doc-aaaaaaaa', 2, [listRow('c-2', T0, T0)]), db, T0 + 20 * MIN);
    await handleContentMessage({ ...batch('doc-bbbbbbbb', 0, [listRow('c-5', T0, T0)]), origin: 'http://other.test' }, db, T0 + MIN);
  });

  it('names those believed open that nobody showed for a minute, longest unseen first, never a visible one', async () => {
    const now = T0 + 20 * MIN + 30_000;
    // c-2 was seen 30 s ago; c-3 is resolved; c-5 belongs to another origin; c-4 is on the page.
    expect(await answerStaleOpen(question({ visible: ['c-4'] }), db, now)).toEqual({ ok: true, conversationIds: ['c-1', 'c-6'] });
    expect(await answerStaleOpen(question(), db, now)).toEqual({ ok: true, conversationIds: ['c-1', 'c-4', 'c-6'] });
  });

  it('puts what the page just stopped showing first, however recently seen, and keeps to the limit', async () => {
    const now = T0 + 20 * MIN + 30_000;
    expect(await answerStaleOpen(question({ departed: ['c-2', 'c-3'] }), db, now)).toEqual({
      ok: true,
      conversationIds: ['c-2', 'c-1', 'c-4', 'c-6'],
    });
    expect(await answerStaleOpen(question({ departed: ['c-2'], limit: 2 }), db, now)).toEqual({
      ok: true,
      conversationIds: ['c-2', 'c-1'],
    });
  });

  it('refuses a malformed question', async () => {
    expect(await answerStaleOpen({ ...question(), limit: 0 }, db, T0)).toEqual({
      ok: false,
      error: 'invalid message: cs:get-stale-open',
      conversationIds: [],
    });
  });
});

describe('notifications of what is not known any more', () => {
  it('a clock nobody saw for five minutes is not announced', async () => {
    // Waiting since T0: first response at risk at +7.5 min. Last seen at +1 min.
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [listRow('c-9', T0, T0)]), db, T0 + MIN);
    expect(await scheduleNextAlarm(db, alarms)).toBe(T0 + 7.5 * MIN);
    await deliverDueNotifications(db, T0 + 7.5 * MIN, notifications, alarms, 'icon');
    expect(shown).toEqual([]);
    expect(await scheduleNextAlarm(db, alarms)).toBeNull();
  });

  it('the same clock seen two and a half minutes before is announced', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [listRow('c-9', T0, T0)]), db, T0 + MIN);
    await handleContentMessage(batch('doc-aaaaaaaa', 1, [], { seen: ['c-9'] }), db, T0 + 5 * MIN);
    await deliverDueNotifications(db, T0 + 7.5 * MIN, notifications, alarms, 'icon');
    expect(shown).toEqual([`${conversationKey(HELPDESK, ORIGIN, 'c-9')}|firstResponse|${T0}`]);
  });

  it('the helpdesk saying resolved drops the running clocks’ notifications, even without a resolution event', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, T0 + 20 * MIN);
    expect(await scheduleNextAlarm(db, alarms)).toBe(T0 + 21 * MIN + 15_000);
    await handleContentMessage(batch('doc-cccccccc', 0, [{ conversationId: 'c-1', status: 'resolved' }]), db, T0 + 20 * MIN + 30_000);
    expect(await scheduleNextAlarm(db, alarms)).toBeNull();
  });
});
