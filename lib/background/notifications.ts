/**
 * At-risk notifications: one per running clock, shown when it reaches its at-risk point
 * (before the breach). Pending notifications live in IndexedDB (written by the read model,
 * lib/storage/read-model.ts); a single alarm is kept set to the earliest one, so nothing
 * depends on the worker staying alive.
 */
import type { NotificationRecord } from '../storage/schema';
import type { ReplylineDb } from '../storage/db';
import { getSettings } from '../storage/settings';
import { isStale } from '../measure/freshness';
import { customerNames, getNames } from '../storage/names';

export const AT_RISK_ALARM = 'replyline:at-risk';

const KIND_LABEL: Record<NotificationRecord['kind'], string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

export interface NotificationApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string; priority?: number }): Promise<unknown>;
}
export interface AlarmApi {
  create(name: string, info: { when: number }): unknown;
  clear(name: string): Promise<unknown>;
}

function formatTime(t: number, timezone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: timezone }).format(t);
  } catch {
    return new Date(t).toISOString().slice(11, 16);
  }
}

/** `customer`: the customer's display name, only when Settings → Privacy allows customer names. */
export function notificationText(
  record: NotificationRecord,
  now: number,
  timezone: string,
  customer?: string,
): { title: string; message: string } {
  const minutes = Math.max(0, Math.round((record.dueAt - now) / 60_000));
  const which = customer ? `${customer} (${record.conversationId})` : record.conversationId;
  return {
    title: `${KIND_LABEL[record.kind]} at risk`,
    message: `Conversation ${which}: due at ${formatTime(record.dueAt, timezone)} (in ${minutes} min).`,
  };
}

/**
 * Shows every pending notification whose at-risk time has come and whose clock is not yet
 * breached (a clock first seen already breached is not announced late), then keeps the
 * alarm set to the next one. Records are marked shown before showing, so a restart mid-way
 * never repeats one. Returns the records shown.
 */
export async function deliverDueNotifications(
  db: ReplylineDb,
  now: number,
  notifications: NotificationApi,
  alarms: AlarmApi,
  iconUrl: string,
): Promise<NotificationRecord[]> {
  const settings = await getSettings(db);
  const tx = db.transaction(['notifications', 'conversations'], 'readwrite');
  const store = tx.objectStore('notifications');
  const due = await store.index('by-pending').getAll(IDBKeyRange.upperBound(now));
  const toShow: NotificationRecord[] = [];
  for (const record of due) {
    const { pendingAt: _pending, ...rest } = record;
    const done: NotificationRecord = { ...rest, notifiedAt: now };
    await store.put(done);
    // What no page showed for a while may be resolved by now (lib/measure/freshness.ts): not announced.
    const conversation = await tx.objectStore('conversations').get(record.conversationKey);
    const known = conversation !== undefined && conversation.status !== 'resolved' && !isStale(conversation, now);
    if (settings.notifications.atRisk && now < record.dueAt && known) toShow.push(done);
  }
  await tx.done;
  const customers = settings.showCustomerNames && toShow.length > 0 ? customerNames(await getNames(db)) : {};
  for (const record of toShow) {
    const { title, message } = notificationText(record, now, settings.calendar.timezone, customers[record.conversationKey]);
    try {
      await notifications.create(record.key, { type: 'basic', iconUrl, title, message, priority: 1 });
    } catch {
      // Notifications may be blocked by the user or the OS; the side panel still shows the state.
    }
  }
  await scheduleNextAlarm(db, alarms);
  return toShow;
}

/** Sets the single alarm to the earliest pending at-risk time, or clears it. */
export async function scheduleNextAlarm(db: ReplylineDb, alarms: AlarmApi): Promise<number | null> {
  const cursor = await db.transaction('notifications').store.index('by-pending').openCursor();
  const next = cursor?.value.pendingAt ?? null;
  if (next === null) {
    await alarms.clear(AT_RISK_ALARM);
  } else {
    alarms.create(AT_RISK_ALARM, { when: next });
  }
  return next;
}
