/**
 * The worker's listeners, registered synchronously at start so that a message or alarm that
 * wakes a stopped worker is never missed. All state is in IndexedDB.
 */
import { browser } from 'wxt/browser';
import { spHubChangedSchema, spSettingsChangedSchema, type BgDataChanged, type SettingsChangedReply } from '../messaging/protocol';
import { getDb, requestPersistence } from '../storage/db';
import { handleContentMessage } from './ingest';
import { answerStaleOpen } from './reconcile';
import { keepReadModelCurrent } from './read-model-upkeep';
import { AT_RISK_ALARM, deliverDueNotifications, type AlarmApi, type NotificationApi } from './notifications';
import { NOTIFICATION_ICON } from './icon';
import { startHelpdeskAccess } from './helpdesk-access';
import { browserToolbarApis, startToolbarButton } from './toolbar';
import { purgeOlderThan, RETENTION_ALARM } from '../storage/retention';
import { getSettings } from '../storage/settings';
import { getHubConnection, outboxSize } from '../storage/hub';
import {
  flushOutbox,
  HUB_POLL_ALARM,
  HUB_SYNC_ALARM,
  pollHub,
  POLL_PERIOD_MINUTES,
  urlOfAlertNotification,
  type HubSyncDeps,
} from './hub-sync';
import { deliverWeeklyReview, nextReviewTime, reviewQueryOf, WEEK_MINUTES, WEEKLY_REVIEW_ALARM } from './weekly-review';

function isContentMessage(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string' &&
    (message as { type: string }).type.startsWith('cs:')
  );
}

const alarms: AlarmApi = {
  create: (name, info) => browser.alarms.create(name, info),
  clear: (name) => browser.alarms.clear(name),
};
const notifications: NotificationApi = {
  create: (id, options) => browser.notifications.create(id, options),
};
const hubDeps: HubSyncDeps = {
  fetch: (input, init) => fetch(input, init),
  alarms: {
    create: (name, info) => browser.alarms.create(name, info),
    clear: (name) => browser.alarms.clear(name),
  },
  now: () => Date.now(),
};

/** Sends the outbox now (failures are recorded for Settings → Team and retried on the alarm). */
function syncHub(): void {
  void getDb()
    .then((db) => flushOutbox(db, hubDeps))
    .catch((error: unknown) => console.warn('Replyline: hub sync failed', error));
}

function pollHubNow(): void {
  void getDb()
    .then((db) => pollHub(db, hubDeps, notifications, NOTIFICATION_ICON))
    .catch(() => undefined);
}

/** While connected, alerts and names are read on a repeating alarm; without a hub, no alarm. */
async function resumeHub(): Promise<void> {
  const db = await getDb();
  const connection = await getHubConnection(db);
  if (!connection) {
    await browser.alarms.clear(HUB_POLL_ALARM);
    await browser.alarms.clear(HUB_SYNC_ALARM);
    return;
  }
  if (!(await browser.alarms.get(HUB_POLL_ALARM)))
    await browser.alarms.create(HUB_POLL_ALARM, { delayInMinutes: POLL_PERIOD_MINUTES, periodInMinutes: POLL_PERIOD_MINUTES });
  pollHubNow();
  if ((await outboxSize(db)) > 0) syncHub();
}

/** Stored data changed: tell open extension pages to re-read (nobody listening is fine). */
function broadcastDataChanged(conversationKeys: string[]): void {
  const message: BgDataChanged = { type: 'bg:data-changed', conversationKeys };
  try {
    Promise.resolve(browser.runtime.sendMessage(message)).catch(() => undefined);
  } catch {
    // "Receiving end does not exist" when no side panel is open.
  }
}

export async function handleMessage(message: unknown) {
  const db = await getDb();
  // A question, not observations: answered from storage, nothing written.
  if ((message as { type?: unknown }).type === 'cs:get-stale-open') return answerStaleOpen(message, db, Date.now());
  const { reply, changed, queued } = await handleContentMessage(message, db, Date.now());
  if (queued) syncHub();
  if (changed.length > 0) {
    broadcastDataChanged(changed);
    await deliverDueNotifications(db, Date.now(), notifications, alarms, NOTIFICATION_ICON).catch(() => undefined);
  }
  return reply;
}

/** Deletes observed data past the retention period (daily alarm). */
async function applyRetention(): Promise<void> {
  const db = await getDb();
  const settings = await getSettings(db);
  const purged = await purgeOlderThan(db, settings.retentionDays, Date.now(), settings);
  if (Object.keys(purged).length > 0) broadcastDataChanged([]);
}

/**
 * Settings were saved: when they change what is measured, everything stored is measured again
 * and open views re-read; pending notifications follow the new targets.
 */
async function applySettingsChange(): Promise<SettingsChangedReply> {
  try {
    const db = await getDb();
    const remeasured = await keepReadModelCurrent(db);
    if (remeasured > 0) {
      broadcastDataChanged([]);
      await deliverDueNotifications(db, Date.now(), notifications, alarms, NOTIFICATION_ICON).catch(() => undefined);
    }
    return { ok: true, remeasured };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * On every worker start: the read model is rebuilt when it is not current (a newer version, or
 * a rebuild cut short), and the alarm is recreated from the stored pending notifications.
 */
async function resume(): Promise<void> {
  await requestPersistence();
  const db = await getDb();
  if ((await keepReadModelCurrent(db)) > 0) broadcastDataChanged([]);
  await deliverDueNotifications(db, Date.now(), notifications, alarms, NOTIFICATION_ICON);
  await resumeHub().catch(() => undefined);
  // Alarms survive worker restarts; create the daily one only when it is missing.
  if (!(await browser.alarms.get(RETENTION_ALARM)))
    await browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
  // The weekly review reminder fires every Monday morning; it only notifies when turned on.
  if (!(await browser.alarms.get(WEEKLY_REVIEW_ALARM))) {
    const settings = await getSettings(db);
    await browser.alarms.create(WEEKLY_REVIEW_ALARM, {
      when: nextReviewTime(Date.now(), settings.calendar.timezone),
      periodInMinutes: WEEK_MINUTES,
    });
  }
}

export function startBackground(): Promise<void> {
  startToolbarButton(browserToolbarApis());

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Firefox answers with the Promise a listener returns; Chrome's types declare only sendResponse
  browser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse?: (response: unknown) => void) => {
    // Only content-script requests are answered here; our own bg: broadcasts come back in tests.
    if (!isContentMessage(message)) return undefined;
    const done = handleMessage(message);
    if (typeof sendResponse === 'function') {
      void done.then(sendResponse);
      return true;
    }
    return done;
  });

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Firefox answers with the Promise a listener returns; Chrome's types declare only sendResponse
  browser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse?: (response: unknown) => void) => {
    if (!spSettingsChangedSchema.safeParse(message).success) return undefined;
    const done = applySettingsChange();
    if (typeof sendResponse === 'function') {
      void done.then(sendResponse);
      return true;
    }
    return done;
  });

  browser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse?: (response: unknown) => void) => {
    if (!spHubChangedSchema.safeParse(message).success) return undefined;
    const done = resumeHub().then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    if (typeof sendResponse === 'function') {
      void done.then(sendResponse);
      return true;
    }
    return done;
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === HUB_SYNC_ALARM) {
      syncHub();
      return;
    }
    if (alarm.name === HUB_POLL_ALARM) {
      pollHubNow();
      return;
    }
    if (alarm.name === RETENTION_ALARM) {
      void applyRetention().catch((error: unknown) => console.warn('Replyline: retention purge failed', error));
      return;
    }
    if (alarm.name === WEEKLY_REVIEW_ALARM) {
      void getDb()
        .then((db) => deliverWeeklyReview(db, Date.now(), notifications, NOTIFICATION_ICON))
        .catch(() => undefined);
      return;
    }
    if (alarm.name !== AT_RISK_ALARM) return;
    void getDb()
      .then((db) => deliverDueNotifications(db, Date.now(), notifications, alarms, NOTIFICATION_ICON))
      .catch(() => undefined);
  });

  browser.notifications?.onClicked?.addListener((notificationId: string) => {
    const alertUrl = urlOfAlertNotification(notificationId);
    if (alertUrl !== null) {
      void browser.tabs.create({ url: alertUrl });
      void browser.notifications.clear(notificationId);
      return;
    }
    const query = reviewQueryOf(notificationId);
    if (query === null) return;
    void browser.tabs.create({ url: `${browser.runtime.getURL('/review.html')}?${query}` });
    void browser.notifications.clear(notificationId);
  });

  startHelpdeskAccess();

  browser.runtime.onStartup.addListener(() => void resume().catch(() => undefined));
  browser.runtime.onInstalled.addListener(() => void resume().catch(() => undefined));
  return resume().catch(() => undefined);
}
