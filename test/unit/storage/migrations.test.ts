import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { latestVersion, openReplylineDb } from '../../../lib/storage/db';
import { MIGRATIONS, type Migration } from '../../../lib/storage/migrations';
import { getSettings } from '../../../lib/storage/settings';

const DB = 'replyline-migration-test';
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
  for (const [store, records] of Object.entries(fixture.stores)) for (const record of records) await tx.objectStore(store as never).put(record as never);
  for (const [store, entries] of Object.entries(fixture.keyed)) for (const [key, value] of Object.entries(entries)) await tx.objectStore(store as never).put(value as never, key as never);
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
    await expect(openReplylineDb({ name: DB, migrations: [{ ...MIGRATIONS[0], version: 2 }] })).rejects.toThrow('migration initial has version 2, expected 1');
  });

  it('001 creates every store and index', async () => {
    const db = await openReplylineDb({ name: DB, version: 1 });
    expect([...db.objectStoreNames].sort()).toEqual(['activity', 'batches', 'conversations', 'events', 'health', 'metrics', 'notifications', 'rollups', 'settings', 'state']);
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
    expect(await dump()).toEqual(before);
  });

  it('runs a future migration (002) on the fixture, once, and keeps the data', async () => {
    await createFixtureDb();
    const before = await dump();
    const runs: number[] = [];
    const migration002: Migration = {
      version: 2,
      name: 'conversation-by-customer',
      up(db, tx) {
        runs.push(2);
        tx.objectStore('conversations').createIndex('by-customer', 'customerId');
        void db;
      },
    };
    const migrations = [...MIGRATIONS, migration002];
    const db = await openReplylineDb({ name: DB, migrations });
    expect(db.version).toBe(2);
    expect([...db.transaction('conversations').store.indexNames]).toContain('by-customer');
    db.close();
    expect(await dump()).toEqual(before);

    (await openReplylineDb({ name: DB, migrations })).close();
    expect(runs).toEqual([2]);
  });

  it('closes its connection when another context needs to upgrade', async () => {
    const old = await openReplylineDb({ name: DB });
    let closed = false;
    const originalClose = old.close.bind(old);
    old.close = () => {
      closed = true;
      originalClose();
    };
    const next: Migration = { version: 2, name: 'noop', up() {} };
    const upgraded = await openReplylineDb({ name: DB, migrations: [...MIGRATIONS, next] });
    expect(closed).toBe(true);
    expect(upgraded.version).toBe(2);
    upgraded.close();
  });
});
