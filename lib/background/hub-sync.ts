/**
 * The worker's side of the team hub: sends the outbox (batches queued by ingest in the same
 * transaction as their facts) with `POST /v1/observations`, oldest first, and removes a batch only
 * after a 2xx. A worker stopped mid-send leaves the batches queued and an alarm set, so they are
 * sent again later; the hub takes a batch it already has as a duplicate (documentId + seq), so a
 * lost acknowledgement doubles nothing. Failures retry on an alarm with a growing delay.
 *
 * Supervisors' alerts are read with `GET /v1/alerts?since=` on an alarm (the worker cannot hold
 * the stream open while it sleeps) and shown as notifications; the team's names are cached.
 */
import { createHubClient, HubRequestError, type FetchLike, type HubClient } from '../hub/client';
import type { HubAlert } from '../hub/protocol';
import { agentNames, getNames, getSites, saveHubNames, siteConversationUrl } from '../storage/names';
import type { ReplylineDb } from '../storage/db';
import { getHubAlerts, getHubConnection, getHubSync, peekOutbox, removeFromOutbox, saveHubAlerts, saveHubSync } from '../storage/hub';
import type { HubAlertPreferences, HubConnectionState } from '../storage/schema';
import { getSettings } from '../storage/settings';

export const HUB_SYNC_ALARM = 'replyline:hub-sync';
export const HUB_POLL_ALARM = 'replyline:hub-poll';
/** Alerts and names are read this often while connected (Chrome's shortest alarm period is 30 s). */
export const POLL_PERIOD_MINUTES = 0.5;
/** At most this many batches per request (the API takes up to 500). */
export const MAX_BATCHES_PER_REQUEST = 100;
const SHOWN_KEEP = 500;

export interface HubAlarmApi {
  create(name: string, info: { when: number }): unknown;
  clear(name: string): Promise<unknown>;
}

export interface HubNotificationApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string; priority?: number }): Promise<unknown>;
}

export interface HubSyncDeps {
  fetch: FetchLike;
  alarms: HubAlarmApi;
  now(): number;
}

/** Retry delay after `failures` failed attempts in a row: 30 s, 1, 2, 4… minutes, at most 30 minutes. */
export function retryDelayMs(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), 30 * 60_000);
}

export function clientFor(connection: HubConnectionState, fetch: FetchLike): HubClient {
  return createHubClient({ hubUrl: connection.hubUrl, token: connection.token, fetch });
}

export interface FlushResult {
  /** Batches acknowledged by the hub in this flush. */
  acknowledged: number;
  /** Why the flush stopped early, in plain words (null when the outbox is empty or sharing is off). */
  error: string | null;
}

let flushing: Promise<FlushResult> | null = null;
let again = false;

/**
 * Sends everything queued, one request at a time. Calls made while a flush runs are folded into
 * one more pass after it (a batch queued meanwhile is sent without waiting for the alarm).
 */
export function flushOutbox(db: ReplylineDb, deps: HubSyncDeps): Promise<FlushResult> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    let total: FlushResult = { acknowledged: 0, error: null };
    do {
      again = false;
      const result = await flushOnce(db, deps);
      total = { acknowledged: total.acknowledged + result.acknowledged, error: result.error };
      if (result.error) break;
    } while (again);
    return total;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function flushOnce(db: ReplylineDb, deps: HubSyncDeps): Promise<FlushResult> {
  let acknowledged = 0;
  let limit = MAX_BATCHES_PER_REQUEST;
  for (;;) {
    const connection = await getHubConnection(db);
    if (!connection || connection.paused || connection.role !== 'agent') return { acknowledged, error: null };
    const records = await peekOutbox(db, limit);
    if (records.length === 0) {
      await deps.alarms.clear(HUB_SYNC_ALARM);
      return { acknowledged, error: null };
    }
    const sync = await getHubSync(db);
    // Set before sending: if the worker stops mid-request, this alarm sends the batches again.
    deps.alarms.create(HUB_SYNC_ALARM, { when: deps.now() + retryDelayMs(Math.max(1, sync.failures)) });
    try {
      const answer = await clientFor(connection, deps.fetch).postObservations(records.map((r) => r.batch));
      // Removed by id only after the 2xx: a batch queued meanwhile stays for the next request.
      await removeFromOutbox(
        db,
        records.map((r) => r.id!),
      );
      acknowledged += records.length;
      await saveHubSync(db, {
        lastSyncAt: deps.now(),
        sent: sync.sent + answer.accepted,
        duplicates: sync.duplicates + answer.duplicates,
        lastError: null,
        lastErrorAt: null,
        failures: 0,
        nextRetryAt: null,
      });
      // A limit lowered by a 413 stays for the rest of this flush.
    } catch (error) {
      if (error instanceof HubRequestError && error.failure === 'too-large' && records.length > 1) {
        // Fewer batches per request until one fits.
        limit = Math.max(1, Math.floor(records.length / 2));
        continue;
      }
      const message = error instanceof HubRequestError ? error.message : `Sending to the hub failed: ${String(error)}`;
      const failures = sync.failures + 1;
      const waitMs =
        error instanceof HubRequestError && error.retryAfterSeconds !== null
          ? Math.max(error.retryAfterSeconds * 1000, 30_000)
          : retryDelayMs(failures);
      const nextRetryAt = deps.now() + waitMs;
      deps.alarms.create(HUB_SYNC_ALARM, { when: nextRetryAt });
      await saveHubSync(db, { lastError: message, lastErrorAt: deps.now(), failures, nextRetryAt });
      return { acknowledged, error: message };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Alerts and names (polled)

const CLOCK_TEXT: Record<HubAlert['clock'], string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

/** Whether the supervisor's preferences want this alert shown. */
export function wantsAlert(alert: HubAlert, preferences: HubAlertPreferences): boolean {
  if (alert.kind === 'at_risk' ? !preferences.atRisk : !preferences.breached) return false;
  if (!preferences.clocks[alert.clock]) return false;
  if (preferences.channels.length > 0 && (alert.channel === null || !preferences.channels.includes(alert.channel))) return false;
  return true;
}

export const HUB_ALERT_NOTIFICATION_PREFIX = 'hub-alert|';

function formatTime(t: number, timezone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: timezone }).format(t);
  } catch {
    return new Date(t).toISOString().slice(11, 16);
  }
}

export function alertText(alert: HubAlert, names: Record<string, string>, timezone: string): { title: string; message: string } {
  const who = alert.assigneeId === null ? 'unassigned' : `assigned to ${names[alert.assigneeId] ?? alert.assigneeId}`;
  const title = `${CLOCK_TEXT[alert.clock]} ${alert.kind === 'breached' ? 'breached' : 'at risk'}`;
  const due = alert.kind === 'breached' ? `was due at ${formatTime(alert.dueAt, timezone)}` : `due at ${formatTime(alert.dueAt, timezone)}`;
  const channel = alert.channel ? ` (${alert.channel})` : '';
  return { title, message: `Conversation ${alert.conversationId}${channel}, ${who}: ${due}.` };
}

/** The notification id of an alert: its prefix, then the conversation's helpdesk page (what a click opens). */
export function alertNotificationId(alert: HubAlert, sites: Readonly<Record<string, string>> = {}): string {
  return `${HUB_ALERT_NOTIFICATION_PREFIX}${alert.id}|${siteConversationUrl(sites, alert.helpdesk, alert.origin, alert.conversationId) ?? ''}`;
}

/** The helpdesk page a clicked alert notification opens, or null for another notification. */
export function urlOfAlertNotification(notificationId: string): string | null {
  if (!notificationId.startsWith(HUB_ALERT_NOTIFICATION_PREFIX)) return null;
  const url = notificationId.slice(notificationId.indexOf('|', HUB_ALERT_NOTIFICATION_PREFIX.length) + 1);
  return /^https?:\/\//.test(url) ? url : null;
}

/**
 * Reads the team's names, then (supervisors and admins) the alerts fired since the last read, and
 * shows those the preferences want, each once. Returns the alerts shown.
 */
export async function pollHub(db: ReplylineDb, deps: HubSyncDeps, notifications: HubNotificationApi, iconUrl: string): Promise<HubAlert[]> {
  const connection = await getHubConnection(db);
  if (!connection) {
    await deps.alarms.clear(HUB_POLL_ALARM);
    return [];
  }
  const client = clientFor(connection, deps.fetch);
  try {
    const agents = await client.agents();
    const hubNames: Record<string, string> = {};
    for (const agent of agents.agents) if (agent.agentId) hubNames[agent.agentId] = agent.name;
    await saveHubNames(db, hubNames);
  } catch {
    // Agents may not list the team, or the hub is unreachable: the stored names stay.
  }
  if (connection.role === 'agent') return [];
  const state = (await getHubAlerts(db)) ?? { since: connection.connectedAt, shown: [] };
  let alerts: HubAlert[];
  try {
    // One millisecond back: an alert fired in the same millisecond as the last one read is not
    // missed (the ids already shown are skipped).
    alerts = await client.alerts(Math.max(0, state.since - 1));
  } catch (error) {
    await saveHubSync(db, {
      lastError: error instanceof HubRequestError ? error.message : String(error),
      lastErrorAt: deps.now(),
    });
    return [];
  }
  const shown = new Set(state.shown);
  const toShow = alerts.filter((alert) => !shown.has(alert.id) && wantsAlert(alert, connection.alerts));
  const since = alerts.reduce((max, alert) => Math.max(max, alert.firedAt), state.since);
  // Marked shown before showing: a restart mid-way never repeats one.
  await saveHubAlerts(db, { since, shown: [...state.shown, ...alerts.map((a) => a.id)].slice(-SHOWN_KEEP) });
  const timezone = (await getSettings(db)).calendar.timezone;
  // The hub's names first, then those helpdesk pages showed.
  const names = agentNames(await getNames(db));
  const sites = await getSites(db);
  for (const alert of toShow) {
    const { title, message } = alertText(alert, names, timezone);
    try {
      await notifications.create(alertNotificationId(alert, sites), { type: 'basic', iconUrl, title, message, priority: 2 });
    } catch {
      // Notifications blocked: the Team view still shows the queue.
    }
  }
  return toShow;
}
