/**
 * Events of equal time keep the helpdesk's order from the page to the engine: Zendesk API
 * fixtures → adapter → ingest (fake IndexedDB) → stored → measured. One audit holds the agent's
 * reply and "solved"; their event ids (9999999999, 10000000000) sort the other way round as
 * storage keys, which is how storage hands them back.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { createSameOriginFetch } from '../../../lib/adapters/framework/api-source';
import { ZendeskApi } from '../../../lib/adapters/zendesk/api';
import { handleContentMessage } from '../../../lib/background/ingest';
import { conversationKey, type CsObservations } from '../../../lib/messaging/protocol';
import { toEngineConversation } from '../../../lib/measure/input';
import { exportEverything, importEverything } from '../../../lib/storage/backup';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import type { EventRecord } from '../../../lib/measure/stored';

const FIXTURES = join(__dirname, '../../fixtures/zendesk');
const ORIGIN = 'https://acme.zendesk.com';
const KEY = conversationKey('zendesk', ORIGIN, '1240');
const CREATED = Date.parse('2026-11-24T10:00:00Z');
const SOLVED = Date.parse('2026-11-24T10:07:00Z');
const DB = 'replyline-event-order-test';

const FILES: Record<string, string> = {
  '/api/v2/users/me.json': 'me.json',
  '/api/v2/tickets/1240.json': 'ticket-1240.json',
  '/api/v2/tickets/1240/audits.json': 'audits-1240-reply-and-solve.json',
  '/api/v2/users/show_many.json?ids=501,601': 'users-show-many.json',
  '/api/v2/tickets/1240/metrics.json': 'metrics-1240.json',
};

const fetchJson = createSameOriginFetch({
  origin: ORIGIN,
  fetch: (async (href: string) => {
    const url = new URL(href);
    const file = FILES[url.pathname + decodeURIComponent(url.search)];
    return file ? new Response(readFileSync(join(FIXTURES, file), 'utf8')) : new Response('{}', { status: 404 });
  }) as unknown as typeof fetch,
});

let db: ReplylineDb;
beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

async function ingestTicket1240(): Promise<void> {
  const conversation = await new ZendeskApi().conversation('1240', fetchJson);
  const message: CsObservations = {
    type: 'cs:observations',
    documentId: 'doc-order-0001',
    helpdesk: 'zendesk',
    origin: ORIGIN,
    seq: 0,
    url: `${ORIGIN}/agent/tickets/1240`,
    agentId: '601',
    focusedConversationId: '1240',
    conversations: [conversation],
    activity: [],
  };
  const { reply } = await handleContentMessage(message, db, SOLVED + 60_000);
  expect(reply.ok).toBe(true);
}

describe('equal times keep the helpdesk order through storage', () => {
  it('the adapter numbers the audit events in Zendesk order', async () => {
    const conversation = await new ZendeskApi().conversation('1240', fetchJson);
    expect(conversation.missing).toBeUndefined();
    expect(conversation.events).toEqual([
      { id: '9999999990', at: CREATED, type: 'message', author: 'customer', public: true, position: 0 },
      { id: '9999999991', at: CREATED, type: 'status', status: 'open', position: 1 },
      { id: '9999999999', at: SOLVED, type: 'message', author: 'agent', public: true, agentId: '601', position: 2 },
      { id: '10000000000', at: SOLVED, type: 'status', status: 'resolved', agentId: '601', position: 3 },
      { id: '10000000001', at: SOLVED, type: 'assignment', agentId: '601', position: 4 },
    ]);
  });

  it('storage hands the events back by key; measuring puts the reply before the resolution', async () => {
    await ingestTicket1240();
    const stored = await db.getAllFromIndex('events', 'by-conversation', KEY);
    // Key order: "…|10000000000" and "…|10000000001" sort before "…|9999999990".
    expect(stored.map((record) => record.event.id)).toEqual(['10000000000', '10000000001', '9999999990', '9999999991', '9999999999']);
    const record = await db.get('conversations', KEY);
    const input = toEngineConversation(record!, stored, []);
    expect(input?.events.map((event) => event.id)).toEqual(['9999999990', '9999999991', '9999999999', '10000000000', '10000000001']);

    const metrics = (await db.get('metrics', KEY))!.metrics;
    expect(metrics.status).toBe('resolved');
    expect(metrics.firstResponse).toMatchObject({ seconds: 420, startedAt: CREATED, repliedAt: SOLVED, agentId: '601' });
    expect(metrics.resolutions).toHaveLength(1);
    expect(metrics.resolutions[0]).toMatchObject({ seconds: 420, startedAt: CREATED, resolvedAt: SOLVED, agentId: '601' });
    expect(metrics.reopens).toBe(0);
    expect(metrics.oneTouch).toBe(true);
  });

  it('a backup keeps the order in its timeline array, and a restore stores it again', async () => {
    await ingestTicket1240();
    const backup = await exportEverything(db, SOLVED + 120_000);
    const exported = backup.timelines[0].conversations.find((c) => c.id === '1240')!;
    expect(exported.events.map((event) => [event.id, event.type])).toEqual([
      ['9999999990', 'message'],
      ['9999999991', 'status'],
      ['9999999999', 'message'],
      ['10000000000', 'status'],
      ['10000000001', 'assignment'],
    ]);

    const restoredName = `${DB}-restored`;
    const restored = await openReplylineDb({ name: restoredName });
    try {
      await importEverything(restored, JSON.stringify(backup), SOLVED + 180_000);
      const stored = await restored.getAllFromIndex('events', 'by-conversation', KEY);
      expect(stored.map((record) => [record.event.id, record.event.position])).toEqual([
        ['10000000000', 3],
        ['10000000001', 4],
        ['9999999990', 0],
        ['9999999991', 1],
        ['9999999999', 2],
      ]);
      const metrics = (await restored.get('metrics', KEY))!.metrics;
      expect(metrics.firstResponse?.seconds).toBe(420);
      expect(metrics.resolutions.map((r) => r.seconds)).toEqual([420]);
      expect(metrics.oneTouch).toBe(true);
    } finally {
      restored.close();
      await deleteDB(restoredName);
    }
  });

  it('events stored without a position (older data) follow the numbered ones of the same time', () => {
    const record = { key: KEY, helpdesk: 'zendesk', origin: ORIGIN, conversationId: '1240', createdAt: CREATED } as Parameters<
      typeof toEngineConversation
    >[0];
    const events: EventRecord[] = [
      { key: `${KEY}|b`, conversationKey: KEY, event: { id: 'b', at: SOLVED, type: 'status', status: 'resolved' } },
      { key: `${KEY}|c`, conversationKey: KEY, event: { id: 'c', at: SOLVED, type: 'message', author: 'agent', position: 1 } },
      { key: `${KEY}|a`, conversationKey: KEY, event: { id: 'a', at: CREATED, type: 'message', author: 'customer', position: 0 } },
    ];
    expect(toEngineConversation(record, events, [])?.events.map((event) => event.id)).toEqual(['a', 'c', 'b']);
  });
});
