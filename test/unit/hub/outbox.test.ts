import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { handleContentMessage } from '../../../lib/background/ingest';
import {
  deleteHubConnection,
  getHubConnection,
  getHubSync,
  outboxSize,
  peekOutbox,
  saveHubConnection,
  setSharingPaused,
} from '../../../lib/storage/hub';
import { DEFAULT_HUB_ALERTS, type HubConnectionState } from '../../../lib/storage/schema';
import type { HubSyncDeps } from '../../../lib/background/hub-sync';
import { MIN, T0, batch, listRow, viewC1 } from '../../fixtures/storage/observations';
import { AGENT_TOKEN, FakeHub, HUB_URL, SUPERVISOR_TOKEN } from './fake-hub';

type SyncModule = typeof import('../../../lib/background/hub-sync');

const DB = 'replyline-outbox-test';
let db: ReplylineDb;
let hub: FakeHub;
let alarms: Map<string, number>;
let clock: number;
let sync: SyncModule;

function connection(extra: Partial<HubConnectionState> = {}): HubConnectionState {
  return {
    hubUrl: HUB_URL,
    origin: HUB_URL,
    token: AGENT_TOKEN,
    role: 'agent',
    name: 'Ada Lovelace',
    agentId: 'a-1',
    tokenId: 't-1',
    connectedAt: T0,
    paused: false,
    alerts: DEFAULT_HUB_ALERTS,
    ...extra,
  };
}

function deps(): HubSyncDeps {
  return {
    fetch: hub.fetch,
    now: () => clock,
    alarms: {
      create: (name, info) => alarms.set(name, info.when),
      clear: async (name) => alarms.delete(name),
    },
  };
}

/** A fresh worker module (its in-memory single-flight state gone), the same IndexedDB. */
async function restartWorker(): Promise<void> {
  vi.resetModules();
  db.close();
  db = await openReplylineDb({ name: DB });
  sync = await import('../../../lib/background/hub-sync');
}

async function ingest(documentId: string, seq: number, conversations = [viewC1()], extra = {}) {
  const result = await handleContentMessage(batch(documentId, seq, conversations, extra), db, clock);
  expect(result.reply.ok).toBe(true);
  return result;
}

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  hub = new FakeHub();
  alarms = new Map();
  clock = T0 + 20 * MIN;
  sync = await import('../../../lib/background/hub-sync');
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

describe('hub outbox', () => {
  it('queues each accepted batch once in its ingest transaction and sends them in order, removing them after the 2xx', async () => {
    await saveHubConnection(db, connection());
    expect((await ingest('doc-aaaaaaaa', 0)).queued).toBe(true);
    expect((await ingest('doc-aaaaaaaa', 1, [listRow('c-2', T0, T0)])).queued).toBe(true);
    // The page re-sends seq 1 (no acknowledgement reached it): stored once, queued once.
    expect((await ingest('doc-aaaaaaaa', 1, [listRow('c-2', T0, T0)])).queued).toBe(false);
    expect((await ingest('doc-bbbbbbbb', 0, [listRow('c-3', T0, null)])).queued).toBe(true);
    expect(await outboxSize(db)).toBe(3);

    const result = await sync.flushOutbox(db, deps());
    expect(result).toEqual({ acknowledged: 3, error: null });
    expect(hub.requests).toEqual([['doc-aaaaaaaa|0', 'doc-aaaaaaaa|1', 'doc-bbbbbbbb|0']]);
    expect(await outboxSize(db)).toBe(0);
    expect(await getHubSync(db)).toEqual({
      lastSyncAt: T0 + 20 * MIN,
      sent: 3,
      duplicates: 0,
      lastError: null,
      lastErrorAt: null,
      failures: 0,
      nextRetryAt: null,
    });
    expect(alarms.has(sync.HUB_SYNC_ALARM)).toBe(false);
  });

  it('shares timing metadata only: no compose checks, no adapter health, no query string', async () => {
    await saveHubConnection(db, connection());
    await ingest('doc-aaaaaaaa', 0, [viewC1()], {
      url: 'http://localhost:4400/conversations/c-1?search=refund%20please#e-2',
      compose: { conversationId: 'c-1', greeting: true, customerName: false, closing: true, answersQuestion: true, at: T0 },
      health: { route: 'conversation', at: T0, found: { row: 1 }, missing: [] },
      focusedConversationId: 'c-1',
    });
    const [record] = await peekOutbox(db, 10);
    expect(record.batch).toEqual({
      type: 'cs:observations',
      documentId: 'doc-aaaaaaaa',
      helpdesk: 'demo-desk',
      origin: 'http://localhost:4400',
      seq: 0,
      url: 'http://localhost:4400/conversations/c-1',
      agentId: 'a-1',
      focusedConversationId: 'c-1',
      conversations: [viewC1()],
      activity: [],
    });
  });

  it('queues nothing without a connection, while paused, or for a supervisor', async () => {
    expect((await ingest('doc-aaaaaaaa', 0)).queued).toBe(false);
    await saveHubConnection(db, connection({ paused: true }));
    expect((await ingest('doc-aaaaaaaa', 1)).queued).toBe(false);
    await saveHubConnection(db, connection({ role: 'supervisor', token: SUPERVISOR_TOKEN, agentId: null }));
    expect((await ingest('doc-aaaaaaaa', 2)).queued).toBe(false);
    expect(await outboxSize(db)).toBe(0);
  });

  it('offline: keeps every batch, retries with a growing delay, then sends all of them once back online', async () => {
    await saveHubConnection(db, connection());
    await ingest('doc-aaaaaaaa', 0);
    await ingest('doc-aaaaaaaa', 1);
    hub.mode = 'offline';

    const first = await sync.flushOutbox(db, deps());
    expect(first.error).toBe('Could not reach the hub at hub.example.test (offline, or the hub is down).');
    expect(await outboxSize(db)).toBe(2);
    expect(alarms.get(sync.HUB_SYNC_ALARM)).toBe(clock + 30_000);
    let state = await getHubSync(db);
    expect([state.failures, state.lastErrorAt, state.nextRetryAt, state.lastSyncAt]).toEqual([1, clock, clock + 30_000, null]);

    // An hour offline: one more batch arrives meanwhile, the retries back off.
    clock += 30_000;
    await ingest('doc-aaaaaaaa', 2);
    await sync.flushOutbox(db, deps());
    expect(alarms.get(sync.HUB_SYNC_ALARM)).toBe(clock + 60_000);
    clock += 60 * MIN;
    await sync.flushOutbox(db, deps());
    expect(alarms.get(sync.HUB_SYNC_ALARM)).toBe(clock + 120_000);
    expect(await outboxSize(db)).toBe(3);

    hub.mode = 'up';
    expect(await sync.flushOutbox(db, deps())).toEqual({ acknowledged: 3, error: null });
    expect(hub.batches.map((b) => `${b.documentId}|${b.seq}`)).toEqual(['doc-aaaaaaaa|0', 'doc-aaaaaaaa|1', 'doc-aaaaaaaa|2']);
    state = await getHubSync(db);
    expect([state.failures, state.lastError, state.lastSyncAt, state.sent]).toEqual([0, null, clock, 3]);
    expect(await outboxSize(db)).toBe(0);
  });

  it('worker stopped mid-send (the hub stored, the answer never arrived): resent after restart, counted once', async () => {
    await saveHubConnection(db, connection());
    await ingest('doc-aaaaaaaa', 0);
    await ingest('doc-aaaaaaaa', 1);
    hub.mode = 'lose-answer';
    const lost = await sync.flushOutbox(db, deps());
    expect(lost.acknowledged).toBe(0);
    expect(hub.batches).toHaveLength(2);
    expect(await outboxSize(db)).toBe(2);
    // The alarm set before sending is what wakes the stopped worker.
    expect(alarms.has(sync.HUB_SYNC_ALARM)).toBe(true);

    await restartWorker();
    hub.mode = 'up';
    expect(await sync.flushOutbox(db, deps())).toEqual({ acknowledged: 2, error: null });
    expect(hub.batches).toHaveLength(2);
    expect(hub.requests).toEqual([
      ['doc-aaaaaaaa|0', 'doc-aaaaaaaa|1'],
      ['doc-aaaaaaaa|0', 'doc-aaaaaaaa|1'],
    ]);
    const state = await getHubSync(db);
    expect([state.sent, state.duplicates]).toEqual([0, 2]);
    expect(await outboxSize(db)).toBe(0);
  });

  it('concurrent flushes send each batch in one request only; a batch queued during a send goes in the next', async () => {
    await saveHubConnection(db, connection());
    await ingest('doc-aaaaaaaa', 0);
    const first = sync.flushOutbox(db, deps());
    const second = sync.flushOutbox(db, deps());
    await ingest('doc-aaaaaaaa', 1);
    await Promise.all([first, second]);
    expect(hub.requests.flat()).toEqual(['doc-aaaaaaaa|0', 'doc-aaaaaaaa|1']);
    expect(await outboxSize(db)).toBe(0);
  });

  it('a request the hub finds too large is split until it fits', async () => {
    await saveHubConnection(db, connection());
    for (let seq = 0; seq < 5; seq++) await ingest('doc-aaaaaaaa', seq);
    hub.maxBatches = 2;
    expect(await sync.flushOutbox(db, deps())).toEqual({ acknowledged: 5, error: null });
    expect(hub.requests.map((r) => r.length)).toEqual([5, 2, 2, 1]);
    expect(hub.batches.map((b) => b.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a revoked token or a failing hub keeps the batches and says so in plain words', async () => {
    await saveHubConnection(db, connection({ token: 'revoked' }));
    await ingest('doc-aaaaaaaa', 0);
    expect((await sync.flushOutbox(db, deps())).error).toBe(
      "The hub did not accept this connection's token (it may have been revoked). Ask for a new invite and connect again.",
    );
    await saveHubConnection(db, connection());
    await ingest('doc-aaaaaaaa', 1);
    hub.mode = {
      status: 503,
      body: { error: { code: 'unavailable', message: 'database is restarting' } },
      headers: { 'retry-after': '120' },
    };
    expect((await sync.flushOutbox(db, deps())).error).toBe(
      'The hub failed while trying to take the queued observations (HTTP 503): database is restarting.',
    );
    expect(alarms.get(sync.HUB_SYNC_ALARM)).toBe(clock + 120_000);
    expect(await outboxSize(db)).toBe(1);
  });

  it('pausing stops sending; disconnecting deletes the token and the unsent batches', async () => {
    await saveHubConnection(db, connection());
    await ingest('doc-aaaaaaaa', 0);
    await setSharingPaused(db, true);
    expect(await sync.flushOutbox(db, deps())).toEqual({ acknowledged: 0, error: null });
    expect(hub.requests).toEqual([]);
    expect(await outboxSize(db)).toBe(1);
    await deleteHubConnection(db);
    expect(await getHubConnection(db)).toBeNull();
    expect(await outboxSize(db)).toBe(0);
    expect(await db.get('state', 'hubSync')).toBeUndefined();
  });
});

describe('retry delay', () => {
  it('doubles from 30 s and stops growing at 30 minutes', () => {
    expect([1, 2, 3, 4, 6, 7, 20].map(sync.retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 960_000, 1_800_000, 1_800_000]);
  });
});
