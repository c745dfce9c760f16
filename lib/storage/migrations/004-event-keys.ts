import type { Migration } from './types';

/**
 * Event keys with the event id escaped ('%' → '%25', '|' → '%7C'): before, a conversation id
 * holding '|' could give two different events one key ("c|x" + "y" and "c" + "x|y"), and the
 * second write replaced the first. Only events whose id holds '%' or '|' move; a collision
 * that already happened cannot be undone. Frozen: the escape is written out here, not imported.
 */
export const migration004EventKeys: Migration = {
  version: 4,
  name: 'event-keys',
  async up(_db, tx) {
    const store = tx.objectStore('events');
    // Only IDB requests on tx are awaited here, so the upgrade transaction stays open.
    let cursor = await store.openCursor();
    const moves: Array<{ from: string; value: { key: string; conversationKey: string; event: { id: string } } }> = [];
    while (cursor) {
      const value = cursor.value as { key: string; conversationKey: string; event: { id: string } };
      const key = `${value.conversationKey}|${value.event.id.replace(/%/g, '%25').replace(/\|/g, '%7C')}`;
      if (key !== value.key) moves.push({ from: value.key, value: { ...value, key } });
      cursor = await cursor.continue();
    }
    for (const move of moves) {
      await store.delete(move.from);
      await store.put(move.value);
    }
  },
};
