/**
 * Reconciling: each API-backed adapter's question to its helpdesk (fixtures shaped as each API
 * answers, exact values, a broken variant), the Demo Desk's against its real server, and the
 * page loop (fake timers): what it reports as seen, what it asks the worker, and that it asks
 * the helpdesk at most once a second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatwootAdapter } from '../../../lib/adapters/chatwoot/adapter';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import { readDemoDeskSummaries } from '../../../lib/adapters/demodesk/reconcile';
import { ApiError, createSameOriginFetch, type FetchJson } from '../../../lib/adapters/framework/api-source';
import { startReconciler, type Reconciler } from '../../../lib/adapters/framework/reconcile';
import type { AdapterReconcile } from '../../../lib/adapters/framework/types';
import { createFreeScoutAdapter } from '../../../lib/adapters/freescout/adapter';
import { zammadAdapter } from '../../../lib/adapters/zammad/adapter';
import { ZammadApi } from '../../../lib/adapters/zammad/api';
import { zendeskAdapter } from '../../../lib/adapters/zendesk/adapter';
import { ZendeskApi } from '../../../lib/adapters/zendesk/api';
import { ChatwootApi } from '../../../lib/adapters/chatwoot/api';
import { RECONCILED_HELPDESKS } from '../../../lib/measure/freshness';
import type { ContentToBackground, CsObservations, CsStaleOpen, ObservedConversation } from '../../../lib/messaging/protocol';
import { startDemoDesk, type DemoDesk } from '../../../demo/server/main';

const FIXTURES = join(__dirname, '../../fixtures');
const iso = (s: string) => Date.parse(s);

/** Serves fixture files by path + query; anything else is a 404. Records what was asked. */
function fixtureFetch(origin: string, files: Record<string, string>) {
  const asked: string[] = [];
  const fetch = (async (href: string) => {
    const url = new URL(href);
    const key = url.pathname + decodeURIComponent(url.search);
    asked.push(key);
    const file = files[key];
    return file ? new Response(readFileSync(join(FIXTURES, file), 'utf8'), { status: 200 }) : new Response('{}', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  return { fetchJson: createSameOriginFetch({ origin, fetch }), asked };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof ApiError ? error.report : String(error);
  }
  return 'no failure';
}

describe('which adapters reconcile', () => {
  it('is exactly the list the worker and the Team view rely on', () => {
    const adapters = [demoDeskAdapter, zendeskAdapter, chatwootAdapter, zammadAdapter, createFreeScoutAdapter({ timeZone: () => 'UTC' })];
    expect(adapters.filter((a) => a.reconcile).map((a) => a.id)).toEqual([...RECONCILED_HELPDESKS]);
  });
});

describe('Zendesk: show_many', () => {
  const ORIGIN = 'https://acme.zendesk.com';
  it('asks for up to 100 tickets in one request and reads them as view rows', async () => {
    const { fetchJson, asked } = fixtureFetch(ORIGIN, {
      '/api/v2/tickets/show_many.json?ids=1234,1240,1299': 'zendesk/tickets-show-many.json',
    });
    const read = await new ZendeskApi().reconcile(['1234', '1240', '1299'], fetchJson);
    expect(asked).toEqual(['/api/v2/tickets/show_many.json?ids=1234,1240,1299']);
    // 1299 is not in the answer (Zendesk leaves out tickets the agent cannot see): nothing is said of it.
    expect(read).toEqual([
      {
        conversationId: '1234',
        status: 'resolved',
        assigneeId: '601',
        createdAt: iso('2026-11-24T08:50:00Z'),
        customerId: '534',
        channel: 'email',
        priority: 'normal',
        tags: ['billing', 'invoice'],
      },
      {
        conversationId: '1240',
        status: 'snoozed',
        assigneeId: null,
        createdAt: iso('2026-11-24T09:30:00Z'),
        customerId: '535',
        channel: 'web',
        tags: [],
      },
    ]);
  });

  it('takes at most 100 ids per request and skips ids that are not ticket numbers', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => String(1000 + i));
    const { fetchJson, asked } = fixtureFetch(ORIGIN, {});
    await failure(new ZendeskApi().reconcile(['x-1', ...ids], fetchJson));
    expect(asked).toEqual([`/api/v2/tickets/show_many.json?ids=${ids.slice(0, 100).join(',')}`]);
    expect(zendeskAdapter.reconcile!.batch).toBe(100);
  });

  it('a renamed field fails the whole answer by its path (nothing read)', async () => {
    const { fetchJson } = fixtureFetch(ORIGIN, {
      '/api/v2/tickets/show_many.json?ids=1234,1240': 'zendesk/tickets-show-many-renamed-status.json',
    });
    expect(await failure(new ZendeskApi().reconcile(['1234', '1240'], fetchJson))).toBe('shape:show_many.tickets.1.status');
  });
});

describe('Chatwoot: one conversation per request', () => {
  const ORIGIN = 'https://app.chatwoot.com';
  it('reads status, assignee and waiting_since as list rows are read', async () => {
    const { fetchJson, asked } = fixtureFetch(ORIGIN, { '/api/v1/accounts/1/conversations/42': 'chatwoot/conversation-42.json' });
    const read = await new ChatwootApi().reconcile(['1:42'], fetchJson);
    expect(asked).toEqual(['/api/v1/accounts/1/conversations/42']);
    expect(read).toEqual([
      {
        conversationId: '1:42',
        status: 'open',
        createdAt: 1795510200_000,
        assigneeId: '7',
        tags: ['billing'],
        channel: 'Channel::WebWidget',
        customerId: '501',
        waitingSince: 1795512598_000,
      },
    ]);
    expect(chatwootAdapter.reconcile!.batch).toBe(1);
  });

  it('a deleted conversation (404) fails the request and names it', async () => {
    const { fetchJson } = fixtureFetch(ORIGIN, {});
    expect(await failure(new ChatwootApi().reconcile(['1:43'], fetchJson))).toBe('http-404:/api/v1/accounts/:id/conversations/:id');
  });
});

describe('Zammad: one ticket per request, states by type', () => {
  const ORIGIN = 'https://helpdesk.example.org';
  it('reads the plain ticket with the state table', async () => {
    const { fetchJson, asked } = fixtureFetch(ORIGIN, {
      '/api/v1/ticket_states?expand=true': 'zammad/api-ticket-states.json',
      '/api/v1/tickets/42': 'zammad/api-ticket-42-plain.json',
    });
    const read = await new ZammadApi().reconcile(['42'], fetchJson);
    expect(asked).toEqual(['/api/v1/ticket_states?expand=true', '/api/v1/tickets/42']);
    // state 4 is of type "closed"; owner 7; the agent's last contact (09:52) is after the customer's (09:40): nobody waits.
    expect(read).toEqual([
      {
        conversationId: '42',
        createdAt: iso('2026-11-24T08:50:12.345Z'),
        status: 'resolved',
        assigneeId: '7',
        customerId: '11',
        escalationAt: null,
        waitingSince: null,
      },
    ]);
  });

  it('a state table without types reports it and reads no ticket', async () => {
    const { fetchJson, asked } = fixtureFetch(ORIGIN, {
      '/api/v1/ticket_states?expand=true': 'zammad/api-ticket-states-without-type.json',
      '/api/v1/tickets/42': 'zammad/api-ticket-42-plain.json',
    });
    expect(await failure(new ZammadApi().reconcile(['42'], fetchJson))).toBe('shape:states.0.state_type');
    expect(asked).toEqual(['/api/v1/ticket_states?expand=true']);
  });
});

describe('Demo Desk: its own API, against the real server', () => {
  let desk: DemoDesk;
  beforeEach(async () => {
    desk = await startDemoDesk({
      port: 0,
      host: '127.0.0.1',
      sim: false,
      conversations: 0,
      seed: 3,
      clock: 'manual',
      frozenAt: iso('2026-11-25T12:00:00Z'),
    });
  });
  afterEach(() => desk.close());

  it('reads the summaries the inbox renders; unknown ids are left out', async () => {
    const a = desk.store.createConversation({ customerName: 'Ann', channel: 'chat', body: 'Hi', at: iso('2026-11-25T11:40:00Z') });
    const b = desk.store.createConversation({ customerName: 'Ben', channel: 'email', body: 'Hello', at: iso('2026-11-25T11:50:00Z') });
    desk.store.addMessage(b.id, { author: 'agent', agentId: 'a-1', body: 'On it', at: iso('2026-11-25T11:52:00Z') });
    desk.store.setStatus(b.id, { status: 'resolved', agentId: 'a-1', at: iso('2026-11-25T11:55:00Z') });
    const fetchJson: FetchJson = createSameOriginFetch({ origin: new URL(desk.url).origin, fetch: globalThis.fetch });
    const read = await readDemoDeskSummaries([a.id, b.id, 'c-999'], fetchJson);
    expect(read).toEqual([
      {
        conversationId: a.id,
        channel: 'chat',
        customerId: a.customerId,
        status: 'open',
        assigneeId: null,
        createdAt: iso('2026-11-25T11:40:00Z'),
        waitingSince: iso('2026-11-25T11:40:00Z'),
      },
      {
        conversationId: b.id,
        channel: 'email',
        customerId: b.customerId,
        status: 'resolved',
        assigneeId: null,
        createdAt: iso('2026-11-25T11:50:00Z'),
        waitingSince: null,
      },
    ]);
  });
});

describe('the page loop', () => {
  const ORIGIN = 'https://desk.example';
  let visible: string[];
  let sent: ContentToBackground[];
  let worker: (message: CsStaleOpen) => string[];
  let reads: Array<{ at: number; ids: string[] }>;
  let answers: (ids: string[]) => ObservedConversation[] | Error;
  let reconciler: Reconciler | null;

  function start(batch: number) {
    const reconcile: AdapterReconcile = {
      batch,
      read: async (ids) => {
        reads.push({ at: Date.now(), ids });
        const answer = answers(ids);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    reconciler = startReconciler(
      { id: 'demo-desk', reconcile },
      {
        helpdesk: 'demo-desk',
        origin: ORIGIN,
        now: () => Date.now(),
        timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) },
        sendMessage: async (message) => {
          sent.push(message);
          if (message.type === 'cs:get-stale-open') return { ok: true, conversationIds: worker(message) };
          if (message.type === 'cs:observations') return { ok: true, seq: message.seq, plans: [] };
          return { ok: true, plans: [] };
        },
        fetchJson: async () => ({}),
        visibleIds: () => visible,
        documentId: 'reconcile-test-doc',
        coalesceMs: 10,
        laterMs: 10,
      },
    );
  }
  const observations = () => sent.filter((m): m is CsObservations => m.type === 'cs:observations');
  const questions = () => sent.filter((m): m is CsStaleOpen => m.type === 'cs:get-stale-open');

  beforeEach(() => {
    vi.useFakeTimers({ now: iso('2026-11-25T12:00:00Z') });
    visible = [];
    sent = [];
    reads = [];
    worker = () => [];
    answers = () => [];
    reconciler = null;
  });
  afterEach(() => {
    reconciler?.stop();
    vi.useRealTimers();
  });

  it('reports what the page shows, then asks about what it stopped showing, the worker’s order kept', async () => {
    visible = ['c-1', 'c-2', 'c-3'];
    worker = (q) => (q.departed.length ? ['c-3', 'c-2'] : []);
    answers = (ids) => ids.filter((id) => id === 'c-2').map((id) => ({ conversationId: id, status: 'resolved' as const }));
    start(50);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(observations().map((o) => o.seen)).toEqual([['c-1', 'c-2', 'c-3']]);
    expect(questions()).toEqual([
      { type: 'cs:get-stale-open', helpdesk: 'demo-desk', origin: ORIGIN, departed: [], visible: ['c-1', 'c-2', 'c-3'], limit: 500 },
    ]);

    // Another filter: c-2 and c-3 leave the page; they are asked about once the page settled (2 s).
    visible = ['c-1'];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(questions()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(questions()[1]).toMatchObject({ departed: ['c-2', 'c-3'], visible: ['c-1'] });
    await vi.advanceTimersByTimeAsync(1_100);
    expect(reads.map((r) => r.ids)).toEqual([['c-3', 'c-2']]);
    await vi.advanceTimersByTimeAsync(100);
    // Only the answered conversation is sent; c-3 (not answered) is not asked again for 10 minutes.
    const last = observations().at(-1)!;
    expect(last.conversations).toEqual([{ conversationId: 'c-2', status: 'resolved' }]);
    expect(last.health).toEqual({ route: 'reconcile', at: expect.any(Number), found: { asked: 2, answered: 1 }, missing: [] });
    worker = () => ['c-3'];
    await vi.advanceTimersByTimeAsync(30_000);
    expect(reads).toHaveLength(1);
  });

  it('never asks the helpdesk more than once a second, one request at a time', async () => {
    worker = () => ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];
    answers = (ids) => ids.map((id) => ({ conversationId: id, status: 'open' as const }));
    start(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads.map((r) => r.ids)).toEqual([['c-1'], ['c-2'], ['c-3'], ['c-4'], ['c-5']]);
    const gaps = reads.slice(1).map((r, i) => r.at - reads[i].at);
    expect(gaps.every((gap) => gap >= 1_000)).toBe(true);
  });

  it('a failed request shows in health and keeps nothing; answers it did not ask for are refused', async () => {
    worker = () => ['c-1'];
    answers = () => new ApiError('http', 'http-500:/api/conversations');
    start(50);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(observations().at(-1)).toMatchObject({
      conversations: [],
      health: { route: 'reconcile', found: { asked: 1, answered: 0 }, missing: ['reconcile:api:http-500:/api/conversations'] },
    });
    answers = () => [{ conversationId: 'c-7', status: 'resolved' }];
    await vi.advanceTimersByTimeAsync(16_000);
    expect(observations().flatMap((o) => o.conversations)).toEqual([]);
    expect(observations().at(-1)!.health!.missing).toEqual(['reconcile:invalid:c-7']);
  });

  it('markup-only adapters only report what the page shows', async () => {
    visible = ['7'];
    reconciler = startReconciler(
      { id: 'freescout' },
      {
        helpdesk: 'freescout',
        origin: ORIGIN,
        now: () => Date.now(),
        timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) },
        sendMessage: async (message) => {
          sent.push(message);
          return message.type === 'cs:observations' ? { ok: true, seq: message.seq, plans: [] } : { ok: true, conversationIds: [] };
        },
        fetchJson: async () => ({}),
        visibleIds: () => visible,
        laterMs: 10,
      },
    );
    await vi.advanceTimersByTimeAsync(45_000);
    expect(questions()).toEqual([]);
    // Every 20 s while something is shown.
    expect(observations().map((o) => o.seen)).toEqual([['7'], ['7'], ['7']]);
  });
});
