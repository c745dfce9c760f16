/** The settings record in IndexedDB: merged over the defaults on read (lib/settings/model.ts). */
import { mergeSettings, SETTINGS_KEY, type Settings } from '../settings/model';
import type { ReplylineDb } from './db';

export async function getSettings(db: ReplylineDb): Promise<Settings> {
  return mergeSettings(await db.get('settings', SETTINGS_KEY));
}

export async function saveSettings(db: ReplylineDb, patch: Partial<Settings>): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const current = mergeSettings(await tx.store.get(SETTINGS_KEY));
  const next = mergeSettings({ ...current, ...patch });
  await tx.store.put(next, SETTINGS_KEY);
  await tx.done;
  return next;
}
