import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { latestVersion, openReplylineDb } from '../../../lib/storage/db';
import { MIGRATIONS, type Migration } from '../../../lib/storage/migrations';
import { getSettings } from '../../../lib/storage/settings';
import { isReadModelCurrent, rebuildEverything } from '../../../lib/storage/read-model';
import type { CsObservations } from '../../../lib/messaging/protocol';

const DB = 'replyline-migration-test';
const C1 = 'demo-desk|http://localhost:4400|c-1';
interface Fixture {
  version: number;
  stores: Record<string, Array<{ key: string }>>;
  keyed: Record<string, Record<string, unknown>>;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/storage/v1-database.json', import.meta.url), 'utf8')) as Fixture;

/** Builds the fixture database exactly as version `fixture.version` of the app left it. */
async function createFixtureDb(): Promise<void> {
  const db = await openReplylineDb({ name: DB, version: fixture.version });
  const names = [...Object.keys(fixture.stores), ...Object.keys(fixture.keyed)];
  const tx = db.transaction(names as never, 'readwrite');
  for (const [store, records] of Object.entries(fixture.stores))
    for (const record of records) await tx.objectStore(store as never).put(record);
  for (const [store, entries] of Object.entries(fixture.keyed))
    for (const [key, value] of Object.entries(entries)) await tx.objectStore(store as never).put(value, key);
  await tx.done;
  db.close();
}

/** Every record of every store, as [store, key, value] rows, for before/after comparison. */
async function dump(): Promise<Record<string, unknown[]>> {
  const db = await openDB(DB);
  const out: Record<string, unknown[]> = {};
  for (const name of [...db.objectStoreNames]) {
    const tx = db.transaction(name);
    out[name] = await Promise.all((await tx.store.getAllKeys()).map(async (key) => [key, await tx.store.get(key)]));
  }
  db.close();
  return out;
}

afterEach(async () => {
  await deleteDB(DB);
});

describe('storage migrations', () => {
  it('are numbered 1..n without gaps', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(MIGRATIONS[0].name).toBe('initial');
    await expect(openReplylineDb({ name: DB, migrations: [{ ...MIGRATIONS[0], version: 2 }] })).rejects.toThrow(
      'migration initial has version 2, expected 1',
    );
  });

  it('001 creates every store and index', async () => {
    const db = await openReplylineDb({ name: DB, version: 1 });
    expect([...db.objectStoreNames].sort()).toEqual([
      'activity',
      'batches',
      'conversations',
      'events',
      'health',
      'metrics',
      'notifications',
      'rollups',
      'settings',
      'state',
    ]);
    expect([...db.transaction('conversations').store.indexNames].sort()).toEqual(['by-helpdesk', 'by-status', 'by-updatedAt']);
    expect(db.transaction('metrics').store.index('by-day').multiEntry).toBe(true);
    expect([...db.transaction('notifications').store.indexNames].sort()).toEqual(['by-conversation', 'by-pending']);
    db.close();
  });

  it('upgrading the v1 fixture database to the latest version keeps every record', async () => {
    await createFixtureDb();
    const before = await dump();
    expect(before.conversations).toHaveLength(1);
    expect(before.events).toHaveLength(2);

    const db = await openReplylineDb({ name: DB });
    expect(db.version).toBe(latestVersion());
    const settings = await getSettings(db);
    expect([settings.profile, settings.idleSeconds, settings.targets.firstResponseSeconds]).toEqual(['zendesk', 90, 600]);
    db.close();
    const after = await dump();
    // Every v1 record is still there, unchanged; later migrations only added (empty) stores.
    for (const [store, rows] of Object.entries(before)) expect(after[store]).toEqual(rows);
    expect(Object.keys(after).sort()).toEqual(
      [...Object.keys(before), 'reviews', 'outcomes', 'importFiles', 'importedConversations', 'panelMetrics', 'hubOutbox'].sort(),
    );
  });

  it('005 adds the hub outbox, whose auto-incremented keys keep the order batches were queued in', async () => {
    await createFixtureDb();
    const v4 = await openReplylineDb({ name: DB, version: 4 });
    expect([...v4.objectStoreNames]).not.toContain('hubOutbox');
    v4.close();
    const db = await openReplylineDb({ name: DB, version: 5 });
    const store = db.transaction('hubOutbox').store;
    expect([store.keyPath, store.autoIncrement]).toEqual(['id', true]);
    const batch = (seq: number): CsObservations => ({
      type: 'cs:observations',
      documentId: 'doc-aaaaaaaa',
      helpdesk: 'h',
      origin: 'o',
      seq,
      url: 'o',
      conversations: [],
      activity: [],
    });
    await db.add('hubOutbox', { batchKey: 'doc-aaaaaaaa|7', batch: batch(7), queuedAt: 1 });
    await db.add('hubOutbox', { batchKey: 'doc-aaaaaaaa|2', batch: batch(2), queuedAt: 2 });
    expect((await db.getAll('hubOutbox')).map((r) => [r.id, r.batchKey])).toEqual([
      [1, 'doc-aaaaaaaa|7'],
      [2, 'doc-aaaaaaaa|2'],
    ]);
    db.close();
  });

  it('002 adds the review, outcome and import stores with their indexes', async () => {
    await createFixtureDb();
    const db = await openReplylineDb({ name: DB, version: 2 });
    expect(db.version).toBe(2);
    expect(db.transaction('outcomes').store.index('by-tag').multiEntry).toBe(true);
    expect([...db.transaction('importedConversations').store.indexNames].sort()).toEqual(['by-agent', 'by-file']);
    expect([...db.transaction('reviews').store.indexNames]).toEqual(['by-reviewedAt']);
    expect(await db.count('conversations')).toBe(1);
    db.close();
  });

  it('003 adds the empty compact metrics store; the worker then rebuilds it from the facts', async () => {
    await createFixtureDb();
    const v2 = await openReplylineDb({ name: DB, version: 2 });
    expect([...v2.objectStoreNames]).not.toContain('panelMetrics');
    // A metrics record and a rollup as version 2 stored them (shapes of that release, literal).
    await v2.put('metrics', {
      key: C1,
      helpdesk: 'demo-desk',
      origin: 'http://localhost:4400',
      metrics: { conversationId: 'c-1', firstResponse: { seconds: 240 } } as never,
      measuredAt: 1795512000000,
      days: ['2026-11-24'],
    });
    await v2.put('state', { lastSeq: 0 } as never, 'doc-aaaaaaaa');
    v2.close();
    const before = await dump();

    const db = await openReplylineDb({ name: DB, version: 3 });
    expect(db.version).toBe(3);
    const store = db.transaction('panelMetrics').store;
    expect(store.keyPath).toBe('key');
    expect([...store.indexNames].sort()).toEqual(['by-running', 'by-week']);
    expect([store.index('by-week').keyPath, store.index('by-week').multiEntry]).toEqual(['weeks', true]);
    expect([store.index('by-running').keyPath, store.index('by-running').multiEntry]).toEqual(['running', false]);
    expect(await db.count('panelMetrics')).toBe(0);
    // No read-model stamp in a version 2 database: the worker's start rebuilds every derived store.
    const settings = await getSettings(db);
    expect(await isReadModelCurrent(db, settings)).toBe(false);
    db.close();
    const after = await dump();
    for (const [name, rows] of Object.entries(before)) expect(after[name]).toEqual(rows);
    expect(after.panelMetrics).toEqual([]);

    // What that rebuild leaves for the side panel, 20 min after c-1 was created (Tue 2026-11-24
    // 09:00 UTC, UTC week 2968 counted from Monday 1970-01-05): c-1 is open, its clocks run.
    const rebuilt = await openReplylineDb({ name: DB });
    const now = 1795512000000;
    await rebuildEverything(rebuilt, settings, now);
    const [panel] = await rebuilt.getAll('panelMetrics');
    expect([panel.key, panel.weeks, panel.running, panel.measuredAt]).toEqual([C1, [2968], now, now]);
    expect(await rebuilt.getAllKeysFromIndex('panelMetrics', 'by-week', 2968)).toEqual([C1]);
    rebuilt.close();
  });

  it('004 escapes "%" and "|" in event keys, so ids holding "|" no longer collide', async () => {
    const v3 = await openReplylineDb({ name: DB, version: 3 });
    const rows = [
      { key: 'zendesk|https://a.zendesk.com|7|e-1', conversationKey: 'zendesk|https://a.zendesk.com|7', event: { id: 'e-1' } },
      { key: 'zendesk|https://a.zendesk.com|7|x|y', conversationKey: 'zendesk|https://a.zendesk.com|7', event: { id: 'x|y' } },
      { key: 'zendesk|https://a.zendesk.com|7|50%', conversationKey: 'zendesk|https://a.zendesk.com|7', event: { id: '50%' } },
    ];
    for (const row of rows) await v3.put('events', { ...row, event: { ...row.event, type: 'note', at: 1 } } as never);
    v3.close();

    const db = await openReplylineDb({ name: DB, version: 4 });
    expect(await db.getAllKeys('events')).toEqual([
      'zendesk|https://a.zendesk.com|7|50%25',
      'zendesk|https://a.zendesk.com|7|e-1',
      'zendesk|https://a.zendesk.com|7|x%7Cy',
    ]);
    expect((await db.get('events', 'zendesk|https://a.zendesk.com|7|x%7Cy'))?.event).toEqual({ id: 'x|y', type: 'note', at: 1 });
    db.close();
  });

  it('runs a future migration on the fixture, once, and keeps the data', async () => {
    await createFixtureDb();
    const before = await dump();
    const runs: number[] = [];
    const future = latestVersion() + 1;
    const nextMigration: Migration = {
      version: future,
      name: 'conversation-by-customer',
      up(db, tx) {
        runs.push(future);
        tx.objectStore('conversations').createIndex('by-customer', 'customerId');
        void db;
      },
    };
    const migrations = [...MIGRATIONS, nextMigration];
    const db = await openReplylineDb({ name: DB, migrations });
    expect(db.version).toBe(future);
    expect([...db.transaction('conversations').store.indexNames]).toContain('by-customer');
    db.close();
    const after = await dump();
    for (const [store, rows] of Object.entries(before)) expect(after[store]).toEqual(rows);

    (await openReplylineDb({ name: DB, migrations })).close();
    expect(runs).toEqual([future]);
  });

  it('closes its connection when another context needs to upgrade', async () => {
    const old = await openReplylineDb({ name: DB });
    let closed = false;
    const originalClose = old.close.bind(old);
    old.close = () => {
      closed = true;
      originalClose();
    };
    const next: Migration = { version: latestVersion() + 1, name: 'noop', up() {} };
    const upgraded = await openReplylineDb({ name: DB, migrations: [...MIGRATIONS, next] });
    expect(closed).toBe(true);
    expect(upgraded.version).toBe(latestVersion() + 1);
    upgraded.close();
  });
});
