// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDeskRouteExamples } from '../../../lib/adapters/demodesk/routes';
import { freeScoutRouteExamples } from '../../../lib/adapters/freescout/routes';
import { probeHealth } from '../../../lib/adapters/framework/health';
import { routeOf } from '../../../lib/adapters/framework/runner';
import { zammadAdapter } from '../../../lib/adapters/zammad/adapter';
import * as extract from '../../../lib/adapters/zammad/extract';
import { zammadRouteExamples } from '../../../lib/adapters/zammad/routes';
import { zammadSelectors } from '../../../lib/adapters/zammad/selectors';
import { observedConversationSchema, type ObservedConversation } from '../../../lib/messaging/protocol';

const FIXTURES = join(__dirname, '../../fixtures/zammad');
const load = (name: string) => new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html');
const iso = (s: string) => Date.parse(s);
const rootOf = (doc: Document) => zammadAdapter.root(doc)!;

function allUrls(examples: typeof zammadRouteExamples): string[] {
  return [
    ...examples.list.positive,
    ...examples.list.negative,
    ...examples.conversation.positive.map(([url]) => url),
    ...examples.conversation.negative,
  ];
}

describe('Zammad routes', () => {
  it.each(zammadRouteExamples.list.positive)('list: %s', (url) => {
    expect(routeOf(zammadAdapter, url)).toEqual({ kind: 'list', conversationId: null });
  });
  it.each(zammadRouteExamples.list.negative)('not list: %s', (url) => {
    expect(zammadAdapter.routes.list(new URL(url))).toBe(false);
  });
  it.each(zammadRouteExamples.conversation.positive)('ticket zoom: %s → %s', (url, id) => {
    expect(routeOf(zammadAdapter, url)).toEqual({ kind: 'conversation', conversationId: id });
  });
  it.each(zammadRouteExamples.conversation.negative)('not ticket zoom: %s', (url) => {
    expect(zammadAdapter.routes.conversation(new URL(url))).toBeNull();
  });
  it.each([...allUrls(freeScoutRouteExamples), ...allUrls(demoDeskRouteExamples)])(
    "another helpdesk's URL is no Zammad route: %s",
    (url) => {
      expect(routeOf(zammadAdapter, url)).toEqual({ kind: null, conversationId: null });
    },
  );
});

describe('Zammad selectors', () => {
  const cases = Object.values(zammadSelectors).flatMap((spec) =>
    Object.entries(spec.fixtures).map(([file, count]) => [spec.id, file, count, spec.selector] as const),
  );
  it('every selector declares at least one positive fixture count', () => {
    for (const spec of Object.values(zammadSelectors))
      expect(
        Object.values(spec.fixtures).some((n) => n > 0),
        spec.id,
      ).toBe(true);
  });
  it.each(cases)('%s matches exactly on %s', (_id, file, count, selector) => {
    expect(load(file).querySelectorAll(selector).length).toBe(count);
  });
  it('detects the legacy app by its #app root', () => {
    expect(zammadAdapter.detect(load('ticket-zoom.html'))).toBe(true);
    expect(zammadAdapter.detect(new DOMParser().parseFromString('<body><div id="root"></div></body>', 'text/html'))).toBe(false);
  });
});

describe('Zammad ticket zoom', () => {
  const doc = load('ticket-zoom.html');
  const ticket = extract.conversation(rootOf(doc));

  it('reads the active ticket exactly, ignoring the hidden task and times inside message bodies', () => {
    expect(ticket).toEqual({
      conversationId: '42',
      createdAt: iso('2026-11-24T08:50:12.345Z'),
      escalationAt: iso('2026-11-24T10:50:12.345Z'),
      assigneeId: '7',
      status: 'open',
      events: [
        { id: '301', at: iso('2026-11-24T08:50:12.345Z'), type: 'message', author: 'customer', public: true },
        { id: '303', at: iso('2026-11-24T08:55:00.000Z'), type: 'note', public: false, agentId: '7' },
        { id: '304', at: iso('2026-11-24T09:02:30.500Z'), type: 'message', author: 'agent', public: true, agentId: '7' },
        { id: '305', at: iso('2026-11-24T09:05:00.000Z'), type: 'message', author: 'customer', public: true },
        { id: '306', at: iso('2026-11-24T09:06:30.000Z'), type: 'message', author: 'agent', public: true, agentId: '9' },
      ],
    });
    expect(iso('2026-11-24T08:50:12.345Z')).toBe(1795510212345);
    expect(observedConversationSchema.safeParse(ticket).success).toBe(true);
  });

  it('never reads names or text', () => {
    const json = JSON.stringify(ticket);
    for (const text of ['Ada', 'Nicole', 'printer', 'Printer', 'fire', '2020-01-01']) expect(json).not.toContain(text);
  });

  it('reports a healthy zoom and anchors the strip after the header', () => {
    const health = probeHealth(zammadSelectors, rootOf(doc), 'conversation', [], 5);
    expect(health.missing).toEqual([]);
    expect(health.found['zoom.article']).toBe(6);
    expect(health.found['zoom.articleTime']).toBe(5);
    const placement = zammadAdapter.overlayAnchors.conversationHeader(rootOf(doc));
    expect(placement?.anchor.className).toBe('ticketZoom-header');
    expect(placement?.position).toBe('afterend');
    expect(zammadAdapter.extract.composeBox(rootOf(doc))?.getAttribute('data-name')).toBe('body');
  });

  it('an unassigned ticket, a renamed custom state and no escalation: null owner, status missing, escalation null', () => {
    const variant = load('ticket-zoom.html');
    const owner = variant.querySelector<HTMLSelectElement>('.content.active select[name="owner_id"]')!;
    owner.value = '';
    variant.querySelector('.content.active select[name="state_id"] option[value="2"]')!.textContent = 'waiting for parts';
    variant.querySelector('.content.active time.escalation')!.remove();
    const read = extract.conversation(rootOf(variant))!;
    expect(read.assigneeId).toBeNull();
    expect(read.status).toBeUndefined();
    expect(read.escalationAt).toBeNull();
    expect(read.missing).toEqual(['status']);
  });

  it('switching tasks reads the newly active ticket', () => {
    const variant = load('ticket-zoom.html');
    variant.getElementById('content_permanent_Ticket-42')!.className = 'content horizontal flex hide';
    variant.getElementById('content_permanent_Ticket-41')!.className = 'content horizontal flex active';
    const read = extract.conversation(rootOf(variant))!;
    expect(read.conversationId).toBe('41');
    expect(read.createdAt).toBe(iso('2026-11-20T07:00:00.000Z'));
    expect(read.events).toEqual([{ id: '290', at: iso('2026-11-20T07:00:00.000Z'), type: 'message', author: 'customer', public: true }]);
    // Task 41's sidebar was not rendered in the fixture: reported, not guessed.
    expect(read.missing).toEqual(['assigneeId', 'status']);
  });

  it('is no conversation on an overview', () => {
    expect(extract.conversation(rootOf(load('overview.html')))).toBeNull();
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
  it('renamed article class: no events, articles and their times reported missing', () => {
    const root = rootOf(load('ticket-zoom-renamed-class.html'));
    const ticket = extract.conversation(root) as ObservedConversation;
    expect(ticket.events).toEqual([]);
    expect(ticket.missing).toEqual(['assigneeId']);
    const health = probeHealth(
      zammadSelectors,
      root,
      'conversation',
      ticket.missing!.map((m) => `42:${m}`),
      9,
    );
    expect(health.missing).toEqual(['zoom.article', 'zoom.articleTime', 'zoom.owner', '42:assigneeId']);
  });

  it('missing and localized datetime attributes: those articles left out and named', () => {
    const ticket = extract.conversation(rootOf(load('ticket-zoom-bad-datetime.html'))) as ObservedConversation;
    expect(ticket.missing).toEqual(['time:304', 'time:305']);
    expect(ticket.events!.map((e) => e.id)).toEqual(['301', '303', '306']);
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
