/**
 * At-risk notifications: one per running clock, shown when it reaches its at-risk point
 * (before the breach). Pending notifications live in IndexedDB; a single alarm is kept set
 * to the earliest one, so nothing depends on the worker staying alive.
 */
import type { IDBPTransaction } from 'idb';
import type { ClockPlan } from '@/lib/messaging/protocol';
import type { ReplylineDB, NotificationRecord, StoreName } from '@/lib/storage/schema';
import type { ReplylineDb } from '@/lib/storage/db';
import { getSettings } from '@/lib/storage/settings';

export const AT_RISK_ALARM = 'replyline:at-risk';

const KIND_LABEL: Record<NotificationRecord['kind'], string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

export function notificationKey(conversationKey: string, kind: NotificationRecord['kind'], startedAt: number): string {
  return `${conversationKey}|${kind}|${startedAt}`;
}

type WriteTx = IDBPTransaction<ReplylineDB, StoreName[], 'readwrite'>;

/**
 * Inside the batch transaction: a pending record for each running clock with an at-risk
 * time; pending records of clocks that no longer run are dropped. Shown ones stay, so a clock
 * is never announced twice.
 */
export async function syncClockNotifications(tx: WriteTx, conversationKey: string, plan: ClockPlan): Promise<void> {
  const store = tx.objectStore('notifications');
  const existing = await store.index('by-conversation').getAll(conversationKey);
  const running = new Map<string, ClockPlan['clocks'][number]>();
  for (const clock of plan.clocks) {
    if (clock.stoppedAt === null && clock.atRiskAt !== null && clock.dueAt !== null) {
      running.set(notificationKey(conversationKey, clock.kind, clock.startedAt), clock);
    }
  }
  for (const record of existing) {
    if (record.notifiedAt === undefined && !running.has(record.key)) await store.delete(record.key);
  }
  const known = new Set(existing.map((r) => r.key));
  for (const [key, clock] of running) {
    if (known.has(key)) {
      const record = existing.find((r) => r.key === key)!;
      // A changed target moves the at-risk time of a clock not yet announced.
      if (record.notifiedAt === undefined && (record.atRiskAt !== clock.atRiskAt || record.dueAt !== clock.dueAt)) {
        await store.put({ ...record, atRiskAt: clock.atRiskAt!, dueAt: clock.dueAt!, pendingAt: clock.atRiskAt! });
      }
      continue;
    }
    await store.put({
      key,
      conversationKey,
      conversationId: plan.conversationId,
      kind: clock.kind,
      startedAt: clock.startedAt,
      atRiskAt: clock.atRiskAt!,
      dueAt: clock.dueAt!,
      pendingAt: clock.atRiskAt!,
    });
  }
}

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

export function notificationText(record: NotificationRecord, now: number, timezone: string): { title: string; message: string } {
  const minutes = Math.max(0, Math.round((record.dueAt - now) / 60_000));
  return {
    title: `${KIND_LABEL[record.kind]} at risk`,
    message: `Conversation ${record.conversationId}: due at ${formatTime(record.dueAt, timezone)} (in ${minutes} min).`,
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
  const tx = db.transaction('notifications', 'readwrite');
  const due = await tx.store.index('by-pending').getAll(IDBKeyRange.upperBound(now));
  const toShow: NotificationRecord[] = [];
  for (const record of due) {
    const { pendingAt: _pending, ...rest } = record;
    const done: NotificationRecord = { ...rest, notifiedAt: now };
    await tx.store.put(done);
    if (settings.notifications.atRisk && now < record.dueAt) toShow.push(done);
  }
  await tx.done;
  for (const record of toShow) {
    const { title, message } = notificationText(record, now, settings.calendar.timezone);
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
