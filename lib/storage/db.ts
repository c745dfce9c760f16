/**
 * Opening the `replyline` database: numbered migrations applied in order from the stored
 * version, connections closed when a newer version (another context) needs the upgrade.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, type ReplylineDB } from './schema';
import { MIGRATIONS, type Migration } from './migrations';

export type ReplylineDb = IDBPDatabase<ReplylineDB>;

export interface OpenOptions {
  name?: string;
  /** The migration list (tests add future steps); defaults to MIGRATIONS. */
  migrations?: readonly Migration[];
  /** Stop at this version (tests build old-version fixture databases). */
  version?: number;
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations[migrations.length - 1].version;
}

export async function openReplylineDb(options: OpenOptions = {}): Promise<ReplylineDb> {
  const migrations = options.migrations ?? MIGRATIONS;
  checkNumbering(migrations);
  const version = options.version ?? latestVersion(migrations);
  const db = await openDB<ReplylineDB>(options.name ?? DB_NAME, version, {
    upgrade(database, oldVersion, newVersion, tx) {
      const target = newVersion ?? version;
      for (const migration of migrations) {
        if (migration.version > oldVersion && migration.version <= target) {
          // Schema steps are synchronous; any data step only queues IDB requests on tx.
          void migration.up(database as unknown as IDBPDatabase<unknown>, tx as never);
        }
      }
    },
    blocking() {
      // Another context (side panel or a newer worker) wants to upgrade: let it.
      db.close();
      if (!options.name || options.name === DB_NAME) cached = null;
    },
    terminated() {
      if (!options.name || options.name === DB_NAME) cached = null;
    },
  });
  return db;
}

function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}

let cached: Promise<ReplylineDb> | null = null;

/** The shared connection of this context, reopened after it was closed for an upgrade. */
export function getDb(): Promise<ReplylineDb> {
  cached ??= openReplylineDb().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** Drops the cached connection (tests simulate a worker restart with it). */
export async function closeDb(): Promise<void> {
  const pending = cached;
  cached = null;
  if (pending) (await pending.catch(() => null))?.close();
}

/** Ask the browser not to evict Replyline's data under storage pressure. */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await globalThis.navigator?.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
