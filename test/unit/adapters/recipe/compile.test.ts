// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { demoDeskAdapter } from '../../../../lib/adapters/demodesk/adapter';
import { probeHealth } from '../../../../lib/adapters/framework/health';
import { routeOf } from '../../../../lib/adapters/framework/runner';
import { observedConversationSchema, type ObservedConversation } from '../../../../lib/messaging/protocol';
import { compileRecipe } from '../../../../lib/adapters/recipe/compile';
import { validateRecipe } from '../../../../lib/adapters/recipe/schema';
import { tryRecipe } from '../../../../lib/adapters/recipe/trial';
import type { Recipe } from '../../../../lib/adapters/recipe/types';

const FIXTURES = join(__dirname, '../../../fixtures/demodesk');
const html = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const load = (name: string) => new DOMParser().parseFromString(html(name), 'text/html');
const acme = JSON.parse(readFileSync(join(__dirname, '../../../../lib/adapters/recipe/examples/acme-desk.recipe.json'), 'utf8')) as Recipe;
const iso = (s: string) => Date.parse(s);

/** A page of the fixture served as if from the unknown helpdesk's host. */
function page(name: string, path: string): Document {
  return new JSDOM(html(name), { url: `https://desk.acme.test${path}` }).window.document;
}

describe('a recipe written from the Demo Desk markup, used as an unknown helpdesk', () => {
  it('is a valid recipe', () => {
    expect(validateRecipe(acme)).toEqual({ ok: true, recipe: acme });
  });

  const adapter = compileRecipe(acme);

  it('reads the inbox exactly as the Demo Desk adapter does', () => {
    const doc = load('inbox.html');
    const rows = adapter.extract.listRows(doc.body);
    expect(rows).toHaveLength(6);
    expect(rows).toEqual(demoDeskAdapter.extract.listRows(doc.body));
    expect(rows[0]).toEqual({
      conversationId: 'c-17',
      channel: 'chat',
      customerId: 'u-9',
      status: 'open',
      assigneeId: 'a-2',
      createdAt: iso('2026-11-24T08:50:00.000Z'),
      waitingSince: iso('2026-11-24T09:29:58.000Z'),
    });
    expect(rows[1].assigneeId).toBeNull();
    expect(rows[2].waitingSince).toBeNull();
    for (const row of rows) expect(observedConversationSchema.safeParse(row).success).toBe(true);
    expect(adapter.extract.listRowElements(doc.body).map((r) => adapter.extract.rowConversationId(r))).toEqual([
      'c-17',
      'c-18',
      'c-19',
      'c-20',
      'c-21',
      'c-22',
    ]);
    expect(adapter.extract.currentAgent(doc.body)).toBe('a-1');
  });

  it('reads the conversation and its 12 events exactly as the Demo Desk adapter does', () => {
    const doc = load('conversation.html');
    const conversation = adapter.extract.conversation(doc.body) as ObservedConversation;
    expect(conversation).toEqual(demoDeskAdapter.extract.conversation(doc.body));
    expect(conversation.events).toHaveLength(12);
    expect(conversation.missing).toBeUndefined();
    expect(conversation.events!.map((e) => e.type)).toEqual([
      'message',
      'message',
      'handoff',
      'assignment',
      'note',
      'message',
      'message',
      'message',
      'status',
      'rating',
      'status',
      'message',
    ]);
    expect(conversation.events![4]).toEqual({
      id: 'e-105',
      at: iso('2026-11-24T08:55:00.000Z'),
      type: 'note',
      public: false,
      agentId: 'a-2',
      position: 4,
    });
    expect(conversation.events![9]).toEqual({
      id: 'e-110',
      at: iso('2026-11-24T09:10:00.000Z'),
      type: 'rating',
      csat: 5,
      ces: 6,
      position: 9,
    });
    expect(observedConversationSchema.safeParse(conversation).success).toBe(true);
    // Message bodies and names never reach an observation.
    expect(JSON.stringify(conversation)).not.toMatch(/Lovelace|order never arrived/);
  });

  it.each(['conversation-missing-datetime.html', 'conversation-unparseable-datetime.html'])(
    '%s: the same events left out and named missing, nothing guessed',
    (name) => {
      const doc = load(name);
      const conversation = adapter.extract.conversation(doc.body) as ObservedConversation;
      expect(conversation).toEqual(demoDeskAdapter.extract.conversation(doc.body));
      expect(conversation.missing).toEqual(name.includes('missing') ? ['time:e-106'] : ['time:e-107', 'time:e-108']);
    },
  );

  it('inbox-unparseable-datetime.html: the same rows and missing fields', () => {
    const doc = load('inbox-unparseable-datetime.html');
    expect(adapter.extract.listRows(doc.body)).toEqual(demoDeskAdapter.extract.listRows(doc.body));
    expect(adapter.extract.listRows(doc.body).map((r) => r.missing)).toEqual([['waitingSince'], ['createdAt']]);
  });

  it('follows the Demo Desk routes on the other host', () => {
    expect(routeOf(adapter, 'https://desk.acme.test/inbox')).toEqual({ kind: 'list', conversationId: null });
    expect(routeOf(adapter, 'https://desk.acme.test/')).toEqual({ kind: 'list', conversationId: null });
    expect(routeOf(adapter, 'https://desk.acme.test/inbox?status=all')).toEqual({ kind: 'list', conversationId: null });
    expect(routeOf(adapter, 'https://desk.acme.test/conversations/c-17')).toEqual({ kind: 'conversation', conversationId: 'c-17' });
    expect(routeOf(adapter, 'https://desk.acme.test/conversations/c-3/?tab=thread')).toEqual({
      kind: 'conversation',
      conversationId: 'c-3',
    });
    expect(routeOf(adapter, 'https://desk.acme.test/conversations/c-17/messages')).toEqual({ kind: null, conversationId: null });
    expect(routeOf(adapter, 'https://desk.acme.test/api/conversations')).toEqual({ kind: null, conversationId: null });
  });

  it('health: every selector found on its page, nothing missing', () => {
    expect(probeHealth(adapter.selectors, load('inbox.html').body, 'list', [], 1)).toEqual({
      route: 'list',
      at: 1,
      found: {
        'list.row': 6,
        'conversation.root': 0,
        'conversation.event': 0,
        'list.badgeAnchor': 6,
        'conversation.header': 0,
        'conversation.compose': 0,
        agent: 1,
      },
      missing: [],
    });
    expect(probeHealth(adapter.selectors, load('conversation.html').body, 'conversation', [], 1).missing).toEqual([]);
  });

  it('places badges at the row link and the timer strip after the heading', () => {
    const doc = load('inbox.html');
    const row = adapter.extract.listRowElements(doc.body)[0];
    expect(adapter.overlayAnchors.rowBadge(row)?.anchor.matches('a.dd-row-link')).toBe(true);
    expect(adapter.overlayAnchors.conversationHeader(load('conversation.html').body)?.anchor.matches('h1.dd-customer-name')).toBe(true);
  });
});

describe('trying a recipe on a page', () => {
  it('counts conversations and timestamps on the inbox', () => {
    expect(tryRecipe(acme, page('inbox.html', '/inbox'), 'https://desk.acme.test/inbox', 5)).toEqual({
      detected: true,
      route: 'list',
      conversationId: null,
      conversations: 6,
      events: 0,
      // 6 created + 4 waiting-since (two rows are not waiting: empty value, not a time).
      timestampsParsed: 10,
      timestampsFailed: 0,
      failures: [],
      missing: [],
      agentId: 'a-1',
    });
  });

  it('counts events on a conversation and shows the raw values it could not read', () => {
    const doc = page('conversation-unparseable-datetime.html', '/conversations/c-17');
    expect(tryRecipe(acme, doc, 'https://desk.acme.test/conversations/c-17', 5)).toEqual({
      detected: true,
      route: 'conversation',
      conversationId: 'c-17',
      conversations: 1,
      events: 10,
      timestampsParsed: 11,
      timestampsFailed: 2,
      // Day-first text, and 31 November.
      failures: [
        { field: 'event time', value: '24/11/2026 09:05' },
        { field: 'event time', value: '2026-11-31T09:06:30.000Z' },
      ],
      missing: ['c-17:time:e-107', 'c-17:time:e-108'],
      agentId: 'a-1',
    });
  });

  it('a conversation id from the route when the root carries none', () => {
    const { id: _id, ...conversation } = acme.conversation;
    const recipe = { ...acme, conversation } as Recipe;
    const doc = page('conversation.html', '/conversations/c-17');
    expect(compileRecipe(recipe, { document: doc }).extract.conversation(doc.body)?.conversationId).toBe('c-17');
  });

  it('a broken recipe (wrong row selector): health names it missing, no rows guessed', () => {
    const broken = { ...acme, list: { ...acme.list, row: 'tr.ticket-row' } } as Recipe;
    const doc = page('inbox.html', '/inbox');
    const adapter = compileRecipe(broken, { document: doc });
    expect(adapter.extract.listRows(doc.body)).toEqual([]);
    expect(probeHealth(adapter.selectors, doc.body, 'list', [], 1).missing).toEqual(['list.row']);
    expect(tryRecipe(broken, doc, 'https://desk.acme.test/inbox', 5)).toMatchObject({
      conversations: 0,
      timestampsParsed: 0,
      missing: ['list.row'],
    });
  });

  it('a wrong time format: every time unreadable and named, none guessed', () => {
    const wrong = { ...acme, time: { format: 'unix-seconds' } } as Recipe;
    const doc = page('inbox.html', '/inbox');
    const rows = compileRecipe(wrong, { document: doc }).extract.listRows(doc.body);
    expect(rows.map((r) => [r.createdAt, r.waitingSince, r.missing])).toEqual([
      [undefined, undefined, ['createdAt', 'waitingSince']],
      [undefined, undefined, ['createdAt', 'waitingSince']],
      [undefined, null, ['createdAt']],
      [undefined, null, ['createdAt']],
      [undefined, undefined, ['createdAt', 'waitingSince']],
      [undefined, undefined, ['createdAt', 'waitingSince']],
    ]);
    const trial = tryRecipe(wrong, doc, 'https://desk.acme.test/inbox', 5);
    expect([trial.timestampsParsed, trial.timestampsFailed, trial.failures[0]]).toEqual([
      0,
      10,
      { field: 'createdAt', value: '2026-11-24T08:50:00.000Z' },
    ]);
  });

  it('a page value the mapping does not know is missing, even one named like an Object property', () => {
    const doc = page('inbox.html', '/inbox');
    doc.querySelector('tr.dd-row')!.setAttribute('data-status', 'constructor');
    const rows = compileRecipe(acme, { document: doc }).extract.listRows(doc.body);
    expect(rows[0].status).toBeUndefined();
    expect(rows[0].missing).toEqual(['status']);
  });

  it('routes by page selector and conversation id from an attribute', () => {
    const recipe = {
      ...acme,
      routes: {
        list: { selector: 'table.dd-inbox' },
        conversation: { selector: 'main.dd-conversation', idAttribute: 'data-conversation-id' },
      },
    } as Recipe;
    const inbox = page('inbox.html', '/anything');
    expect(routeOf(compileRecipe(recipe, { document: inbox }), 'https://desk.acme.test/anything')).toEqual({
      kind: 'list',
      conversationId: null,
    });
    const conv = page('conversation.html', '/x');
    expect(routeOf(compileRecipe(recipe, { document: conv }), 'https://desk.acme.test/x')).toEqual({
      kind: 'conversation',
      conversationId: 'c-17',
    });
  });

  it('an invalid selector is refused by name before anything is read', () => {
    const bad = { ...acme, list: { ...acme.list, row: 'tr[' } } as Recipe;
    expect(() => tryRecipe(bad, page('inbox.html', '/inbox'), 'https://desk.acme.test/inbox', 5)).toThrow(
      'list.row: "tr[" is not a valid CSS selector',
    );
  });
});
