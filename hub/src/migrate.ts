/**
 * Numbered SQL migrations (hub/migrations/NNN_name.sql), applied in order at start, each in
 * its own transaction, under a PostgreSQL advisory lock so that several hub processes starting
 * at once on one database apply each migration exactly once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/** A fixed key for pg_advisory_lock: "replyline hub migrate". */
const LOCK_KEY = 7_301_180_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file.replace(/\.sql$/, ''), sql: readFileSync(join(dir, file), 'utf8') }));
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name}: expected number ${index + 1}`);
  });
  return migrations;
}

/** Applies what is missing; returns the names applied now. */
export async function migrate(db: Kysely<unknown>, migrations = readMigrations()): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())`.execute(
        conn,
      );
      const { rows } = await sql<{ version: number }>`select version from schema_migrations`.execute(conn);
      const applied = new Set(rows.map((row) => Number(row.version)));
      const done: string[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await sql`begin`.execute(conn);
        try {
          await sql.raw(migration.sql).execute(conn);
          await sql`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`.execute(conn);
          await sql`commit`.execute(conn);
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        done.push(migration.name);
      }
      return done;
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}
