/** Both engines for the hub's tests: PGlite in a temp directory and a throw-away PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database, type EngineKind } from '../src/db';
import { createHub, type Hub, type HubOptions } from '../src/server';
import { startPostgres, type TestPostgres } from './postgres';

export const ENGINES: EngineKind[] = ['pglite', 'postgres'];

export interface EngineFixture {
  kind: EngineKind;
  /** Options that open this engine's database (a new connection each time). */
  connection: Pick<HubOptions, 'databaseUrl' | 'dataDir'>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

let postgres: TestPostgres | null = null;
let databases = 0;

export async function engineFixture(kind: EngineKind): Promise<EngineFixture> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'replyline-hub-pglite-'));
    const connection = { dataDir: join(dir, 'db') };
    return {
      kind,
      connection,
      open: () => openDatabase(connection),
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  postgres ??= await startPostgres();
  const server = postgres;
  const url = await server.createDatabase(`hub_test_${process.pid}_${++databases}`);
  const connection = { databaseUrl: url };
  return {
    kind,
    connection,
    open: () => openDatabase(connection),
    async dispose() {
      if (postgres === server) {
        postgres = null;
        server.stop();
      }
    },
  };
}

export const ADMIN = 'test-admin-token';

/** A hub on the fixture's database with a controllable clock, quiet logs and no scheduler unless asked. */
export async function testHub(fixture: EngineFixture, database: Database, clock: { now: number }, options: HubOptions = {}): Promise<Hub> {
  return createHub({
    database,
    adminToken: ADMIN,
    now: () => clock.now,
    logger: false,
    schedulerIntervalMs: 0,
    publicUrl: 'https://hub.example.test',
    ...options,
  });
}

/** Empties every table (tests of one file share one database). */
export async function resetDatabase(database: Database): Promise<void> {
  await sql`truncate tokens, batches, conversations, events, activity, alarms, alerts, team_settings`.execute(database.db);
}

export async function count(database: Database, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
  return rows[0].n;
}
