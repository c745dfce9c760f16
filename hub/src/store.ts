/**
 * Reading and writing conversations: the facts (records, events, activity), their measured
 * state and alarms. Bulk statements take one JSON parameter (jsonb_to_recordset) so a batch of
 * any size is one round trip on both engines.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { TeamSettings } from '../../lib/hub/protocol';
import type { ObservedEvent } from '../../lib/messaging/protocol';
import type { StoredConversation } from '../../lib/measure/measure-stored';
import type { ActivityRecord, ConversationRecord, EventRecord } from '../../lib/measure/stored';
import type { Settings } from '../../lib/settings/model';
import type { ConversationMetrics } from '../../lib/engine/types';
import { NOTIFY_CHANNEL, type Tables } from './db';
import { defaultTeamSettings, measureRow, measuringSettings } from './measure';

export type Tx = Transaction<Tables> | Kysely<Tables>;

/** Keys per NOTIFY payload (PostgreSQL allows 8000 bytes). */
const KEYS_PER_NOTIFY = 40;

export async function readTeamSettings(tx: Tx, lock: 'share' | 'update' | null = null): Promise<TeamSettings> {
  const lockClause = lock === 'share' ? sql` for share` : lock === 'update' ? sql` for update` : sql``;
  const { rows } = await sql<{ settings: TeamSettings }>`select settings from team_settings where id = 1${lockClause}`.execute(tx);
  return rows[0]?.settings ?? defaultTeamSettings();
}

/** Sends a bus message to every hub process (delivered when the transaction commits). */
export async function notify(tx: Tx, message: BusMessage): Promise<void> {
  await sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify(message)})`.execute(tx);
}

export type BusMessage = { type: 'queue'; keys: string[] } | { type: 'alert'; id: string } | { type: 'settings'; asOf: number };

export async function notifyQueue(tx: Tx, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += KEYS_PER_NOTIFY) await notify(tx, { type: 'queue', keys: keys.slice(i, i + KEYS_PER_NOTIFY) });
}

export interface ConversationRow {
  key: string;
  record: ConversationRecord;
  agents: string[];
  last_seen_at: number;
}

/** Locks and reads conversation rows in key order (one order for every writer: no deadlocks). */
export async function lockConversations(tx: Tx, keys: readonly string[]): Promise<Map<string, ConversationRow>> {
  const { rows } = await sql<ConversationRow>`
    select key, record, agents, last_seen_at from conversations
    where key = any(${sql.val([...keys])}::text[]) order by key for update`.execute(tx);
  return new Map(rows.map((row) => [row.key, row]));
}

/** Creates the rows that do not exist yet (placeholder record), so they can be locked. */
export async function ensureConversations(
  tx: Tx,
  rows: readonly { key: string; helpdesk: string; origin: string; conversationId: string; seenAt: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  // Ordinals follow the given order (a pushed file's order is the report's order).
  const ordered = rows.map((row, index) => ({ ...row, index }));
  await sql`
    insert into conversations (key, helpdesk, origin, conversation_id, record, last_seen_at, updated_at)
    select x.key, x.helpdesk, x.origin, x."conversationId", 'null'::jsonb, x."seenAt", x."seenAt"
    from jsonb_to_recordset(${JSON.stringify(ordered)}::jsonb)
      as x(key text, helpdesk text, origin text, "conversationId" text, "seenAt" bigint, index int)
    order by x.index
    on conflict (key) do nothing`.execute(tx);
}

/** Stores events (a changed event replaces the stored one); returns how many are new. */
export async function upsertEvents(tx: Tx, events: ReadonlyMap<string, EventRecord>): Promise<number> {
  if (events.size === 0) return 0;
  const rows = [...events.values()].map((e) => ({ k: e.conversationKey, id: e.event.id, at: e.event.at, e: e.event }));
  const { rows: result } = await sql<{ inserted: boolean }>`
    insert into events (conversation_key, event_id, at, event)
    select x.k, x.id, x.at, x.e from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(k text, id text, at bigint, e jsonb)
    on conflict (conversation_key, event_id) do update set at = excluded.at, event = excluded.event
      where events.event is distinct from excluded.event
    returning (xmax = 0) as inserted`.execute(tx);
  return result.filter((row) => row.inserted).length;
}

/** Activity spans: a span re-sent with a later end extends itself. */
export async function upsertActivity(tx: Tx, spans: ReadonlyMap<string, ActivityRecord>): Promise<void> {
  if (spans.size === 0) return;
  await sql`
    insert into activity (key, conversation_key, document_id, agent_id, start_at, end_at, kind)
    select x.key, x."conversationKey", x."documentId", x."agentId", x.start, x."end", x.kind
    from jsonb_to_recordset(${JSON.stringify([...spans.values()])}::jsonb)
      as x(key text, "conversationKey" text, "documentId" text, "agentId" text, start bigint, "end" bigint, kind text)
    on conflict (key) do update set end_at = excluded.end_at, conversation_key = excluded.conversation_key
      where activity.end_at < excluded.end_at`.execute(tx);
}

/** Records, events and activity of these conversations, as the measuring layer reads them. */
export async function readStored(
  tx: Tx,
  keys: readonly string[] | null,
  filter?: { agentId: string },
): Promise<{ stored: StoredConversation[]; agents: Map<string, string[]>; lastSeen: Map<string, number> }> {
  const where =
    keys !== null ? sql`c.key = any(${sql.val([...keys])}::text[])` : filter ? sql`${filter.agentId} = any(c.agents)` : sql`true`;
  const { rows: conversations } = await sql<{ key: string; record: ConversationRecord; agents: string[]; last_seen_at: number }>`
    select c.key, c.record, c.agents, c.last_seen_at from conversations c
    where ${where} and c.record <> 'null'::jsonb order by c.ordinal`.execute(tx);
  const { rows: events } = await sql<{ k: string; event: ObservedEvent }>`
    select e.conversation_key as k, e.event from events e join conversations c on c.key = e.conversation_key where ${where}`.execute(tx);
  const { rows: spans } = await sql<{
    key: string;
    conversation_key: string;
    document_id: string;
    agent_id: string;
    start_at: number;
    end_at: number;
    kind: 'viewing' | 'typing';
  }>`select a.* from activity a join conversations c on c.key = a.conversation_key where ${where}`.execute(tx);
  const byKey = new Map<string, { record: ConversationRecord; events: EventRecord[]; activity: ActivityRecord[] }>();
  for (const row of conversations) byKey.set(row.key, { record: row.record, events: [], activity: [] });
  for (const row of events) {
    byKey.get(row.k)?.events.push({ key: `${row.k}|${row.event.id}`, conversationKey: row.k, event: row.event });
  }
  for (const row of spans) {
    byKey.get(row.conversation_key)?.activity.push({
      key: row.key,
      documentId: row.document_id,
      conversationKey: row.conversation_key,
      agentId: row.agent_id,
      start: Number(row.start_at),
      end: Number(row.end_at),
      kind: row.kind,
    });
  }
  return {
    stored: [...byKey.values()],
    agents: new Map(conversations.map((row) => [row.key, row.agents])),
    lastSeen: new Map(conversations.map((row) => [row.key, Number(row.last_seen_at)])),
  };
}

/**
 * Measures these conversations again from their stored facts under the team's settings and
 * writes metrics, queue columns and alarms (alarms already fired as alerts are not re-armed).
 */
export async function remeasure(tx: Tx, keys: readonly string[], settings: Settings, now: number): Promise<void> {
  if (keys.length === 0) return;
  const { stored, agents } = await readStored(tx, keys);
  const updates: object[] = [];
  const alarms: object[] = [];
  for (const conversation of stored) {
    const key = conversation.record.key;
    const measured = measureRow(conversation, settings, now, agents.get(key) ?? []);
    const { record } = conversation;
    updates.push({
      key,
      status: measured.status,
      channel: record.channel ?? measured.metrics?.channel ?? null,
      priority: record.priority ?? null,
      assignee: record.assigneeId ?? measured.metrics?.assigneeId ?? null,
      created: record.createdAt ?? measured.metrics?.createdAt ?? null,
      waiting: measured.waitingSince,
      agents: measured.agents,
      metrics: measured.metrics,
      error: measured.error,
    });
    for (const alarm of measured.alarms) alarms.push({ ...alarm, key });
  }
  await sql`
    update conversations c set status = x.status, channel = x.channel, priority = x.priority, assignee_id = x.assignee,
      created_at = x.created, waiting_since = x.waiting, agents = array(select jsonb_array_elements_text(x.agents)),
      metrics = x.metrics, measure_error = x.error, measured_at = ${now}, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
      as x(key text, status text, channel text, priority text, assignee text, created bigint, waiting bigint, agents jsonb, metrics jsonb, error text)
    where c.key = x.key`.execute(tx);
  await sql`delete from alarms where conversation_key = any(${sql.val([...keys])}::text[])`.execute(tx);
  if (alarms.length > 0) {
    await sql`
      insert into alarms (id, conversation_key, kind, clock, due_at, fire_at)
      select x.id, x.key, x.kind, x.clock, x."dueAt", x."fireAt"
      from jsonb_to_recordset(${JSON.stringify(alarms)}::jsonb)
        as x(id text, key text, kind text, clock text, "dueAt" bigint, "fireAt" bigint)
      where not exists (select 1 from alerts a where a.id = x.id)
      on conflict (id) do nothing`.execute(tx);
  }
}

/** Writes merged records and freshness. */
export async function writeRecords(
  tx: Tx,
  rows: readonly { key: string; record: ConversationRecord; lastSeenAt: number; agents: string[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update conversations c set record = x.record, last_seen_at = greatest(c.last_seen_at, x."lastSeenAt"),
      agents = array(select distinct unnest(c.agents || array(select jsonb_array_elements_text(x.agents))))
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(key text, record jsonb, "lastSeenAt" bigint, agents jsonb)
    where c.key = x.key`.execute(tx);
}

export interface MetricsRow {
  key: string;
  record: ConversationRecord;
  metrics: ConversationMetrics | null;
  status: string | null;
  last_seen_at: number;
  assignee_id: string | null;
}

export async function readMetricsRows(tx: Tx, where: ReturnType<typeof sql>): Promise<MetricsRow[]> {
  const { rows } = await sql<MetricsRow>`
    select key, record, metrics, status, last_seen_at, assignee_id from conversations
    where record <> 'null'::jsonb and ${where} order by ordinal`.execute(tx);
  return rows.map((row) => ({ ...row, last_seen_at: Number(row.last_seen_at) }));
}

export { measuringSettings };
