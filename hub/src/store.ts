/**
 * Reading and writing conversations: the facts (records, events, activity), their measured
 * state and alarms. Bulk statements take one JSON parameter (jsonb_to_recordset) so a batch of
 * any size is one round trip on both engines.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { TeamSettings } from '../../lib/hub/protocol';
import type { ObservedEvent } from '../../lib/messaging/protocol';
import type { StoredConversation } from '../../lib/measure/measure-stored';
import { eventKey, type ActivityRecord, type ConversationRecord, type EventRecord } from '../../lib/measure/stored';
import type { Settings } from '../../lib/settings/model';
import type { ConversationMetrics } from '../../lib/engine/types';
import { NOTIFY_CHANNEL, type Tables } from './db';
import { defaultTeamSettings, measureRow, measuringSettings, type MeasuredRow } from './measure';

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

/**
 * Activity spans: a span re-sent with a later end extends itself. Returns the spans written
 * (new or extended), by key; the others were already stored as they are or longer.
 */
export async function upsertActivity(tx: Tx, spans: ReadonlyMap<string, ActivityRecord>): Promise<Map<string, ActivityRecord>> {
  if (spans.size === 0) return new Map();
  const { rows } = await sql<{ key: string }>`
    insert into activity (key, conversation_key, document_id, agent_id, start_at, end_at, kind)
    select x.key, x."conversationKey", x."documentId", x."agentId", x.start, x."end", x.kind
    from jsonb_to_recordset(${JSON.stringify([...spans.values()])}::jsonb)
      as x(key text, "conversationKey" text, "documentId" text, "agentId" text, start bigint, "end" bigint, kind text)
    on conflict (key) do update set end_at = excluded.end_at, conversation_key = excluded.conversation_key
      where activity.end_at < excluded.end_at
    returning key`.execute(tx);
  const written = new Map<string, ActivityRecord>();
  for (const { key } of rows) {
    const span = spans.get(key);
    // Only the span's own fields: callers may pass records carrying more.
    if (span) {
      const { documentId, conversationKey, agentId, start, end, kind } = span;
      written.set(key, { key, documentId, conversationKey, agentId, start, end, kind });
    }
  }
  return written;
}

/**
 * A stored conversation and the agents its row credits. Placeholder rows (just created by
 * ensureConversations) have `record: null`.
 */
export interface ReadRow extends Omit<StoredConversation, 'record'> {
  record: ConversationRecord | null;
  agents: string[];
}

/**
 * Conversations with their events and activity, in one round trip; with `lock`, their rows are
 * locked in key order (one order for every writer: no deadlocks).
 */
export async function readStoredRows(tx: Tx, keys: readonly string[], lock: boolean): Promise<Map<string, ReadRow>> {
  if (keys.length === 0) return new Map();
  const { rows } = await sql<{
    key: string;
    record: ConversationRecord | null;
    agents: string[];
    events: ObservedEvent[];
    activity: [string, string, string, number, number, 'viewing' | 'typing'][];
  }>`
    select c.key, c.record, c.agents,
      coalesce((select jsonb_agg(e.event) from events e where e.conversation_key = c.key), '[]'::jsonb) as events,
      coalesce((select jsonb_agg(jsonb_build_array(a.key, a.document_id, a.agent_id, a.start_at, a.end_at, a.kind))
        from activity a where a.conversation_key = c.key), '[]'::jsonb) as activity
    from conversations c where c.key = any(${sql.val([...keys])}::text[])
    order by c.key${lock ? sql` for update of c` : sql``}`.execute(tx);
  return new Map(
    rows.map((row) => [
      row.key,
      {
        record: row.record,
        agents: row.agents,
        events: row.events.map((event) => ({ key: eventKey(row.key, event.id), conversationKey: row.key, event })),
        activity: row.activity.map(([key, documentId, agentId, start, end, kind]) => ({
          key,
          documentId,
          conversationKey: row.key,
          agentId,
          start: Number(start),
          end: Number(end),
          kind,
        })),
      },
    ]),
  );
}

/** A conversation measured again, ready to be written. */
export interface MeasuredWrite {
  key: string;
  record: ConversationRecord;
  /** When ingest changed the record: its freshness (the record is written too). */
  merged?: { lastSeenAt: number };
  measured: MeasuredRow;
}

/**
 * Writes measured conversations (metrics, queue columns, the report's stored input, and with
 * `merged` the record and freshness), replaces their alarms (alarms already fired as alerts are
 * not re-armed) and, with `notifyQueue`, tells every hub process's queue: two statements.
 */
export async function writeMeasured(tx: Tx, writes: readonly MeasuredWrite[], now: number, notifyQueue = false): Promise<void> {
  if (writes.length === 0) return;
  const updates: object[] = [];
  const alarms: object[] = [];
  for (const { key, record, merged, measured } of writes) {
    updates.push({
      key,
      record: merged ? record : null,
      seen: merged?.lastSeenAt ?? null,
      status: measured.status,
      channel: record.channel ?? measured.metrics?.channel ?? null,
      priority: record.priority ?? null,
      assignee: record.assigneeId ?? measured.metrics?.assigneeId ?? null,
      created: record.createdAt ?? measured.metrics?.createdAt ?? null,
      waiting: measured.waitingSince,
      agents: measured.agents,
      metrics: measured.metrics,
      error: measured.error,
      input: measured.input,
      settled: measured.settled,
    });
    for (const alarm of measured.alarms) alarms.push({ ...alarm, key });
  }
  await sql`
    update conversations c set record = coalesce(x.record, c.record), last_seen_at = greatest(c.last_seen_at, x.seen),
      status = x.status, channel = x.channel, priority = x.priority, assignee_id = x.assignee,
      created_at = x.created, waiting_since = x.waiting, agents = array(select jsonb_array_elements_text(x.agents)),
      metrics = x.metrics, measure_error = x.error, report_input = x.input, settled = x.settled,
      measured_at = ${now}, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
      as x(key text, record jsonb, seen bigint, status text, channel text, priority text, assignee text, created bigint,
        waiting bigint, agents jsonb, metrics jsonb, error text, input jsonb, settled boolean)
    where c.key = x.key`.execute(tx);
  const keys = writes.map((write) => write.key);
  const payloads: string[] = [];
  if (notifyQueue) {
    for (let i = 0; i < keys.length; i += KEYS_PER_NOTIFY) {
      payloads.push(JSON.stringify({ type: 'queue', keys: keys.slice(i, i + KEYS_PER_NOTIFY) } satisfies BusMessage));
    }
  }
  // The alarms kept, moved or added; the rest of these conversations' alarms deleted; the
  // notifications sent (on commit): one round trip. Deleted and upserted ids never overlap.
  await sql`
    with fresh as (
      select x.id, x.key, x.kind, x.clock, x."dueAt" as due_at, x."fireAt" as fire_at
      from jsonb_to_recordset(${JSON.stringify(alarms)}::jsonb)
        as x(id text, key text, kind text, clock text, "dueAt" bigint, "fireAt" bigint)
      where not exists (select 1 from alerts a where a.id = x.id)
    ), gone as (
      delete from alarms where conversation_key = any(${sql.val(keys)}::text[]) and id not in (select id from fresh)
    ), kept as (
      insert into alarms (id, conversation_key, kind, clock, due_at, fire_at)
      select id, key, kind, clock, due_at, fire_at from fresh
      on conflict (id) do update set due_at = excluded.due_at, fire_at = excluded.fire_at
    )
    select pg_notify(${NOTIFY_CHANNEL}, payload) from unnest(${sql.val(payloads)}::text[]) as payload`.execute(tx);
}

/**
 * Measures these conversations again from their stored facts under the team's settings (a
 * settings change; rows not measured since migration 003) and writes what they measure to.
 */
export async function remeasure(tx: Tx, keys: readonly string[], settings: Settings, now: number): Promise<void> {
  const rows = await readStoredRows(tx, keys, false);
  const writes: MeasuredWrite[] = [];
  for (const [key, row] of rows) {
    if (row.record === null) continue;
    writes.push({ key, record: row.record, measured: measureRow({ ...row, record: row.record }, settings, now, row.agents) });
  }
  await writeMeasured(tx, writes, now);
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

/**
 * Measures the conversations not measured since migration 003 (no stored report input yet),
 * in chunks, each in its own transaction; several processes starting at once share the work.
 */
export async function measureUnsettled(db: Kysely<Tables>, now: number, chunk = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await db.transaction().execute(async (tx) => {
      const settings = measuringSettings(await readTeamSettings(tx, 'share'));
      const { rows } = await sql<{ key: string }>`
        select key from conversations where settled is null and record <> 'null'::jsonb
        order by key limit ${chunk} for update skip locked`.execute(tx);
      await remeasure(
        tx,
        rows.map((row) => row.key),
        settings,
        now,
      );
      return rows.length;
    });
    total += count;
    if (count < chunk) return total;
  }
}
