import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import {
  AT_RISK_ALARM,
  deliverDueNotifications,
  scheduleNextAlarm,
  type AlarmApi,
  type NotificationApi,
} from '../../../lib/background/notifications';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { saveSettings } from '../../../lib/storage/settings';
import { conversationKey } from '../../../lib/messaging/protocol';
import { HELPDESK, MIN, ORIGIN, T0, batch, listRow, viewC1 } from '../../fixtures/storage/observations';

const DB = 'replyline-notifications-test';
let db: ReplylineDb;
let shown: { id: string; title: string; message: string }[];
let alarm: { name: string; when: number } | null;
const notifications: NotificationApi = {
  async create(id, options) {
    shown.push({ id, title: options.title, message: options.message });
    return id;
  },
};
const alarms: AlarmApi = {
  create(name, info) {
    alarm = { name, when: info.when };
  },
  async clear() {
    alarm = null;
    return true;
  },
};
const KEY_C1 = conversationKey(HELPDESK, ORIGIN, 'c-1');

beforeEach(async () => {
  shown = [];
  alarm = null;
  db = await openReplylineDb({ name: DB });
  await saveSettings(db, { calendar: { timezone: 'UTC', week: { tue: [['00:00', '24:00']] }, holidays: [] } });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

describe('at-risk notifications', () => {
  it('schedules the alarm at the earliest at-risk time and notifies once, before the breach', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()]), db, T0 + 20 * MIN);
    expect(await scheduleNextAlarm(db, alarms)).toBe(T0 + 21 * MIN + 15_000);
    expect(alarm).toEqual({ name: AT_RISK_ALARM, when: T0 + 21 * MIN + 15_000 });

    // Too early: nothing shown, alarm unchanged.
    expect(await deliverDueNotifications(db, T0 + 21 * MIN, notifications, alarms, 'icon')).toEqual([]);
    // The alarm fires at the at-risk point of the next-response clock (due at +25 min).
    await deliverDueNotifications(db, T0 + 21 * MIN + 15_000, notifications, alarms, 'icon');
    expect(shown).toEqual([
      {
        id: `${KEY_C1}|nextResponse|${T0 + 10 * MIN}`,
        title: 'Next response at risk',
        message: 'Conversation c-1: due at 09:25 (in 4 min).',
      },
    ]);
    // Next pending: the resolution clock at +90 min.
    expect(alarm).toEqual({ name: AT_RISK_ALARM, when: T0 + 90 * MIN });

    // Re-delivery and re-ingest of the same clock never notify again.
    await deliverDueNotifications(db, T0 + 22 * MIN, notifications, alarms, 'icon');
    await handleContentMessage(batch('doc-aaaaaaaa', 1, [viewC1()]), db, T0 + 23 * MIN);
    await deliverDueNotifications(db, T0 + 23 * MIN, notifications, alarms, 'icon');
    expect(shown).toHaveLength(1);
  });

  it('names the customer only when customer names are allowed', async () => {
    const names = { agents: [], customers: [{ conversationId: 'c-1', name: 'Ada Lovelace' }] };
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()], { names }), db, T0 + 20 * MIN);
    await deliverDueNotifications(db, T0 + 21 * MIN + 15_000, notifications, alarms, 'icon');
    expect(shown.map((s) => s.message)).toEqual(['Conversation c-1: due at 09:25 (in 4 min).']);

    shown = [];
    db.close();
    await deleteDB(DB);
    db = await openReplylineDb({ name: DB });
    await saveSettings(db, { showCustomerNames: true, calendar: { timezone: 'UTC', week: { tue: [['00:00', '24:00']] }, holidays: [] } });
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [viewC1()], { names }), db, T0 + 20 * MIN);
    await deliverDueNotifications(db, T0 + 21 * MIN + 15_000, notifications, alarms, 'icon');
    expect(shown.map((s) => s.message)).toEqual(['Conversation Ada Lovelace (c-1): due at 09:25 (in 4 min).']);
  });

  it('drops a pending notification when the clock stops (the agent replied)', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [listRow('c-9', T0, T0)]), db, T0 + 1 * MIN);
    expect(await scheduleNextAlarm(db, alarms)).toBe(T0 + 7.5 * MIN);
    await handleContentMessage(batch('doc-aaaaaaaa', 1, [listRow('c-9', T0, null)]), db, T0 + 2 * MIN);
    expect(await scheduleNextAlarm(db, alarms)).toBeNull();
    expect(alarm).toBeNull();
    await deliverDueNotifications(db, T0 + 8 * MIN, notifications, alarms, 'icon');
    expect(shown).toEqual([]);
  });

  it('does not announce a clock first seen already breached, and respects the setting', async () => {
    await handleContentMessage(batch('doc-aaaaaaaa', 0, [listRow('c-9', T0, T0)]), db, T0 + 30 * MIN);
    await deliverDueNotifications(db, T0 + 30 * MIN, notifications, alarms, 'icon');
    expect(shown).toEqual([]);

    await saveSettings(db, { notifications: { atRisk: false } });
    await handleContentMessage(batch('doc-aaaaaaaa', 1, [listRow('c-5', T0 + 30 * MIN, T0 + 30 * MIN)]), db, T0 + 30 * MIN);
    await deliverDueNotifications(db, T0 + 38 * MIN, notifications, alarms, 'icon');
    expect(shown).toEqual([]);
  });
});
