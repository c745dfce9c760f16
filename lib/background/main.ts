/**
 * The worker's listeners, registered synchronously at start so that a message or alarm that
 * wakes a stopped worker is never missed. All state is in IndexedDB.
 */
import { browser } from 'wxt/browser';
import {
  conversationKey,
  type BgDataChanged,
  type CsGetClockPlans,
  type CsObservations,
  type SettingsChangedReply,
} from '../messaging/protocol';
import { MessageRouter, fromExtensionPage, type MessageSender } from '../messaging/router';
import { getDb, requestPersistence } from '../storage/db';
import { deleteCustomerNamesUnlessAllowed, deleteHubNamesUnlessConnected } from '../storage/names';
import { readRecipes } from '../storage/recipes';
import { urlMatches } from '../adapters/recipe/match-pattern';
import { hostPattern } from '../adapters/framework/host-patterns';
import { handleValidContentMessage } from './ingest';
import { answerStaleOpen } from './reconcile';
import { keepReadModelCurrent } from './read-model-upkeep';
import { AT_RISK_ALARM, deliverDueNotifications, type AlarmApi, type NotificationApi } from './notifications';
import { NOTIFICATION_ICON } from './icon';
import { registerHelpdeskAccess, startHelpdeskAccess } from './helpdesk-access';
import { contentSenderRefusal, type GrantSources } from './senders';
import { StorageFaults, STORAGE_FAULT_NOTIFICATION } from './storage-fault';
import { TabTracker, type SessionArea } from './tab-tracker';
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
    // Disconnected (the panel deleted the connection): the team's names go too.
    await deleteHubNamesUnlessConnected(db);
    await browser.alarms.clear(HUB_POLL_ALARM);
    await browser.alarms.clear(HUB_SYNC_ALARM);
    return;
  }
  if (!(await browser.alarms.get(HUB_POLL_ALARM)))
    await browser.alarms.create(HUB_POLL_ALARM, { delayInMinutes: POLL_PERIOD_MINUTES, periodInMinutes: POLL_PERIOD_MINUTES });
  pollHubNow();
  if ((await outboxSize(db)) > 0) syncHub();
}

function sessionArea(): SessionArea | null {
  const session = browser.storage?.session;
  if (!session) return null;
  return {
    get: (key) => session.get<Record<string, unknown>>(key),
    set: (items) => session.set(items),
  };
}

/** The extension's own pages start with this (`chrome-extension://<id>/`). */
const extensionBase = (): string => browser.runtime.getURL('/' as Parameters<typeof browser.runtime.getURL>[0]);
const tabs = new TabTracker(sessionArea());
const faults = new StorageFaults(
  sessionArea(),
  browser.notifications
    ? { create: (id, options) => browser.notifications.create(id, options), clear: (id) => browser.notifications.clear(id) }
    : null,
  NOTIFICATION_ICON,
);
const grants: GrantSources = {
  bindings: async () => (await getSettings(await getDb())).helpdeskBindings,
  recipes: () => readRecipes(),
  containsOrigin: (pattern) => browser.permissions.contains({ origins: [pattern] }),
};

/**
 * Stored data changed: the tabs that observed these conversations ask for fresh plans, open
 * extension pages re-read. Empty keys: anything may have changed (every observing tab).
 */
export async function pushDataChanged(conversationKeys: string[]): Promise<void> {
  const message: BgDataChanged = { type: 'bg:data-changed', conversationKeys };
  try {
    Promise.resolve(browser.runtime.sendMessage(message)).catch(() => undefined);
  } catch {
    // "Receiving end does not exist" when no extension page is open.
  }
  for (const target of await tabs.targets(conversationKeys)) {
    const forTab: BgDataChanged = { type: 'bg:data-changed', conversationKeys: target.keys };
    // A page that is gone (or navigated away from the helpdesk) is forgotten.
    const forget = () => void tabs.forgetFrame(target.tabId, target.frameId);
    try {
      Promise.resolve(browser.tabs.sendMessage(target.tabId, forTab, { frameId: target.frameId })).catch(forget);
    } catch {
      forget();
    }
  }
}

/** The conversations a content-script message is about. */
function keysOf(message: CsObservations | CsGetClockPlans): string[] {
  const { helpdesk, origin } = message;
  if (message.type === 'cs:get-clock-plans') return message.conversationIds.map((id) => conversationKey(helpdesk, origin, id));
  const ids = new Set(message.conversations.map((c) => c.conversationId));
  if (typeof message.focusedConversationId === 'string') ids.add(message.focusedConversationId);
  return [...ids].map((id) => conversationKey(helpdesk, origin, id));
}

export async function handleContentRequest(message: CsObservations | CsGetClockPlans, sender: MessageSender) {
  const db = await getDb();
  if (sender.tab?.id !== undefined)
    await tabs.note(sender.tab.id, sender.frameId ?? 0, message.type === 'cs:observations' ? message.documentId : null, keysOf(message));
  const { reply, changed, failure, queued } = await handleValidContentMessage(message, db, Date.now());
  if (failure !== undefined) await faults.failed(failure, Date.now());
  else if (message.type === 'cs:observations') await faults.recovered();
  if (queued) syncHub();
  if (changed.length > 0) {
    await pushDataChanged(changed);
    await deliverDueNotifications(db, Date.now(), notifications, alarms, NOTIFICATION_ICON).catch(() => undefined);
  }
  return reply;
}

/** The worker's one router: every module registers the requests it answers, each with its sender check. */
export function createWorkerRouter(): MessageRouter {
  const router = new MessageRouter({
    onRefused: (type, reason) => console.warn(`Replyline: ${type} refused: ${reason}`),
  });
  const fromContentScript = (sender: MessageSender, claim: { helpdesk: string; origin: string }) =>
    contentSenderRefusal(sender, claim, extensionBase(), grants);
  router.on('cs:observations', { accept: fromContentScript, handle: handleContentRequest });
  router.on('cs:get-clock-plans', { accept: fromContentScript, handle: handleContentRequest });
  router.on('sp:data-changed', {
    accept: fromExtensionPage(extensionBase()),
    handle: async (message) => {
      await pushDataChanged(message.conversationKeys);
      return { ok: true };
    },
  });
  router.on('cs:get-stale-open', {
    accept: fromContentScript,
    // A question, not observations: answered from storage, nothing written.
    handle: async (message) => answerStaleOpen(message, await getDb(), Date.now()),
  });
  router.on('sp:settings-changed', { accept: fromExtensionPage(extensionBase()), handle: () => applySettingsChange() });
  router.on('sp:purge-now', {
    accept: fromExtensionPage(extensionBase()),
    handle: () =>
      applyRetention().then(
        (deleted) => ({ ok: true as const, deleted }),
        (error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) }),
      ),
  });
  router.on('sp:hub-changed', {
    accept: fromExtensionPage(extensionBase()),
    handle: () =>
      resumeHub().then(
        () => ({ ok: true }),
        (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      ),
  });
  router.on('cs:get-recipe', {
    // Any web page's tab may ask; the answer depends only on the page's own URL, and only a
    // recipe whose pattern covers it and is granted is given.
    accept: (sender) =>
      sender.tab?.id === undefined || !sender.url || sender.url.startsWith(extensionBase()) ? 'not from a web page tab' : null,
    handle: async (_message, sender) => {
      const url = sender.url!;
      for (const recipe of await readRecipes())
        for (const pattern of recipe.matches)
          if (urlMatches([pattern], url) && (await grants.containsOrigin(hostPattern(pattern))))
            return { ok: true, recipe: recipe as unknown as Record<string, unknown> };
      return { ok: true };
    },
  });
  registerHelpdeskAccess(router, extensionBase());
  return router;
}

/** Deletes observed data past the retention period (daily alarm, or asked by a page); returns how many records. */
async function applyRetention(): Promise<number> {
  const db = await getDb();
  const settings = await getSettings(db);
  const purged = await purgeOlderThan(db, settings.retentionDays, Date.now(), settings);
  if (Object.keys(purged).length > 0) await pushDataChanged([]);
  return Object.values(purged).reduce((sum, n) => sum + (n ?? 0), 0);
}

/**
 * Settings were saved: when they change what is measured, everything stored is measured again
 * and open views re-read; pending notifications follow the new targets.
 */
async function applySettingsChange(): Promise<SettingsChangedReply> {
  try {
    const db = await getDb();
    await deleteCustomerNamesUnlessAllowed(db);
    const remeasured = await keepReadModelCurrent(db);
    if (remeasured > 0) {
      await pushDataChanged([]);
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
  // A settings change the worker did not hear of (it was stopped) still deletes customer names.
  await deleteCustomerNamesUnlessAllowed(db);
  if ((await keepReadModelCurrent(db)) > 0) await pushDataChanged([]);
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

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the browser answers with the Promise a listener returns (Firefox; wxt's polyfill in Chrome)
  browser.runtime.onMessage.addListener(createWorkerRouter().listener);
  browser.tabs?.onRemoved?.addListener((tabId: number) => void tabs.forgetTab(tabId));

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
    if (notificationId === STORAGE_FAULT_NOTIFICATION) {
      // The panel says what happened and offers the retention purge.
      void browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
      return;
    }
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
