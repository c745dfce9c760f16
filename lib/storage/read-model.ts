/**
 * The read model: every store derived from the observed facts — `metrics`, the side panel's
 * compact `panelMetrics`, the day `rollups` and the pending at-risk `notifications` — is
 * written here and nowhere else. The worker calls it for ingest, restore, retention and
 * settings changes; the side panel only reads. Facts (conversations, events, activity) are
 * the source of truth: any derived store can be rebuilt from them, and is, whenever the
 * stamp below (read-model version + the settings it was measured under) no longer matches.
 */
import type { IDBPTransaction } from 'idb';
import type { ClockPlan } from '../messaging/protocol';
import { toPanelMetricsRecord } from '../measure/compact-metrics';
import { measureStored, type MeasuredConversation, type StoredConversation } from '../measure/measure-stored';
import { buildDayRollups, daysTouched } from '../measure/rollups';
import type { Settings } from '../settings/model';
import { isStale } from '../measure/freshness';
import type { ConversationRecord } from '../measure/stored';
import type { ReplylineDb } from './db';
import type { MetricsRecord, ReadModelStamp, ReplylineDB, StoreName } from './schema';

/**
 * Bump when what is derived changes (engine rules, record shapes): stored derived records are
 * then rebuilt from the facts at the next worker start.
 */
export const READ_MODEL_VERSION = 3;
export const READ_MODEL_STATE_KEY = 'readModel';

/** The stores measuring reads and writes, in one transaction. */
export const MEASURE_STORES: StoreName[] = ['conversations', 'events', 'activity', 'metrics', 'panelMetrics', 'rollups', 'notifications'];

export type MeasureTx = IDBPTransaction<ReplylineDB, StoreName[], 'readwrite'>;
type ReadTx = IDBPTransaction<ReplylineDB, StoreName[], 'readonly' | 'readwrite'>;

/** The settings that change measured numbers; anything else (checklists, retention…) does not. */
export function measuringFingerprint(settings: Settings): string {
  return JSON.stringify([settings.profile, settings.targets, settings.targetRules, settings.calendar, settings.longWaitSeconds ?? null]);
}

/** One conversation's stored facts, read in `tx`; null when no record exists. */
export async function readStored(tx: ReadTx, key: string): Promise<StoredConversation | null> {
  const [record, events, activity] = await Promise.all([
    tx.objectStore('conversations').get(key),
    tx.objectStore('events').index('by-conversation').getAll(key),
    tx.objectStore('activity').index('by-conversation').getAll(key),
  ]);
  return record ? { record, events, activity } : null;
}

/**
 * Measures the conversations from what `tx` holds and writes everything derived from them:
 * their metrics and compact copies (deleted when no longer measurable), the rollups of every
 * day they touched before or touch now, and their pending notifications.
 */
export async function remeasure(
  tx: MeasureTx,
  keys: readonly string[],
  settings: Settings,
  now: number,
): Promise<Map<string, MeasuredConversation>> {
  const measured = new Map<string, MeasuredConversation>();
  const days = new Set<string>();
  for (const key of new Set(keys)) {
    const stored = await readStored(tx, key);
    if (!stored) continue;
    const result = measureStored(stored, settings, now);
    if (result.error) console.warn('Replyline: could not measure', key, result.error);
    for (const day of await putMetrics(tx, result, settings, now)) days.add(day);
    await syncClockNotifications(tx, key, result.plan, result.record, now);
    measured.set(key, result);
  }
  await rebuildRollups(tx, days, settings, now);
  return measured;
}

/** Writes one measured conversation's metrics and compact copy; returns the days touched before and now. */
async function putMetrics(tx: MeasureTx, measured: MeasuredConversation, settings: Settings, now: number): Promise<string[]> {
  const metricsStore = tx.objectStore('metrics');
  const previous = await metricsStore.get(measured.key);
  const days = [...(previous?.days ?? [])];
  if (measured.metrics) {
    const record: MetricsRecord = {
      key: measured.key,
      helpdesk: measured.record.helpdesk,
      origin: measured.record.origin,
      metrics: measured.metrics,
      measuredAt: now,
      days: daysTouched(measured.metrics, settings.calendar.timezone),
    };
    days.push(...record.days);
    await metricsStore.put(record);
    // The side panel's compact copy, in the same transaction so the two never disagree.
    await tx.objectStore('panelMetrics').put(toPanelMetricsRecord(record));
  } else if (previous) {
    await metricsStore.delete(measured.key);
    await tx.objectStore('panelMetrics').delete(measured.key);
  }
  return days;
}

/** Every rollup of the given local days, rebuilt from the metrics touching them. */
async function rebuildRollups(tx: MeasureTx, days: Iterable<string>, settings: Settings, now: number): Promise<void> {
  const rollups = tx.objectStore('rollups');
  for (const day of [...new Set(days)].sort()) {
    const records = await tx.objectStore('metrics').index('by-day').getAll(day);
    for (const oldKey of await rollups.index('by-day').getAllKeys(day)) await rollups.delete(oldKey);
    for (const rollup of buildDayRollups(day, records, settings.calendar.timezone, now)) await rollups.put(rollup);
  }
}

/**
 * Forgets what was derived from conversations whose facts are gone (retention, removal):
 * their metrics, compact copies and pending notifications; the rollups of their days are rebuilt.
 */
export async function forget(tx: MeasureTx, keys: readonly string[], settings: Settings, now: number): Promise<ForgetCounts> {
  const days = new Set<string>();
  const counts: ForgetCounts = { metrics: 0, panelMetrics: 0, notifications: 0 };
  for (const key of keys) {
    const previous = await tx.objectStore('metrics').get(key);
    if (previous) {
      for (const day of previous.days) days.add(day);
      await tx.objectStore('metrics').delete(key);
      counts.metrics++;
    }
    if ((await tx.objectStore('panelMetrics').getKey(key)) !== undefined) {
      await tx.objectStore('panelMetrics').delete(key);
      counts.panelMetrics++;
    }
    for (const k of await tx.objectStore('notifications').index('by-conversation').getAllKeys(key)) {
      await tx.objectStore('notifications').delete(k);
      counts.notifications++;
    }
  }
  await rebuildRollups(tx, days, settings, now);
  return counts;
}

/** What `forget` deleted, per derived store (rollups are rebuilt, not counted). */
export interface ForgetCounts {
  metrics: number;
  panelMetrics: number;
  notifications: number;
}

/** The derived stores, which `forgetEverything` empties. */
export const DERIVED_STORES = ['metrics', 'panelMetrics', 'rollups', 'notifications'] as const satisfies readonly StoreName[];

/**
 * Every derived record dropped (delete everything): the facts are gone, so nothing is derived
 * from them. The stamp says the empty read model is current under `settings`, so the next
 * worker start does not rebuild it for nothing.
 */
export async function forgetEverything(tx: IDBPTransaction<ReplylineDB, StoreName[], 'readwrite'>, settings: Settings): Promise<void> {
  for (const store of DERIVED_STORES) await tx.objectStore(store).clear();
  await tx.objectStore('state').put({ version: READ_MODEL_VERSION, settings: measuringFingerprint(settings) }, READ_MODEL_STATE_KEY);
}

/**
 * Every derived store rebuilt from the facts (a settings change, a newer read model, a restore):
 * conversations are measured in chunks of short transactions (IndexedDB transactions must not
 * wait on anything else), then the rollups are rebuilt day by day. Stamps the read model last,
 * so a worker stopped half-way starts over at its next start.
 */
export async function rebuildEverything(db: ReplylineDb, settings: Settings, now: number, chunk = 250): Promise<number> {
  const keys = await db.getAllKeys('conversations');
  const measuredKeys = new Set(keys);
  for (let i = 0; i < keys.length; i += chunk) {
    const tx = db.transaction(MEASURE_STORES, 'readwrite') as MeasureTx;
    for (const key of keys.slice(i, i + chunk)) {
      const stored = await readStored(tx, key);
      if (!stored) continue;
      const result = measureStored(stored, settings, now);
      await putMetrics(tx, result, settings, now);
      await syncClockNotifications(tx, key, result.plan, result.record, now);
    }
    await tx.done;
  }
  const tx = db.transaction([...MEASURE_STORES, 'state'], 'readwrite') as MeasureTx;
  // Derived records whose conversation is gone (a facts store cleared without them).
  for (const key of await tx.objectStore('metrics').getAllKeys()) {
    if (!measuredKeys.has(key)) await tx.objectStore('metrics').delete(key);
  }
  for (const key of await tx.objectStore('panelMetrics').getAllKeys()) {
    if (!measuredKeys.has(key)) await tx.objectStore('panelMetrics').delete(key);
  }
  await tx.objectStore('rollups').clear();
  const days = new Set<string>();
  let cursor = await tx.objectStore('metrics').openCursor();
  while (cursor) {
    for (const day of cursor.value.days) days.add(day);
    cursor = await cursor.continue();
  }
  await rebuildRollups(tx, days, settings, now);
  await tx.objectStore('state').put({ version: READ_MODEL_VERSION, settings: measuringFingerprint(settings) }, READ_MODEL_STATE_KEY);
  await tx.done;
  return keys.length;
}

/** Whether the derived stores reflect the current read model and these settings. */
export async function isReadModelCurrent(db: ReplylineDb, settings: Settings): Promise<boolean> {
  const stamp = (await db.get('state', READ_MODEL_STATE_KEY)) as ReadModelStamp | undefined;
  return stamp?.version === READ_MODEL_VERSION && stamp.settings === measuringFingerprint(settings);
}

export function notificationKey(conversationKey: string, kind: ClockPlan['clocks'][number]['kind'], startedAt: number): string {
  return `${conversationKey}|${kind}|${startedAt}`;
}

/**
 * A pending record for each running clock with an at-risk time; pending records of clocks
 * that no longer run are dropped. Shown ones stay, so a clock is never announced twice.
 * A conversation the helpdesk says is resolved (its thread may not say when) and one no page
 * showed for a while (lib/measure/freshness.ts) has no clock to announce: its state is not known.
 */
async function syncClockNotifications(
  tx: MeasureTx,
  conversationKey: string,
  plan: ClockPlan,
  record: ConversationRecord,
  now: number,
): Promise<void> {
  const store = tx.objectStore('notifications');
  const existing = await store.index('by-conversation').getAll(conversationKey);
  const running = new Map<string, ClockPlan['clocks'][number]>();
  const known = record.status !== 'resolved' && !isStale(record, now);
  for (const clock of known ? plan.clocks : []) {
    if (clock.stoppedAt === null && clock.atRiskAt !== null && clock.dueAt !== null) {
      running.set(notificationKey(conversationKey, clock.kind, clock.startedAt), clock);
    }
  }
  for (const record of existing) {
    if (record.notifiedAt === undefined && !running.has(record.key)) await store.delete(record.key);
  }
  const byKey = new Map(existing.map((r) => [r.key, r]));
  for (const [key, clock] of running) {
    const record = byKey.get(key);
    if (record) {
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
