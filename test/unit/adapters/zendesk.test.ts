// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://acme.zendesk.com/agent/tickets/1234"}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSameOriginFetch } from '../../../lib/adapters/framework/api-source';
import { probeHealth } from '../../../lib/adapters/framework/health';
import { startAdapterRunner, type AdapterRunner } from '../../../lib/adapters/framework/runner';
import type { PageView } from '../../../lib/adapters/framework/view';
import { createZendeskAdapter, zendeskAdapter } from '../../../lib/adapters/zendesk/adapter';
import { ZendeskApi } from '../../../lib/adapters/zendesk/api';
import { zendeskSelectors } from '../../../lib/adapters/zendesk/selectors';
import { observedConversationSchema, type ContentToBackground, type CsObservations } from '../../../lib/messaging/protocol';

const FIXTURES = join(__dirname, '../../fixtures/zendesk');
const text = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const load = (name: string) => new DOMParser().parseFromString(text(name), 'text/html');
const iso = (s: string) => Date.parse(s);
const ORIGIN = 'https://acme.zendesk.com';

const API: Record<string, string> = {
  '/api/v2/users/me.json': 'me.json',
  '/api/v2/tickets/1234.json': 'ticket-1234.json',
  '/api/v2/tickets/1234/audits.json': 'audits-1234.json',
  '/api/v2/users/show_many.json?ids=501,601': 'users-show-many.json',
  '/api/v2/tickets/1234/metrics.json': 'metrics-1234.json',
  '/api/v2/views/42/tickets.json': 'view-42-tickets.json',
};

/** A fetch that serves fixture files by path (and records what was asked). */
function fixtureFetch(overrides: Record<string, string> = {}) {
  const files = { ...API, ...overrides };
  const asked: string[] = [];
  const fetch = (async (href: string) => {
    const url = new URL(href);
    const key = url.pathname + decodeURIComponent(url.search);
    asked.push(key);
    const file = files[key];
    return file ? new Response(text(file), { status: 200 }) : new Response('{"error":"RecordNotFound"}', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  return { fetchJson: createSameOriginFetch({ origin: ORIGIN, fetch }), fetch, asked };
}

const TICKET_1234 = {
  conversationId: '1234',
  status: 'open',
  assigneeId: '601',
  createdAt: iso('2026-11-24T08:50:00Z'),
  customerId: '501',
  channel: 'email',
  priority: 'normal',
  tags: ['billing', 'invoice'],
};
const EVENTS_1234 = [
  { id: '7001', at: iso('2026-11-24T08:50:00Z'), type: 'message', author: 'customer', public: true, position: 0 },
  { id: '7002', at: iso('2026-11-24T08:50:00Z'), type: 'status', status: 'open', position: 1 },
  { id: '7004', at: iso('2026-11-24T08:51:30Z'), type: 'assignment', agentId: '601', position: 2 },
  { id: '7006', at: iso('2026-11-24T08:55:00Z'), type: 'note', public: false, agentId: '601', position: 3 },
  { id: '7007', at: iso('2026-11-24T09:02:00Z'), type: 'message', author: 'agent', public: true, agentId: '601', position: 4 },
  { id: '7008', at: iso('2026-11-24T09:02:00Z'), type: 'status', status: 'open', agentId: '601', position: 5 },
  { id: '7009', at: iso('2026-11-24T09:05:00Z'), type: 'message', author: 'customer', public: true, position: 6 },
  { id: '7010', at: iso('2026-11-24T09:06:30Z'), type: 'message', author: 'agent', public: true, agentId: '601', position: 7 },
  { id: '7011', at: iso('2026-11-24T09:06:30Z'), type: 'status', status: 'resolved', agentId: '601', position: 8 },
  { id: '7012', at: iso('2026-11-24T09:10:00Z'), type: 'rating', csat: 5, position: 9 },
  { id: '7013', at: iso('2026-11-24T09:29:58Z'), type: 'message', author: 'customer', public: true, position: 10 },
  { id: '7014', at: iso('2026-11-24T09:29:58Z'), type: 'status', status: 'open', position: 11 },
];

describe('Zendesk ticket from the REST API', () => {
  it('reads every audit event with exact times, authors, public/private, statuses and assignees', async () => {
    const api = new ZendeskApi();
    const { fetchJson, asked } = fixtureFetch();
    const conversation = await api.conversation('1234', fetchJson);
    expect(conversation).toEqual({ ...TICKET_1234, events: EVENTS_1234 });
    expect(observedConversationSchema.safeParse(conversation).success).toBe(true);
    expect(conversation.events).toHaveLength(12);
    expect(conversation.events!.filter((e) => e.type === 'message')).toHaveLength(5);
    expect(iso('2026-11-24T09:29:58Z')).toBe(1795512598000);
    expect(api.agentId).toBe('601');
    expect(asked).toEqual([
      '/api/v2/users/me.json',
      '/api/v2/tickets/1234.json',
      '/api/v2/tickets/1234/audits.json',
      '/api/v2/users/show_many.json?ids=501,601',
      '/api/v2/tickets/1234/metrics.json',
    ]);
  });

  it('names agents from the Users API answers it already reads (me, show_many), never the requester', async () => {
    const api = new ZendeskApi();
    expect(api.names()).toEqual({ agents: [], customers: [] });
    await api.conversation('1234', fixtureFetch().fetchJson);
    expect(api.names()).toEqual({ agents: [{ agentId: '601', name: 'Sam Agent' }], customers: [] });
    expect(JSON.stringify(api.names())).not.toContain('Ada Customer');
  });

  it('never carries comment text, names or e-mail addresses', async () => {
    const conversation = await new ZendeskApi().conversation('1234', fixtureFetch().fetchJson);
    const serialized = JSON.stringify(conversation);
    for (const secret of ['invoice is wrong', 'Ada', 'example.org', 'Quick!', 'Invoice wrong']) expect(serialized).not.toContain(secret);
  });

  it('an unchanged ticket (same updated_at) is answered with one request', async () => {
    const api = new ZendeskApi();
    const { fetchJson, asked } = fixtureFetch();
    const first = await api.conversation('1234', fetchJson);
    asked.length = 0;
    expect(await api.conversation('1234', fetchJson)).toBe(first);
    expect(asked).toEqual(['/api/v2/tickets/1234.json']);
  });

  it('reads view rows from the view API (summary facts, no events)', async () => {
    const rows = await new ZendeskApi().list(new URL('https://acme.zendesk.com/agent/filters/42'), fixtureFetch().fetchJson);
    expect(rows.map((r) => [r.conversationId, r.status, r.assigneeId, r.createdAt, r.priority ?? null])).toEqual([
      ['1234', 'open', '601', iso('2026-11-24T08:50:00Z'), 'normal'],
      ['1235', 'open', null, iso('2026-11-24T09:15:00Z'), null],
      ['1236', 'pending', '602', iso('2026-11-23T14:00:00Z'), 'high'],
      ['1237', 'snoozed', '601', iso('2026-11-22T10:15:00Z'), 'low'],
    ]);
    expect(rows.every((r) => r.events === undefined && r.waitingSince === undefined)).toBe(true);
    expect(await new ZendeskApi().list(new URL('https://acme.zendesk.com/agent/dashboard'), fixtureFetch().fetchJson)).toEqual([]);
  });
});

describe('Zendesk page parts', () => {
  it('finds the compose box and strip anchor of the ticket in front, not of other open tabs', () => {
    const doc = load('ticket.html');
    expect(location.href).toBe('https://acme.zendesk.com/agent/tickets/1234');
    document.body.replaceChildren(...Array.from(doc.body.childNodes));
    const compose = zendeskAdapter.extract.composeBox(document.body);
    expect(compose?.closest('[data-test-id$="-custom-layout"]')?.getAttribute('data-test-id')).toBe('ticket-1234-custom-layout');
    const placement = zendeskAdapter.overlayAnchors.conversationHeader(document.body);
    expect(placement?.anchor.getAttribute('data-test-id')).toBe('column-2');
    expect(placement?.anchor.closest('[data-test-id$="-custom-layout"]')?.getAttribute('data-test-id')).toBe('ticket-1234-custom-layout');
    expect(placement?.position).toBe('beforeend');
    expect(probeHealth(zendeskSelectors, document.body, 'conversation', [], 1).missing).toEqual([]);
  });

  it.each([
    ['ticket-2024-active-grid.html', 'conversationPane', 'beforeend'],
    ['ticket-2025-side-conversations.html', 'ticket-call-controls-action-bar', 'afterend'],
  ])('an older or newer ticket page (%s) gets the strip and the reply box of the ticket in front', (file, anchor, position) => {
    document.body.replaceChildren(...Array.from(load(file).body.childNodes));
    const placement = zendeskAdapter.overlayAnchors.conversationHeader(document.body);
    expect(placement?.anchor.getAttribute('data-support-suite-trial-onboarding-id') ?? placement?.anchor.getAttribute('data-test-id')).toBe(
      anchor,
    );
    expect(placement?.position).toBe(position);
    const compose = zendeskAdapter.extract.composeBox(document.body);
    expect(compose?.getAttribute('data-test-id')).toBe('omnicomposer-rich-text-ckeditor');
    // Of the ticket in the URL (1234), not of the hidden tab (1199).
    expect(compose?.closest('[hidden], [style*="display: none"]')).toBeNull();
    expect(placement?.anchor.closest('[hidden], [style*="display: none"]')).toBeNull();
    expect(probeHealth(zendeskSelectors, document.body, 'conversation', [], 1).missing).toEqual([]);
  });

  it('a ticket page of none of the known generations: the strip has no anchor and health names what is missing', () => {
    document.body.replaceChildren(
      ...Array.from(
        new DOMParser().parseFromString('<main data-garden-id="navigation.main"><div></div></main>', 'text/html').body.childNodes,
      ),
    );
    expect(zendeskAdapter.overlayAnchors.conversationHeader(document.body)).toBeNull();
    expect(probeHealth(zendeskSelectors, document.body, 'conversation', [], 1).missing).toEqual([
      'ticket.scope',
      'ticket.conversationPane',
      'ticket.compose',
    ]);
  });

  it('newer view rows name their ticket by a relative subject link or by the "#id" cell', () => {
    const doc = load('view-2025.html');
    const rows = zendeskAdapter.extract.listRowElements(doc.body);
    expect(rows.map((r) => zendeskAdapter.extract.rowConversationId(r))).toEqual(['1234', '1235', '1236', null]);
    expect(
      rows.map((r) => {
        const placement = zendeskAdapter.overlayAnchors.rowBadge(r);
        return placement ? [placement.anchor.getAttribute('href') ?? placement.anchor.textContent, placement.position] : null;
      }),
    ).toEqual([['tickets/1234', 'afterend'], ['tickets/1235', 'afterend'], ['#1236', 'beforeend'], null]);
  });

  it('maps view rows to ticket ids by their ticket link; a row without one gets no badge', () => {
    const doc = load('view.html');
    const rows = zendeskAdapter.extract.listRowElements(doc.body);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => zendeskAdapter.extract.rowConversationId(r))).toEqual(['1234', '1235', '1236', null]);
    expect(rows.map((r) => zendeskAdapter.overlayAnchors.rowBadge(r)?.anchor.getAttribute('href') ?? null)).toEqual([
      '/agent/tickets/1234',
      '/agent/tickets/1235',
      '/agent/tickets/1236',
      null,
    ]);
  });

  it('a missing compose box is reported by the health probe', () => {
    const doc = load('ticket-missing-composer.html');
    const health = probeHealth(zendeskSelectors, doc.body, 'conversation', [], 3);
    expect(health.missing).toEqual(['ticket.compose']);
    expect(health.found['ticket.compose']).toBe(0);
    expect(health.found['ticket.layout']).toBe(1);
  });
});

describe('Zendesk broken API responses: reported, unverified, nothing guessed', () => {
  it('a renamed created_at fails the whole read: no facts, no events, the JSON path named', async () => {
    const source = createZendeskAdapter();
    const { fetchJson } = fixtureFetch({ '/api/v2/tickets/1234.json': 'ticket-1234-renamed-created-at.json' });
    await expect(source.api!.conversation('1234', fetchJson, new URL(location.href))).rejects.toMatchObject({
      report: 'shape:ticket.ticket.created_at',
    });
  });

  it('a comment whose `public` became a string is left out and named; the rest is kept', async () => {
    const { fetchJson } = fixtureFetch({ '/api/v2/tickets/1234/audits.json': 'audits-1234-public-as-string.json' });
    const conversation = await new ZendeskApi().conversation('1234', fetchJson);
    expect(conversation.missing).toEqual(['shape:audits.3.events.0.public']);
    expect(conversation.events!.map((e) => e.id)).toEqual(EVENTS_1234.map((e) => e.id).filter((id) => id !== '7007'));
  });

  it('an audit time that is not ISO 8601 drops that audit and names it', async () => {
    const { fetchJson } = fixtureFetch({ '/api/v2/tickets/1234/audits.json': 'audits-1234-local-time.json' });
    const conversation = await new ZendeskApi().conversation('1234', fetchJson);
    expect(conversation.missing).toEqual(['time:audit-9005']);
    expect(conversation.events).toHaveLength(11);
    expect(conversation.events!.some((e) => e.id === '7009')).toBe(false);
  });

  it('a next_page on another origin is refused, not fetched', async () => {
    const { fetchJson, asked } = fixtureFetch({ '/api/v2/tickets/1234/audits.json': 'audits-1234-next-page-other-origin.json' });
    await expect(new ZendeskApi().conversation('1234', fetchJson)).rejects.toMatchObject({
      kind: 'cross-origin',
      report: 'cross-origin:acme-eu.zendesk.com',
    });
    expect(asked.some((path) => path.includes('page=2'))).toBe(false);
  });
});

describe('Zendesk in the adapter runner (jsdom on acme.zendesk.com)', () => {
  let runner: AdapterRunner | undefined;
  afterEach(() => runner?.stop());

  it('sends the API reading with the ticket in front, and a failed read as unverified with health', async () => {
    document.body.replaceChildren(...Array.from(load('ticket.html').body.childNodes));
    const sent: ContentToBackground[] = [];
    const views: PageView[] = [];
    const timeouts: Array<() => void> = [];
    let files: Record<string, string> = {};
    const fetch = (async (href: string) => {
      const url = new URL(href);
      const file = { ...API, ...files }[url.pathname + decodeURIComponent(url.search)];
      return file ? new Response(text(file)) : new Response('{}', { status: 404 });
    }) as unknown as typeof globalThis.fetch;
    let now = 1_795_512_600_000;
    const frames: Array<() => void> = [];
    const settle = async () => {
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    };
    runner = startAdapterRunner(
      createZendeskAdapter(),
      {
        window,
        document,
        now: () => now,
        sendMessage: (m) => (sent.push(structuredClone(m)), Promise.resolve({ ok: true, seq: (m as CsObservations).seq, plans: [] })),
        nextTask: (cb) => void frames.push(cb),
        setTimeout: (fn) => (timeouts.push(fn), timeouts.length),
        clearTimeout: () => undefined,
        setInterval: () => 0,
        clearInterval: () => undefined,
        onLocationChange: () => undefined,
        documentId: 'doc-zendesk-0001',
        fetch,
      },
      { onView: (v) => views.push(v) },
    );
    while (frames.length) frames.shift()!();
    await settle();
    timeouts.splice(0).forEach((fn) => fn());
    await settle();
    const first = sent.filter((m): m is CsObservations => m.type === 'cs:observations')[0];
    expect(first.focusedConversationId).toBe('1234');
    expect(first.agentId).toBe(null); // me.json is read during the first read; the agent is known from the next one
    expect(first.conversations).toEqual([{ ...TICKET_1234, events: EVENTS_1234 }]);
    expect(first.health).toMatchObject({ route: 'conversation', missing: [] });
    expect(views.at(-1)?.conversation?.conversationId).toBe('1234');

    // Zendesk changes its JSON: the next read (≥ 5 s later) is reported, nothing of it stored.
    files = { '/api/v2/tickets/1234.json': 'ticket-1234-renamed-created-at.json' };
    now += 5_000;
    runner.schedule();
    while (frames.length) frames.shift()!();
    await settle();
    // The rows go out at once; health (probed at most once per interval) with its trailing probe,
    // and missing parts probed again a few seconds later (time moves on between rounds).
    for (let round = 0; round < 5 && timeouts.length; round++) {
      now += 5_000;
      timeouts.splice(0).forEach((fn) => fn());
      await settle();
    }
    const batches = sent.filter((m): m is CsObservations => m.type === 'cs:observations');
    const last = batches.filter((batch) => batch.conversations.length > 0).at(-1)!;
    expect(last.agentId).toBe('601');
    expect(last.conversations).toEqual([{ conversationId: '1234', events: [], missing: ['api:shape:ticket.ticket.created_at'] }]);
    expect(batches.filter((batch) => batch.health).at(-1)!.health?.missing).toEqual(['1234:api:shape:ticket.ticket.created_at']);
  });
});
