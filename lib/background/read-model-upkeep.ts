/**
 * Keeps the read model current with the stored settings: after a settings save that changes
 * what is measured, and at every worker start (a newer read model version, or a worker stopped
 * half-way through a rebuild), everything stored is measured again. Rebuilds run one at a time;
 * one that finishes under settings changed meanwhile runs again.
 */
import type { ReplylineDb } from '../storage/db';
import { isReadModelCurrent, rebuildEverything } from '../storage/read-model';
import { getSettings } from '../storage/settings';

let running: Promise<number> = Promise.resolve(0);

/** Rebuilds the read model unless it is current; resolves to the number of conversations measured. */
export function keepReadModelCurrent(db: ReplylineDb, now: () => number = Date.now): Promise<number> {
  const next = running.catch(() => 0).then(() => rebuildUntilCurrent(db, now));
  running = next;
  return next;
}

async function rebuildUntilCurrent(db: ReplylineDb, now: () => number): Promise<number> {
  let measured = 0;
  // Bounded: settings saved again during each of several rebuilds still ends.
  for (let attempt = 0; attempt < 3; attempt++) {
    const settings = await getSettings(db);
    if (await isReadModelCurrent(db, settings)) break;
    measured += await rebuildEverything(db, settings, now());
  }
  return measured;
}
