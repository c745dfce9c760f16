/**
 * Ingest: observation batches from the extension's outbox and pushed timeline files, one
 * transaction per request. Idempotent by batch (documentId + seq; a timeline by its content
 * hash); events deduplicated per conversation by event id, so two agents seeing one
 * conversation store it once. Records merge with the extension's own rule (lib/measure/merge.ts),
 * then the changed conversations are measured again and the queue is told.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { IngestResponse } from '../../lib/hub/protocol';
import type { CsObservations, ObservedConversation } from '../../lib/messaging/protocol';
import { mergeConversation } from '../../lib/measure/merge';
import { eventKey, type ActivityRecord, type ConversationRecord, type EventRecord } from '../../lib/measure/stored';
import type { Conversation } from '../../lib/engine/events';
import type { TimelineFile } from '../../lib/timeline/schema';
import type { Database } from './db';
import { measureRow, measuringSettings, observedFromTimeline } from './measure';
import {
  ensureConversations,
  readStoredRows,
  readTeamSettings,
  upsertActivity,
  upsertEvents,
  writeMeasured,
  type MeasuredWrite,
  type Tx,
} from './store';

export interface Writer {
  tokenId: string;
  /** The token's agent (observations and activity are credited to it, never to the body). */
  agentId: string | null;
}

interface Observation {
  helpdesk: string;
  origin: string;
  observed: ObservedConversation;
  seenAt: number;
}

const key = (helpdesk: string, origin: string, id: string) => `${helpdesk}|${origin}|${id}`;

/** Applies observations in order within one transaction; returns the number of new events. */
async function apply(
  tx: Tx,
  writer: Writer,
  observations: readonly Observation[],
  spans: readonly (ActivityRecord & { helpdesk: string; origin: string; conversationId: string })[],
  now: number,
): Promise<{ events: number; keys: string[] }> {
  const settings = measuringSettings(await readTeamSettings(tx, 'share'));
  const touched = new Map<string, { key: string; helpdesk: string; origin: string; conversationId: string; seenAt: number }>();
  for (const o of observations) {
    const k = key(o.helpdesk, o.origin, o.observed.conversationId);
    if (!touched.has(k))
      touched.set(k, { key: k, helpdesk: o.helpdesk, origin: o.origin, conversationId: o.observed.conversationId, seenAt: o.seenAt });
  }
  for (const s of spans) {
    if (!touched.has(s.conversationKey)) {
      touched.set(s.conversationKey, {
        key: s.conversationKey,
        helpdesk: s.helpdesk,
        origin: s.origin,
        conversationId: s.conversationId,
        seenAt: now,
      });
    }
  }
  if (touched.size === 0) return { events: 0, keys: [] };
  await ensureConversations(tx, [...touched.values()]);
  const keys = [...touched.keys()].sort();
  const rows = await readStoredRows(tx, keys, true);

  const records = new Map<string, { record: ConversationRecord; lastSeenAt: number }>();
  const events = new Map<string, EventRecord>();
  const current = (k: string): ConversationRecord | undefined => records.get(k)?.record ?? rows.get(k)?.record ?? undefined;
  for (const o of observations) {
    const k = key(o.helpdesk, o.origin, o.observed.conversationId);
    const record = mergeConversation(current(k), o.observed, o.helpdesk, o.origin, o.seenAt);
    records.set(k, { record, lastSeenAt: Math.max(records.get(k)?.lastSeenAt ?? 0, o.seenAt) });
    for (const event of o.observed.events ?? [])
      events.set(eventKey(k, event.id), { key: eventKey(k, event.id), conversationKey: k, event });
  }
  for (const s of spans) {
    if (current(s.conversationKey)) continue;
    // Activity on a conversation never observed otherwise: an empty record, as the worker makes.
    const record = mergeConversation(undefined, { conversationId: s.conversationId }, s.helpdesk, s.origin, now);
    records.set(s.conversationKey, { record, lastSeenAt: now });
  }
  const added = await upsertEvents(tx, events);
  const appliedSpans = await upsertActivity(tx, new Map(spans.map((s) => [s.key, s])));

  // Measured from what was read plus what this request wrote: no second read.
  const newEvents = groupBy(events.values(), (e) => e.conversationKey);
  const newSpans = groupBy(appliedSpans.values(), (s) => s.conversationKey);
  const agents = writer.agentId ? [writer.agentId] : [];
  const writes: MeasuredWrite[] = [];
  for (const k of keys) {
    const row = rows.get(k);
    const record = current(k);
    if (!row || !record) continue;
    const eventsByKey = new Map(row.events.map((e) => [e.key, e]));
    for (const e of newEvents.get(k) ?? []) eventsByKey.set(e.key, e);
    const activity = [...row.activity.filter((a) => !appliedSpans.has(a.key)), ...(newSpans.get(k) ?? [])];
    const stored = { record, events: [...eventsByKey.values()], activity };
    const merged = records.get(k);
    writes.push({
      key: k,
      record,
      ...(merged && { merged: { lastSeenAt: merged.lastSeenAt } }),
      measured: measureRow(stored, settings, now, [...new Set([...row.agents, ...agents])]),
    });
  }
  await writeMeasured(tx, writes, now, true);
  return { events: added, keys };
}

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

export interface IngestResult extends IngestResponse {
  keys: string[];
}

export async function ingestObservations(
  database: Database,
  writer: Writer,
  batches: readonly CsObservations[],
  now: number,
): Promise<IngestResult> {
  return database.db.transaction().execute(async (tx) => {
    // Claim the batches; the ones already applied (or repeated in this request) are skipped.
    const unique = new Map<string, CsObservations>();
    for (const batch of batches) if (!unique.has(`${batch.documentId}|${batch.seq}`)) unique.set(`${batch.documentId}|${batch.seq}`, batch);
    const claims = [...unique.values()].map((b) => ({ d: b.documentId, s: b.seq }));
    const { rows } = await sql<{ document_id: string; seq: number }>`
      insert into batches (document_id, seq, token_id, applied_at)
      select x.d, x.s, ${writer.tokenId}, ${now} from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) as x(d text, s int)
      on conflict do nothing returning document_id, seq`.execute(tx);
    const claimed = new Set(rows.map((row) => `${row.document_id}|${row.seq}`));
    const fresh = [...unique.values()].filter((b) => claimed.has(`${b.documentId}|${b.seq}`));

    const observations: Observation[] = [];
    const spans: (ActivityRecord & { helpdesk: string; origin: string; conversationId: string })[] = [];
    for (const batch of fresh) {
      for (const observed of batch.conversations)
        observations.push({ helpdesk: batch.helpdesk, origin: batch.origin, observed, seenAt: now });
      for (const span of batch.activity) {
        if (span.end <= span.start) continue;
        spans.push({
          key: `${batch.documentId}|${span.start}`,
          documentId: batch.documentId,
          conversationKey: key(batch.helpdesk, batch.origin, span.conversationId),
          // The agent is the token's: a page cannot credit time to someone else.
          agentId: writer.agentId ?? span.agentId,
          start: span.start,
          end: span.end,
          kind: span.kind,
          helpdesk: batch.helpdesk,
          origin: batch.origin,
          conversationId: span.conversationId,
        });
      }
    }
    const { events, keys } = await apply(tx, writer, observations, spans, now);
    // Shown on a page, unchanged: the row is fresh again (nothing to measure).
    const seen = fresh.flatMap((batch) => (batch.seen ?? []).map((id) => key(batch.helpdesk, batch.origin, id)));
    if (seen.length > 0) {
      await sql`update conversations set last_seen_at = greatest(last_seen_at, ${now})
        where key = any(${sql.val(seen)}::text[]) and last_seen_at < ${now}`.execute(tx);
    }
    return { accepted: fresh.length, duplicates: batches.length - fresh.length, events, keys };
  });
}

/** `POST /v1/timeline`: a validated `replyline.timeline/1` document and its engine conversations. */
export async function ingestTimeline(
  database: Database,
  writer: Writer,
  text: string,
  timeline: TimelineFile,
  conversations: readonly Conversation[],
  now: number,
): Promise<IngestResult> {
  const digest = createHash('sha256').update(text).digest('hex');
  return database.db.transaction().execute(async (tx) => {
    const { rows } = await sql`
      insert into batches (document_id, seq, token_id, applied_at) values (${`timeline:${digest}`}, 0, ${writer.tokenId}, ${now})
      on conflict do nothing returning seq`.execute(tx);
    if (rows.length === 0) return { accepted: 0, duplicates: 1, events: 0, keys: [] };
    const helpdesk = timeline.source?.helpdesk ?? 'timeline';
    const origin = timeline.source?.origin ?? '';
    const observed = observedFromTimeline(timeline, conversations);
    // A file is as fresh as it says: its generatedAt, else its latest event.
    const observations = observed.map((o) => {
      const latest = Math.max(o.createdAt ?? 0, ...(o.events ?? []).map((e) => e.until ?? e.at));
      const seenAt = timeline.generatedAt !== undefined ? Date.parse(timeline.generatedAt) : latest;
      return { helpdesk, origin, observed: o, seenAt: Math.min(seenAt, now) };
    });
    const { events, keys } = await apply(tx, writer, observations, [], now);
    return { accepted: 1, duplicates: 0, events, keys };
  });
}
