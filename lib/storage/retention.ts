/**
 * Retention: observed data older than the user's retention period is deleted, daily and on
 * demand. A conversation goes with everything stored about it (events, activity, metrics,
 * notifications) once it was last updated before the cut-off.
 */
import { DateTime } from 'luxon';
import type { ReplylineDb } from './db';
import type { StoreName } from './schema';

export const DAY_MS = 86_400_000;
export const RETENTION_ALARM = 'replyline-retention';

export type PurgeCounts = Partial<Record<StoreName, number>>;

/** The purge of everything observed before `now - days`; rollup days before the cut-off's local day. */
export async function purgeOlderThan(db: ReplylineDb, days: number, now: number, timezone: string): Promise<PurgeCounts> {
  if (!Number.isFinite(days) || days < 1) throw new Error(`retention must be at least 1 day, got ${days}`);
  const cutoff = now - days * DAY_MS;
  const cutoffDay = DateTime.fromMillis(cutoff, { zone: timezone }).toISODate() ?? new Date(cutoff).toISOString().slice(0, 10);
  const counts: PurgeCounts = {};
  const count = (store: StoreName, n = 1) => {
    counts[store] = (counts[store] ?? 0) + n;
  };

  const tx = db.transaction(
    [
      'conversations',
      'events',
      'activity',
      'metrics',
      'panelMetrics',
      'notifications',
      'rollups',
      'batches',
      'reviews',
      'outcomes',
      'importedConversations',
      'importFiles',
    ],
    'readwrite',
  );
  const old = await tx.objectStore('conversations').index('by-updatedAt').getAllKeys(IDBKeyRange.upperBound(cutoff, true));
  for (const key of old) {
    await tx.objectStore('conversations').delete(key);
    count('conversations');
    for (const store of ['events', 'activity', 'notifications'] as const) {
      const keys = await tx.objectStore(store).index('by-conversation').getAllKeys(key);
      for (const k of keys) await tx.objectStore(store).delete(k);
      if (keys.length) count(store, keys.length);
    }
    if (await tx.objectStore('metrics').getKey(key)) {
      await tx.objectStore('metrics').delete(key);
      count('metrics');
    }
    // The side panel's compact copy of the same metrics goes with them.
    if (await tx.objectStore('panelMetrics').getKey(key)) {
      await tx.objectStore('panelMetrics').delete(key);
      count('panelMetrics');
    }
  }

  // Activity spans of conversations still kept: each span by its own end.
  let activity = await tx.objectStore('activity').openCursor();
  while (activity) {
    if (activity.value.end < cutoff) {
      await activity.delete();
      count('activity');
    }
    activity = await activity.continue();
  }

  for (const key of await tx.objectStore('rollups').index('by-day').getAllKeys(IDBKeyRange.upperBound(cutoffDay, true))) {
    await tx.objectStore('rollups').delete(key);
    count('rollups');
  }
  for (const key of await tx.objectStore('batches').index('by-appliedAt').getAllKeys(IDBKeyRange.upperBound(cutoff, true))) {
    await tx.objectStore('batches').delete(key);
    count('batches');
  }
  for (const key of await tx.objectStore('reviews').index('by-reviewedAt').getAllKeys(IDBKeyRange.upperBound(cutoff, true))) {
    await tx.objectStore('reviews').delete(key);
    count('reviews');
  }
  let outcome = await tx.objectStore('outcomes').openCursor();
  while (outcome) {
    if (outcome.value.updatedAt < cutoff) {
      await outcome.delete();
      count('outcomes');
    }
    outcome = await outcome.continue();
  }
  let imported = await tx.objectStore('importedConversations').openCursor();
  while (imported) {
    if (imported.value.importedAt < cutoff) {
      await imported.delete();
      count('importedConversations');
    }
    imported = await imported.continue();
  }
  for (const key of await tx.objectStore('importFiles').index('by-importedAt').getAllKeys(IDBKeyRange.upperBound(cutoff, true))) {
    await tx.objectStore('importFiles').delete(key);
    count('importFiles');
  }
  await tx.done;
  return counts;
}

/** Every store Replyline writes; "delete everything" clears them all. */
export const ALL_STORES: readonly StoreName[] = [
  'conversations',
  'events',
  'batches',
  'activity',
  'metrics',
  'panelMetrics',
  'rollups',
  'health',
  'settings',
  'state',
  'notifications',
  'reviews',
  'outcomes',
  'importFiles',
  'importedConversations',
];

export async function deleteEverything(db: ReplylineDb): Promise<void> {
  const tx = db.transaction([...ALL_STORES], 'readwrite');
  await Promise.all([...ALL_STORES.map((store) => tx.objectStore(store).clear()), tx.done]);
}
