// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeHealth } from '../../../lib/adapters/framework/health';
import { createSameOriginFetch } from '../../../lib/adapters/framework/api-source';
import { zammadAdapter } from '../../../lib/adapters/zammad/adapter';
import { ZammadApi } from '../../../lib/adapters/zammad/api';
import * as extract from '../../../lib/adapters/zammad/extract';
import { zammadSelectors } from '../../../lib/adapters/zammad/selectors';
import { measure } from '../../../lib/measure/context';
import { toEngineConversation } from '../../../lib/measure/input';
import { observedConversationSchema } from '../../../lib/messaging/protocol';
import { defaultSettings } from '../../../lib/settings/model';

const FIXTURES = join(__dirname, '../../fixtures/zammad');
const load = (name: string) => new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html');
const iso = (s: string) => Date.parse(s);
const rootOf = (doc: Document) => zammadAdapter.root(doc)!;

describe('Zammad page parts', () => {
  it('detects the legacy app by its #app root', () => {
    expect(zammadAdapter.detect(load('ticket-zoom.html'))).toBe(true);
    expect(zammadAdapter.detect(new DOMParser().parseFromString('<body><div id="root"></div></body>', 'text/html'))).toBe(false);
  });
});

const API: Record<string, string> = {
  '/api/v1/ticket_states?expand=true': 'api-ticket-states.json',
  '/api/v1/tickets/42?expand=true': 'api-ticket-42.json',
  '/api/v1/ticket_articles/by_ticket/42': 'api-articles-42.json',
  '/api/v1/ticket_history/42': 'api-history-42.json',
};
const ORIGIN = 'https://helpdesk.example.org';

/** Serves the API fixtures by path; an override of null answers 404. */
function fixtureFetch(overrides: Record<string, string | null> = {}) {
  const files = { ...API, ...overrides };
  const asked: string[] = [];
  const fetch = (async (href: string) => {
    const url = new URL(href);
    const path = url.pathname + url.search;
    asked.push(path);
    const file = files[path];
    return file ? new Response(readFileSync(join(FIXTURES, file), 'utf8')) : new Response('{"error":"Not found"}', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, fetchJson: createSameOriginFetch({ origin: ORIGIN, fetch }), asked };
}

const EVENTS_42 = [
  { id: '301', at: iso('2026-11-24T08:50:12.345Z'), type: 'message', author: 'customer', public: true, position: 0 },
  // A trigger's auto-reply (sender System).
  { id: '302', at: iso('2026-11-24T08:50:13.100Z'), type: 'message', author: 'automation', public: true, position: 1 },
  { id: 'history-9004', at: iso('2026-11-24T08:51:00.000Z'), type: 'assignment', agentId: '7', position: 2 },
  { id: 'history-9005', at: iso('2026-11-24T08:51:00.000Z'), type: 'status', status: 'open', agentId: '7', position: 3 },
  { id: '303', at: iso('2026-11-24T08:55:00.000Z'), type: 'note', public: false, agentId: '7', position: 4 },
  { id: '304', at: iso('2026-11-24T09:02:30.500Z'), type: 'message', author: 'agent', public: true, agentId: '7', position: 5 },
  { id: '305', at: iso('2026-11-24T09:05:00.000Z'), type: 'message', author: 'customer', public: true, position: 6 },
  // One submit: the ticket was saved closed 50 ms before its phone article; reply first, then the close.
  { id: '306', at: iso('2026-11-24T09:06:30.000Z'), type: 'message', author: 'agent', public: true, agentId: '9', position: 7 },
  { id: 'history-9009', at: iso('2026-11-24T09:06:30.000Z'), type: 'status', status: 'resolved', agentId: '9', position: 8 },
  // The customer's follow-up reopens the closed ticket (EmailParser saves the state, then the article).
  { id: '307', at: iso('2026-11-24T09:40:00.020Z'), type: 'message', author: 'customer', public: true, position: 9 },
  { id: 'history-9011', at: iso('2026-11-24T09:40:00.020Z'), type: 'status', status: 'open', position: 10 },
  { id: '308', at: iso('2026-11-24T09:52:00.000Z'), type: 'message', author: 'agent', public: true, agentId: '7', position: 11 },
  // "pending close" is of type "pending action".
  { id: 'history-9014', at: iso('2026-11-24T10:10:00.000Z'), type: 'status', status: 'pending', agentId: '7', position: 12 },
  // Closed by the system when the pending time was reached: credited to nobody.
  { id: 'history-9016', at: iso('2026-11-24T10:40:00.000Z'), type: 'status', status: 'resolved', position: 13 },
];

describe('Zammad ticket from its REST API (ticket, articles, history)', () => {
  it("reads every article, state change, close and reopen at its time, in Zammad's order", async () => {
    const { fetchJson, asked } = fixtureFetch();
    const api = new ZammadApi();
    const ticket = await api.conversation('42', fetchJson);
    expect(ticket).toEqual({
      conversationId: '42',
      createdAt: iso('2026-11-24T08:50:12.345Z'),
      status: 'resolved',
      assigneeId: '7',
      customerId: '11',
      priority: '2 normal',
      channel: 'email',
      escalationAt: null,
      waitingSince: null,
      events: EVENTS_42,
    });
    expect(observedConversationSchema.safeParse(ticket).success).toBe(true);
    expect(asked).toEqual([
      '/api/v1/ticket_states?expand=true',
      '/api/v1/tickets/42?expand=true',
      '/api/v1/ticket_articles/by_ticket/42',
      '/api/v1/ticket_history/42',
    ]);
    // The state table is read once per page.
    asked.length = 0;
    await api.conversation('42', fetchJson);
    expect(asked[0]).toBe('/api/v1/tickets/42?expand=true');
  });

  it('never carries article text, names or addresses', async () => {
    const json = JSON.stringify(await new ZammadApi().conversation('42', fixtureFetch().fetchJson));
    for (const text of ['Ada', 'Nicole', 'printer', 'Printer', 'smok', 'example.org']) expect(json).not.toContain(text);
  });

  it('measured, a resolution per cycle and one reopen; the reply of "reply and close" counts', async () => {
    const ticket = await new ZammadApi().conversation('42', fixtureFetch().fetchJson);
    const key = 'zammad|https://helpdesk.example.org|42';
    const record = {
      key,
      helpdesk: 'zammad',
      origin: ORIGIN,
      conversationId: '42',
      createdAt: ticket.createdAt,
      hasEvents: true,
      missingFromList: [],
      missingFromView: [],
      unverified: false,
      firstSeenAt: 0,
      updatedAt: 0,
    };
    const stored = ticket.events!.map((event) => ({ key: `${key}|${event.id}`, conversationKey: key, event }));
    const metrics = measure(toEngineConversation(record, stored, [])!, defaultSettings(), iso('2026-11-24T12:00:00Z'));
    expect(metrics.reopens).toBe(1);
    expect(metrics.resolutions.map((r) => [r.startedAt, r.resolvedAt, r.agentId ?? null])).toEqual([
      [iso('2026-11-24T08:50:12.345Z'), iso('2026-11-24T09:06:30.000Z'), '9'],
      [iso('2026-11-24T09:40:00.020Z'), iso('2026-11-24T10:40:00.000Z'), '7'],
    ]);
    expect(metrics.firstResponse?.seconds).toBe(738.155);
    expect(metrics.replies.map((r) => [r.startedAt, r.repliedAt])).toEqual([
      [iso('2026-11-24T09:05:00.000Z'), iso('2026-11-24T09:06:30.000Z')],
      [iso('2026-11-24T09:40:00.020Z'), iso('2026-11-24T09:52:00.000Z')],
    ]);
  });

  it('a state this page does not know is named, not guessed, and the rest is kept', async () => {
    const { fetchJson } = fixtureFetch({ '/api/v1/ticket_history/42': 'api-history-42-unknown-state.json' });
    const ticket = await new ZammadApi().conversation('42', fetchJson);
    expect(ticket.missing).toEqual(['state:history-9014']);
    expect(ticket.events!.map((e) => e.id)).toEqual(EVENTS_42.map((e) => e.id).filter((id) => id !== 'history-9014'));
  });

  it('states served without their type (no expand): the read fails and names the field', async () => {
    const { fetchJson } = fixtureFetch({ '/api/v1/ticket_states?expand=true': 'api-ticket-states-without-type.json' });
    await expect(new ZammadApi().conversation('42', fetchJson)).rejects.toMatchObject({ report: 'shape:states.0.state_type' });
  });

  it('a ticket that says closed while its history never closes it is unverified', async () => {
    const history = JSON.parse(readFileSync(join(FIXTURES, 'api-history-42.json'), 'utf8')) as { history: Array<{ id: number }> };
    history.history = history.history.filter((entry) => entry.id !== 9009 && entry.id !== 9016);
    const fetch = (async (href: string) => {
      const url = new URL(href);
      if (url.pathname === '/api/v1/ticket_history/42') return new Response(JSON.stringify(history));
      const file = API[url.pathname + url.search];
      return file ? new Response(readFileSync(join(FIXTURES, file), 'utf8')) : new Response('{}', { status: 404 });
    }) as unknown as typeof globalThis.fetch;
    const ticket = await new ZammadApi().conversation('42', createSameOriginFetch({ origin: ORIGIN, fetch }));
    expect(ticket.missing).toEqual(['check:close_at', 'check:status']);
  });
});

describe('Zammad ticket zoom page', () => {
  const doc = load('ticket-zoom.html');

  it('reports a healthy zoom and anchors the strip after the header of the ticket in front', () => {
    const health = probeHealth(zammadSelectors, rootOf(doc), 'conversation', [], 5);
    expect(health.missing).toEqual([]);
    expect(health.found['zoom.article']).toBe(6);
    const placement = zammadAdapter.overlayAnchors.conversationHeader(rootOf(doc));
    expect(placement?.anchor.className).toBe('ticketZoom-header');
    expect(placement?.anchor.closest('.content')?.id).toBe('content_permanent_Ticket-42');
    expect(placement?.position).toBe('afterend');
    expect(zammadAdapter.extract.composeBox(rootOf(doc))?.getAttribute('data-name')).toBe('body');
  });

  it('reads nothing of the ticket from the page', () => {
    expect(extract.conversation()).toBeNull();
  });
});

describe('Zammad overview', () => {
  const doc = load('overview.html');
  const rows = extract.listRows(rootOf(doc));

  it('maps cells by column key and reads exact times', () => {
    expect(rows).toEqual([
      {
        conversationId: '42',
        createdAt: iso('2026-11-24T08:50:12.345Z'),
        escalationAt: iso('2026-11-24T10:50:12.345Z'),
        waitingSince: null,
      },
      { conversationId: '43', createdAt: iso('2026-11-24T09:10:00.000Z'), escalationAt: iso('2026-11-24T11:10:00.000Z') },
      { conversationId: '44', createdAt: iso('2026-11-23T14:00:00.000Z'), escalationAt: null, waitingSince: null },
      { conversationId: '45', createdAt: iso('2026-11-22T10:15:00.000Z'), escalationAt: null },
    ]);
    for (const row of rows) expect(observedConversationSchema.safeParse(row).success).toBe(true);
  });

  it('maps row elements to ids and places badges in the title cell', () => {
    const elements = extract.listRowElements(rootOf(doc));
    expect(elements.map((row) => extract.rowConversationId(row))).toEqual(['42', '43', '44', '45']);
    const placement = zammadAdapter.overlayAnchors.rowBadge(elements[1]);
    expect(placement?.anchor.querySelector('a')?.getAttribute('href')).toBe('#ticket/zoom/43');
    expect(placement?.position).toBe('beforeend');
  });

  it('an overview without time columns gives ids only, nothing missing', () => {
    const variant = load('overview.html');
    for (const th of Array.from(variant.querySelectorAll('th[data-column-key$="_at"]'))) th.setAttribute('data-column-key', 'group');
    expect(extract.listRows(rootOf(variant))).toEqual([
      { conversationId: '42' },
      { conversationId: '43' },
      { conversationId: '44' },
      { conversationId: '45' },
    ]);
  });

  it('reports a healthy list page', () => {
    const health = probeHealth(zammadSelectors, rootOf(doc), 'list', [], 3);
    expect(health.missing).toEqual([]);
    expect(health.found['overview.row']).toBe(4);
    expect(health.found['overview.rowTime']).toBe(12);
  });
});

describe('Zammad broken pages: reported, never guessed', () => {
  it('renamed article class: counted as 0, nothing required of it (articles come from the API)', () => {
    const root = rootOf(load('ticket-zoom-renamed-class.html'));
    const health = probeHealth(zammadSelectors, root, 'conversation', [], 9);
    expect(health.found['zoom.article']).toBe(0);
    expect(health.missing).toEqual([]);
  });

  it('renamed row class: no rows, rows reported missing', () => {
    const root = rootOf(load('overview-renamed-class.html'));
    expect(extract.listRows(root)).toEqual([]);
    expect(probeHealth(zammadSelectors, root, 'list', [], 1).missing).toEqual(['overview.row']);
  });

  it('created_at without datetime or without zone: createdAt missing on those rows only', () => {
    const rows = extract.listRows(rootOf(load('overview-bad-datetime.html')));
    expect(rows).toEqual([
      {
        conversationId: '42',
        createdAt: iso('2026-11-24T08:50:12.345Z'),
        escalationAt: iso('2026-11-24T10:50:12.345Z'),
        waitingSince: null,
      },
      { conversationId: '43', escalationAt: iso('2026-11-24T11:10:00.000Z'), missing: ['createdAt'] },
      { conversationId: '44', createdAt: iso('2026-11-23T14:00:00.000Z'), escalationAt: null, waitingSince: null },
      { conversationId: '45', escalationAt: null, missing: ['createdAt'] },
    ]);
  });
});
