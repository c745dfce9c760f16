import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { HELPDESK, MIN, ORIGIN, T0, batch, viewC1 } from '../../fixtures/storage/observations';

const DB = 'replyline-quota-test';
let db: ReplylineDb;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await deleteDB(DB);
});

it('a quota error keeps nothing of the batch, does not acknowledge it, and records a clear health error', async () => {
  const realPut = IDBObjectStore.prototype.put;
  let eventPuts = 0;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    // The third event of the batch no longer fits.
    if (this.name === 'events' && ++eventPuts === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return realPut.apply(this, args);
  });

  const { reply, changed } = await handleContentMessage(
    batch('doc-aaaaaaaa', 5, [viewC1()], { focusedConversationId: 'c-1' }),
    db,
    T0 + 20 * MIN,
  );
  expect(reply.ok).toBe(false);
  expect(reply.seq).toBeUndefined();
  expect(reply.plans).toEqual([]);
  expect(reply.error).toBe('Storage is full: batch 5 was not saved (the page keeps it and retries). Free disk space or clear old data.');
  expect(changed).toEqual([]);

  for (const store of ['conversations', 'events', 'batches', 'metrics', 'rollups', 'state', 'notifications'] as const) {
    expect([store, await db.count(store)]).toEqual([store, 0]);
  }
  expect(await db.getAll('health')).toEqual([
    {
      key: `${HELPDESK}|${ORIGIN}|storage`,
      helpdesk: HELPDESK,
      origin: ORIGIN,
      route: 'storage',
      at: T0 + 20 * MIN,
      found: {},
      missing: [],
      error: reply.error,
    },
  ]);

  // Space again: the page re-sends the same batch, now stored and acknowledged; the error clears.
  vi.restoreAllMocks();
  const retry = await handleContentMessage(batch('doc-aaaaaaaa', 5, [viewC1()]), db, T0 + 21 * MIN);
  expect([retry.reply.ok, retry.reply.seq]).toEqual([true, 5]);
  expect(await db.count('events')).toBe(3);
  expect(await db.count('health')).toBe(0);
});
