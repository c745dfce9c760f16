/**
 * Retention: observed data older than the user's retention period is deleted, daily and on
 * demand. A conversation goes with everything stored about it once it was last updated before
 * the cut-off. Only facts are deleted here; what was derived from them (metrics, compact
 * copies, rollups, notifications) follows through the read model, its one writer.
 */
import { mergeSettings, type Settings } from '../settings/model';
import type { ReplylineDb } from './db';
import { deleteCustomerNamesBefore } from './names';
import { DERIVED_STORES, forget, forgetEverything, MEASURE_STORES, remeasure, type MeasureTx } from './read-model';
import type { StoreName } from './schema';

export const DAY_MS = 86_400_000;
export const RETENTION_ALARM = 'replyline-retention';

export type PurgeCounts = Partial<Record<StoreName, number>>;

/** The purge of everything observed before `now - days`, measured under `settings`; the worker runs it (daily alarm, `sp:purge-now`). */
export async function purgeOlderThan(db: ReplylineDb, days: number, now: number, settings: Settings): Promise<PurgeCounts> {
  if (!Number.isFinite(days) || days < 1) throw new Error(`retention must be at least 1 day, got ${days}`);
  const cutoff = now - days * DAY_MS;
  const counts: PurgeCounts = {};
  const count = (store: StoreName, n = 1) => {
    if (n > 0) counts[store] = (counts[store] ?? 0) + n;
  };

  const tx = db.transaction(
    [...MEASURE_STORES, 'batches', 'reviews', 'outcomes', 'importedConversations', 'importFiles'],
    'readwrite',
  ) as MeasureTx;
  const old = await tx.objectStore('conversations').index('by-updatedAt').getAllKeys(IDBKeyRange.upperBound(cutoff, true));
  for (const key of old) {
    await tx.objectStore('conversations').delete(key);
    count('conversations');
    for (const store of ['events', 'activity'] as const) {
      const keys = await tx.objectStore(store).index('by-conversation').getAllKeys(key);
      for (const k of keys) await tx.objectStore(store).delete(k);
      count(store, keys.length);
    }
  }
  const forgotten = await forget(tx, old, settings, now);
  for (const store of ['metrics', 'panelMetrics', 'notifications'] as const) count(store, forgotten[store]);

  // Activity spans of conversations still kept: each span by its own end. Their handle time
  // changes, so they are measured again.
  const shortened = new Set<string>();
  let activity = await tx.objectStore('activity').openCursor();
  while (activity) {
    if (activity.value.end < cutoff) {
      shortened.add(activity.value.conversationKey);
      await activity.delete();
      count('activity');
    }
    activity = await activity.continue();
  }
  if (shortened.size) await remeasure(tx, [...shortened], settings, now);

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
  // Customer names read before the cut-off go with the rest of what was observed then.
  count('state', await deleteCustomerNamesBefore(db, cutoff));
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

/** Every store that is not derived: deleted here; the derived ones are emptied by the read model. */
const FACT_STORES = ALL_STORES.filter((store) => !(DERIVED_STORES as readonly StoreName[]).includes(store));

export async function deleteEverything(db: ReplylineDb): Promise<void> {
  const tx = db.transaction([...ALL_STORES], 'readwrite') as MeasureTx;
  await Promise.all(FACT_STORES.map((store) => tx.objectStore(store).clear()));
  // Settings are gone too: the (empty) read model is stamped with the defaults they fall back to.
  await forgetEverything(tx, mergeSettings(undefined));
  await tx.done;
}
