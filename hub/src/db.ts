/**
 * The hub's database: PGlite (embedded PostgreSQL, persisted in a data directory) by default,
 * a PostgreSQL server when a connection string is given. Both sit behind one Kysely instance
 * and one notification channel, so the rest of the hub has a single code path.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Generated } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-dialect';

export interface TokensTable {
  id: string;
  token_hash: string;
  role: 'agent' | 'supervisor' | 'admin';
  name: string;
  agent_id: string | null;
  created_at: number;
  revoked_at: number | null;
}

export interface ConversationsTable {
  key: string;
  ordinal: Generated<number>;
  helpdesk: string;
  origin: string;
  conversation_id: string;
  record: unknown;
  status: string | null;
  channel: string | null;
  priority: string | null;
  assignee_id: string | null;
  created_at: number | null;
  waiting_since: number | null;
  last_seen_at: number;
  agents: string[];
  metrics: unknown;
  measure_error: string | null;
  measured_at: number | null;
  updated_at: number;
}

export interface AlertsTable {
  id: string;
  conversation_key: string;
  kind: 'at_risk' | 'breached';
  clock: string;
  due_at: number;
  fired_at: number;
  alert: unknown;
}

export interface TeamSettingsTable {
  id: number;
  settings: unknown;
  updated_at: number;
}

export interface Tables {
  tokens: TokensTable;
  conversations: ConversationsTable;
  alerts: AlertsTable;
  team_settings: TeamSettingsTable;
}

export type EngineKind = 'pglite' | 'postgres';

export interface Database {
  kind: EngineKind;
  db: Kysely<Tables>;
  /** Subscribes to the hub's notification channel (NOTIFY replyline_hub); returns unsubscribe. */
  listen(callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The channel every hub process LISTENs on; payloads are JSON (see bus.ts). */
export const NOTIFY_CHANNEL = 'replyline_hub';

/** int8 columns (epoch ms) as numbers: every time the hub stores fits in 2^53. */
const parseInt8 = (value: string) => Number(value);

export interface DatabaseOptions {
  /** `postgres://…`: a PostgreSQL server; absent: PGlite in `dataDir` (in memory without one). */
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size per process for PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pglite = await PGlite.create({ ...(dataDir && { dataDir }), parsers: { 20: parseInt8 } });
  const db = new Kysely<Tables>({ dialect: new PgliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    async listen(callback) {
      const unlisten = await pglite.listen(NOTIFY_CHANNEL, callback);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

function openPostgres(connectionString: string, poolSize: number): Database {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? parseInt8 : (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format),
  };
  const pool = new pg.Pool({ connectionString, max: poolSize, types: types });
  // An idle client's error (the server restarting) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<pg.Client>();
  return {
    kind: 'postgres',
    db,
    async listen(callback) {
      // LISTEN needs a connection of its own, outside the pool.
      const client = new pg.Client({ connectionString });
      client.on('error', () => undefined);
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === NOTIFY_CHANNEL && message.payload !== undefined) callback(message.payload);
      });
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      listeners.add(client);
      return async () => {
        if (!listeners.delete(client)) return;
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      for (const client of listeners) await client.end().catch(() => undefined);
      listeners.clear();
      await db.destroy();
    },
  };
}
