/**
 * Ingest of content-script messages: validated, idempotent per (documentId, seq), one
 * IndexedDB transaction per batch (all of a batch is stored or none of it, and only a stored
 * batch is acknowledged). Survives worker restarts because every fact lives in the database.
 */
import type { IDBPTransaction } from 'idb';
import {
  contentToBackgroundSchema,
  conversationKey,
  type BgClockPlans,
  type ClockPlan,
  type CsGetClockPlans,
  type CsObservations,
} from '../messaging/protocol';
import { describeIssues } from '../messaging/router';
import { isQuotaError } from './storage-fault';
import type { ReplylineDb } from '../storage/db';
import { composeStateKey, type ReplylineDB, type StoreName } from '../storage/schema';
import { eventKey } from '../measure/stored';
import type { Settings } from '../settings/model';
import { getSettings } from '../storage/settings';
import { measureStored } from '../measure/measure-stored';
import { readStored, remeasure } from '../storage/read-model';
import { queueForHub } from '../storage/hub';
import { recordPageNames, recordSite } from '../storage/names';
import { withForecasts } from './forecast';
import { mergeConversation } from '../measure/merge';

export { mergeConversation };

/** Applied-batch records older than this are pruned (a page re-sends within seconds). */
export const BATCH_RETENTION_MS = 24 * 60 * 60 * 1000;

const BATCH_STORES: StoreName[] = [
  'batches',
  'conversations',
  'events',
  'activity',
  'metrics',
  'panelMetrics',
  'rollups',
  'health',
  'state',
  'notifications',
  'hubOutbox',
];
type BatchTx = IDBPTransaction<ReplylineDB, StoreName[], 'readwrite'>;
type ReadTx = IDBPTransaction<ReplylineDB, StoreName[], 'readonly' | 'readwrite'>;

export interface IngestResult {
  reply: BgClockPlans;
  /** Conversation keys whose stored data changed (empty for a replay or a rejection). */
  changed: string[];
  /** Why the message could not be handled (a storage error): the page keeps its batch and retries. */
  failure?: unknown;
  /** The batch was queued for the team hub (in the same transaction as its facts). */
  queued?: boolean;
}

/** Validates and handles one message from a content script. Never throws. */
export async function handleContentMessage(raw: unknown, db: ReplylineDb, now: number): Promise<IngestResult> {
  const parsed = contentToBackgroundSchema.safeParse(raw);
  if (!parsed.success) {
    return { reply: { ok: false, error: `invalid message: ${describeIssues(parsed.error.issues)}`, plans: [] }, changed: [] };
  }
  return handleValidContentMessage(parsed.data, db, now);
}

/** Handles one validated message from a content script (the worker's router validated it). Never throws. */
export async function handleValidContentMessage(
  message: CsObservations | CsGetClockPlans,
  db: ReplylineDb,
  now: number,
): Promise<IngestResult> {
  try {
    const settings = await getSettings(db);
    if (message.type === 'cs:observations') return await applyObservations(db, message, settings, now);
    return { reply: { ok: true, plans: await readClockPlans(db, message, settings, now) }, changed: [] };
  } catch (error) {
    return { reply: { ok: false, error: await reportFailure(db, message, error, now), plans: [] }, changed: [], failure: error };
  }
}

/** Records a failed batch as a health error for the side panel; returns the reply's error. */
async function reportFailure(db: ReplylineDb, message: CsObservations | CsGetClockPlans, error: unknown, now: number): Promise<string> {
  const quota = isQuotaError(error);
  const detail = error instanceof Error ? error.message : String(error);
  const text =
    message.type === 'cs:observations'
      ? quota
        ? `Storage is full: batch ${message.seq} was not saved (the page keeps it and retries). Free disk space or clear old data.`
        : `Batch ${message.seq} was not saved: ${detail}`
      : `Clock plans could not be read: ${detail}`;
  try {
    await db.put('health', {
      key: `${message.helpdesk}|${message.origin}|storage`,
      helpdesk: message.helpdesk,
      origin: message.origin,
      route: 'storage',
      at: now,
      found: {},
      missing: [],
      error: text,
    });
  } catch {
    // With a full disk even the error record may not fit; the reply still carries the error.
  }
  return text;
}

async function applyObservations(db: ReplylineDb, message: CsObservations, settings: Settings, now: number): Promise<IngestResult> {
  const tx = db.transaction(BATCH_STORES, 'readwrite') as BatchTx;
  // tx.done rejects on abort; the failure is handled through the thrown error below.
  tx.done.catch(() => undefined);
  const batchKey = `${message.documentId}|${message.seq}`;
  const conversationKeys = message.conversations.map((c) => conversationKey(message.helpdesk, message.origin, c.conversationId));
  try {
    const replay = (await tx.objectStore('batches').get(batchKey)) !== undefined;
    let changed: string[] = [];
    let queued = false;
    let plans: ClockPlan[];
    if (replay) {
      plans = await plansFor(tx, conversationKeys, settings, now);
    } else {
      changed = await writeBatch(tx, message, settings, now);
      const measured = await remeasure(tx, changed, settings, now);
      plans = [];
      for (const key of conversationKeys) {
        const result = measured.get(key);
        if (result) plans.push(result.plan);
      }
      await tx.objectStore('batches').put({ key: batchKey, documentId: message.documentId, seq: message.seq, appliedAt: now });
      await pruneBatches(tx, now);
      // A replay was queued with its first delivery: only a newly stored batch is queued.
      queued = await queueForHub(tx, message, now);
    }
    await tx.done;
    // After the commit: the forecast reads the stored metrics, this batch's included.
    plans = await withForecasts(db, plans, message.helpdesk, message.origin, changed, settings, now);
    return { reply: { ok: true, seq: message.seq, plans }, changed, queued };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by IndexedDB itself (e.g. a quota error at commit).
    }
    throw error;
  }
}

/** Stores the batch's facts; returns the keys of conversations whose data changed. */
async function writeBatch(tx: BatchTx, message: CsObservations, settings: Settings, now: number): Promise<string[]> {
  const { helpdesk, origin, documentId } = message;
  const changed = new Set<string>();
  const conversations = tx.objectStore('conversations');
  const events = tx.objectStore('events');
  for (const observed of message.conversations) {
    const key = conversationKey(helpdesk, origin, observed.conversationId);
    const record = mergeConversation(await conversations.get(key), observed, helpdesk, origin, now);
    await conversations.put(record);
    for (const event of observed.events ?? []) {
      await events.put({ key: eventKey(key, event.id), conversationKey: key, event });
    }
    changed.add(key);
  }

  // Shown on the page, unchanged: still what the page says (nothing to measure again).
  for (const conversationId of message.seen ?? []) {
    const key = conversationKey(helpdesk, origin, conversationId);
    if (changed.has(key)) continue;
    const record = await conversations.get(key);
    if (record && (record.seenAt ?? 0) < now) await conversations.put({ ...record, seenAt: now });
  }

  const activity = tx.objectStore('activity');
  for (const span of message.activity) {
    if (span.end <= span.start) continue;
    const key = conversationKey(helpdesk, origin, span.conversationId);
    const spanKey = `${documentId}|${span.start}`;
    const existing = await activity.get(spanKey);
    if (existing && existing.end >= span.end && existing.conversationKey === key) continue;
    await activity.put({
      key: spanKey,
      documentId,
      conversationKey: key,
      agentId: span.agentId,
      start: span.start,
      end: span.end,
      kind: span.kind,
    });
    if (!(await conversations.get(key))) {
      await conversations.put({
        key,
        helpdesk,
        origin,
        conversationId: span.conversationId,
        hasEvents: false,
        missingFromList: [],
        missingFromView: [],
        unverified: false,
        firstSeenAt: now,
        updatedAt: now,
      });
    }
    changed.add(key);
  }

  if (message.health) {
    const health = message.health;
    await tx.objectStore('health').put({
      key: `${helpdesk}|${origin}|${health.route}`,
      helpdesk,
      origin,
      route: health.route,
      at: health.at,
      found: { ...health.found },
      missing: [...health.missing],
      ...(health.conversations !== undefined ? { conversations: health.conversations } : {}),
      ...(health.missingSince !== undefined ? { missingSince: health.missingSince, lasting: health.lasting ?? false } : {}),
    });
  }
  // A stored batch clears an earlier storage failure of this helpdesk.
  await tx.objectStore('health').delete(`${helpdesk}|${origin}|storage`);

  if (message.agentId) {
    await tx.objectStore('state').put({ helpdesk, origin, agentId: message.agentId, at: now }, 'agent');
  }
  // Customer names are dropped here unless the user allows them (never stored, not only hidden).
  if (message.names) await recordPageNames(tx, { helpdesk, origin, names: message.names }, settings.showCustomerNames === true, now);
  await recordSite(tx, helpdesk, origin, message.url);
  if (message.compose) {
    // Booleans only (the draft never leaves the page); the panel's checklist pre-ticks from them.
    const { conversationId, greeting, customerName, closing, answersQuestion, at } = message.compose;
    const key = conversationKey(helpdesk, origin, conversationId);
    await tx.objectStore('state').put({ conversationKey: key, greeting, customerName, closing, answersQuestion, at }, composeStateKey(key));
    changed.add(key);
  }
  if (typeof message.focusedConversationId === 'string') {
    await tx.objectStore('state').put(
      {
        conversationKey: conversationKey(helpdesk, origin, message.focusedConversationId),
        helpdesk,
        origin,
        conversationId: message.focusedConversationId,
        agentId: message.agentId ?? null,
        at: now,
      },
      'focus',
    );
  }
  return [...changed];
}

async function plansFor(tx: ReadTx, keys: string[], settings: Settings, now: number): Promise<ClockPlan[]> {
  const plans: ClockPlan[] = [];
  for (const key of keys) {
    const stored = await readStored(tx, key);
    if (stored) plans.push(measureStored(stored, settings, now).plan);
  }
  return plans;
}

async function pruneBatches(tx: BatchTx, now: number): Promise<void> {
  const index = tx.objectStore('batches').index('by-appliedAt');
  let cursor = await index.openCursor(IDBKeyRange.upperBound(now - BATCH_RETENTION_MS, true));
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
}

/** Plans for the conversations a page asks about (unknown ids are left out). */
export async function readClockPlans(db: ReplylineDb, message: CsGetClockPlans, settings: Settings, now: number): Promise<ClockPlan[]> {
  const tx = db.transaction(['conversations', 'events', 'activity'], 'readonly') as unknown as ReadTx;
  const keys = message.conversationIds.map((id) => conversationKey(message.helpdesk, message.origin, id));
  const plans = await plansFor(tx, keys, settings, now);
  await tx.done;
  return withForecasts(db, plans, message.helpdesk, message.origin, [], settings, now);
}
