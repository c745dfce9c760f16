/**
 * The team hub's records in IndexedDB: the connection (with its token), the outbox of batches to
 * send, the sending state, the team's display names and the alerts already shown. The worker
 * writes the outbox (ingest queues, hub-sync removes); Settings → Team writes the connection.
 */
import type { IDBPTransaction } from 'idb';
import type { CsObservations } from '../messaging/protocol';
import type { ReplylineDb } from './db';
import type { HubAlertsState, HubConnectionState, HubSyncState, OutboxRecord, ReplylineDB, StoreName } from './schema';

export const EMPTY_SYNC: HubSyncState = {
  lastSyncAt: null,
  duplicates: 0,
  sent: 0,
  lastError: null,
  lastErrorAt: null,
  failures: 0,
  nextRetryAt: null,
};

/**
 * What leaves this browser for the hub: timing metadata, ids, tags, ratings and the agent's id.
 * The page address keeps only its origin and path (a query may hold a search); adapter health
 * and the compose checks stay here. The observations themselves carry no message text.
 */
export function sharedBatch(batch: CsObservations): CsObservations {
  let url = batch.origin;
  try {
    const parsed = new URL(batch.url);
    url = `${parsed.origin}${parsed.pathname}`;
  } catch {
    // An unparsable page address is not sent at all.
  }
  return {
    type: 'cs:observations',
    documentId: batch.documentId,
    helpdesk: batch.helpdesk,
    origin: batch.origin,
    seq: batch.seq,
    url,
    ...(batch.agentId !== undefined && { agentId: batch.agentId }),
    ...(batch.focusedConversationId !== undefined && { focusedConversationId: batch.focusedConversationId }),
    conversations: batch.conversations,
    activity: batch.activity,
  };
}

type StateTx = IDBPTransaction<ReplylineDB, StoreName[], 'readwrite'>;

/**
 * Queues a batch inside the ingest's own transaction (so a batch is stored and queued, or
 * neither). Only an agent's connection with sharing on queues anything. Returns whether it queued.
 */
export async function queueForHub(tx: StateTx, batch: CsObservations, now: number): Promise<boolean> {
  const connection = (await tx.objectStore('state').get('hub')) as HubConnectionState | undefined;
  if (!connection || connection.paused || connection.role !== 'agent') return false;
  await tx.objectStore('hubOutbox').add({ batchKey: `${batch.documentId}|${batch.seq}`, batch: sharedBatch(batch), queuedAt: now });
  return true;
}

export async function getHubConnection(db: ReplylineDb): Promise<HubConnectionState | null> {
  return ((await db.get('state', 'hub')) as HubConnectionState | undefined) ?? null;
}

export async function getHubSync(db: ReplylineDb): Promise<HubSyncState> {
  return ((await db.get('state', 'hubSync')) as HubSyncState | undefined) ?? EMPTY_SYNC;
}

export async function saveHubSync(db: ReplylineDb, patch: Partial<HubSyncState>): Promise<HubSyncState> {
  const tx = db.transaction('state', 'readwrite');
  const next = { ...EMPTY_SYNC, ...((await tx.store.get('hubSync')) as HubSyncState | undefined), ...patch };
  await tx.store.put(next, 'hubSync');
  await tx.done;
  return next;
}

/** Stores a new connection; the outbox and sending state start empty. */
export async function saveHubConnection(db: ReplylineDb, connection: HubConnectionState): Promise<void> {
  const tx = db.transaction(['state', 'hubOutbox'], 'readwrite');
  await tx.objectStore('state').put(connection, 'hub');
  await tx.objectStore('state').put(EMPTY_SYNC, 'hubSync');
  await tx.objectStore('state').put({ since: connection.connectedAt, shown: [] } satisfies HubAlertsState, 'hubAlerts');
  await tx.objectStore('hubOutbox').clear();
  await tx.done;
}

/** Changes the stored connection's pause or alert preferences (the outbox stays as it is). */
export async function updateHubConnection(
  db: ReplylineDb,
  patch: Partial<Pick<HubConnectionState, 'paused' | 'alerts'>>,
): Promise<HubConnectionState | null> {
  const tx = db.transaction('state', 'readwrite');
  const current = (await tx.store.get('hub')) as HubConnectionState | undefined;
  const next = current ? { ...current, ...patch } : null;
  if (next) await tx.store.put(next, 'hub');
  await tx.done;
  return next;
}

export function setSharingPaused(db: ReplylineDb, paused: boolean): Promise<HubConnectionState | null> {
  return updateHubConnection(db, { paused });
}

/**
 * Disconnects: the token, the sending state and the unsent batches are deleted. The team's names
 * follow when the worker hears of it (deleteHubNamesUnlessConnected): it is the names store's one writer.
 */
export async function deleteHubConnection(db: ReplylineDb): Promise<void> {
  const tx = db.transaction(['state', 'hubOutbox'], 'readwrite');
  for (const key of ['hub', 'hubSync', 'hubAlerts'] as const) await tx.objectStore('state').delete(key);
  // Records written before the names store had the team's names under 'hubAgents'.
  await tx.objectStore('state').delete('hubAgents');
  await tx.objectStore('hubOutbox').clear();
  await tx.done;
}

export async function outboxSize(db: ReplylineDb): Promise<number> {
  return db.count('hubOutbox');
}

/** The oldest `limit` queued batches, in sending order. */
export async function peekOutbox(db: ReplylineDb, limit: number): Promise<OutboxRecord[]> {
  const out: OutboxRecord[] = [];
  let cursor = await db.transaction('hubOutbox').store.openCursor();
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** Removes exactly the records the hub acknowledged (by id, never "the first n"). */
export async function removeFromOutbox(db: ReplylineDb, ids: readonly number[]): Promise<void> {
  const tx = db.transaction('hubOutbox', 'readwrite');
  for (const id of ids) await tx.store.delete(id);
  await tx.done;
}

export async function getHubAlerts(db: ReplylineDb): Promise<HubAlertsState | null> {
  return ((await db.get('state', 'hubAlerts')) as HubAlertsState | undefined) ?? null;
}

export async function saveHubAlerts(db: ReplylineDb, state: HubAlertsState): Promise<void> {
  await db.put('state', state, 'hubAlerts');
}
