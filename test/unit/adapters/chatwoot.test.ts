// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://app.chatwoot.com/app/accounts/1/conversations/42"}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatwootAdapter, createChatwootAdapter } from '../../../lib/adapters/chatwoot/adapter';
import { ChatwootApi, sessionHeaders } from '../../../lib/adapters/chatwoot/api';
import { chatwootRouteExamples } from '../../../lib/adapters/chatwoot/routes';
import { chatwootSelectors } from '../../../lib/adapters/chatwoot/selectors';
import { demoDeskRouteExamples } from '../../../lib/adapters/demodesk/routes';
import { createSameOriginFetch } from '../../../lib/adapters/framework/api-source';
import { probeHealth } from '../../../lib/adapters/framework/health';
import { routeOf } from '../../../lib/adapters/framework/runner';
import { zendeskRouteExamples } from '../../../lib/adapters/zendesk/routes';
import { observedConversationSchema } from '../../../lib/messaging/protocol';

const FIXTURES = join(__dirname, '../../fixtures/chatwoot');
const text = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const load = (name: string) => new DOMParser().parseFromString(text(name), 'text/html');
const T0 = 1795510200; // 2026-11-24T08:50:00Z in unix seconds
const ms = (seconds: number) => seconds * 1000;
const ORIGIN = 'https://app.chatwoot.com';

const API: Record<string, string> = {
  '/api/v1/profile': 'profile.json',
  '/api/v1/accounts/1/conversations/42': 'conversation-42.json',
  '/api/v1/accounts/1/conversations/42/messages': 'messages-42.json',
  '/api/v1/accounts/1/conversations/42/messages?before=900': 'messages-42-before-900.json',
  '/api/v1/accounts/1/conversations?status=open&assignee_type=all&page=1': 'conversations-open.json',
};

function fixtureFetch(overrides: Record<string, string> = {}) {
  const files = { ...API, ...overrides };
  const asked: Array<{ path: string; headers: Record<string, string> }> = [];
  const fetch = (async (href: string, init?: RequestInit) => {
    const url = new URL(href);
    const path = url.pathname + decodeURIComponent(url.search);
    asked.push({ path, headers: init?.headers as Record<string, string> });
    const file = files[path];
    return file ? new Response(text(file)) : new Response('{"error":"not found"}', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  const headers = () => new ChatwootApi().requestHeaders(document);
  return { fetchJson: createSameOriginFetch({ origin: ORIGIN, fetch, headers }), asked };
}

describe('Chatwoot routes', () => {
  it.each(chatwootRouteExamples.list.positive)('list: %s', (url) => {
    expect(routeOf(chatwootAdapter, url)).toEqual({ kind: 'list', conversationId: null });
  });
  it.each(chatwootRouteExamples.list.negative)('not list: %s', (url) => {
    expect(chatwootAdapter.routes.list(new URL(url))).toBe(false);
  });
  it.each(chatwootRouteExamples.conversation.positive)('conversation: %s → %s', (url, id) => {
    expect(routeOf(chatwootAdapter, url)).toEqual({ kind: 'conversation', conversationId: id });
  });
  it.each(chatwootRouteExamples.conversation.negative)('not conversation: %s', (url) => {
    expect(chatwootAdapter.routes.conversation(new URL(url))).toBeNull();
  });
  const others = [
    ...demoDeskRouteExamples.list.positive,
    ...demoDeskRouteExamples.conversation.positive.map(([url]) => url),
    ...zendeskRouteExamples.list.positive,
    ...zendeskRouteExamples.conversation.positive.map(([url]) => url),
  ];
  it.each(others)("another helpdesk's page is no Chatwoot route: %s", (url) => {
    expect(routeOf(chatwootAdapter, url)).toEqual({ kind: null, conversationId: null });
  });
});

describe('Chatwoot selectors', () => {
  const cases = Object.values(chatwootSelectors).flatMap((spec) =>
    Object.entries(spec.fixtures).map(([file, count]) => [spec.id, file, count, spec.selector] as const),
  );
  it.each(cases)('%s matches exactly on %s', (_id, file, count, selector) => {
    expect(load(file).querySelectorAll(selector).length).toBe(count);
  });
  it('places the strip after the header actions, finds the reply box, and has no row badges', () => {
    const doc = load('conversation.html');
    expect(chatwootAdapter.overlayAnchors.conversationHeader(doc.body)?.anchor.classList.contains('conversation--header--actions')).toBe(
      true,
    );
    expect(chatwootAdapter.extract.composeBox(doc.body)?.className).toBe('reply-box');
    expect(chatwootAdapter.extract.listRowElements(doc.body)).toEqual([]);
    expect(probeHealth(chatwootSelectors, doc.body, 'conversation', [], 1).missing).toEqual([]);
  });
  it('a missing header is reported and the strip has no anchor', () => {
    const doc = load('conversation-missing-header.html');
    expect(probeHealth(chatwootSelectors, doc.body, 'conversation', [], 1).missing).toEqual(['conversation.headerActions']);
    expect(chatwootAdapter.overlayAnchors.conversationHeader(doc.body)).toBeNull();
  });
});

describe('Chatwoot session headers (cw_d_session_info)', () => {
  it('reads the devise_token_auth headers the dashboard sends', () => {
    const value = encodeURIComponent(
      JSON.stringify({
        'access-token': 'tok',
        'token-type': 'Bearer',
        client: 'cli',
        expiry: '1795600000',
        uid: 'sam@acme.example',
        'content-type': 'x',
      }),
    );
    expect(sessionHeaders(`other=1; cw_d_session_info=${value}; x=2`)).toEqual({
      'access-token': 'tok',
      'token-type': 'Bearer',
      client: 'cli',
      expiry: '1795600000',
      uid: 'sam@acme.example',
    });
    expect(sessionHeaders('other=1')).toBeNull();
    expect(sessionHeaders('cw_d_session_info=%7Bbroken')).toBeNull();
    expect(sessionHeaders(`cw_d_session_info=${encodeURIComponent('{"uid":"a"}')}`)).toBeNull();
  });
});

const SUMMARY_42 = {
  conversationId: '1:42',
  status: 'open',
  createdAt: ms(T0),
  assigneeId: '7',
  tags: ['billing'],
  channel: 'Channel::WebWidget',
  customerId: '501',
  waitingSince: ms(T0 + 2398),
};
const EVENTS_42 = [
  { id: '900', at: ms(T0), type: 'message', author: 'customer', public: true },
  { id: '901', at: ms(T0 + 5), type: 'message', author: 'bot', public: true },
  { id: '903', at: ms(T0 + 300), type: 'note', public: false, agentId: '7' },
  { id: '904', at: ms(T0 + 720), type: 'message', author: 'agent', public: true, agentId: '7' },
  { id: '905', at: ms(T0 + 900), type: 'message', author: 'customer', public: true },
  { id: '906', at: ms(T0 + 990), type: 'message', author: 'agent', public: true, agentId: '7' },
  { id: '908', at: ms(T0 + 1200), type: 'message', author: 'automation', public: true },
  { id: '910', at: ms(T0 + 2398), type: 'message', author: 'customer', public: true },
];

describe('Chatwoot conversation from the dashboard API', () => {
  it('reads messages with exact times, senders and privacy; activity messages are skipped', async () => {
    document.cookie = `cw_d_session_info=${encodeURIComponent(JSON.stringify({ 'access-token': 'tok', 'token-type': 'Bearer', client: 'cli', expiry: '1795600000', uid: 'sam@acme.example' }))}`;
    const api = new ChatwootApi();
    const { fetchJson, asked } = fixtureFetch();
    const conversation = await api.conversation('1:42', fetchJson);
    expect(conversation).toEqual({ ...SUMMARY_42, events: EVENTS_42 });
    expect(observedConversationSchema.safeParse(conversation).success).toBe(true);
    expect(api.agentId).toBe('7');
    expect(asked.map((a) => a.path)).toEqual([
      '/api/v1/profile',
      '/api/v1/accounts/1/conversations/42',
      '/api/v1/accounts/1/conversations/42/messages',
      '/api/v1/accounts/1/conversations/42/messages?before=900',
    ]);
    expect(asked[1].headers).toMatchObject({ 'access-token': 'tok', client: 'cli', uid: 'sam@acme.example', 'token-type': 'Bearer' });
    expect(ms(T0 + 2398)).toBe(1795512598000);
    const serialized = JSON.stringify(conversation);
    for (const secret of ['invoice', 'Ada', 'example.org', 'rate the conversation']) expect(serialized).not.toContain(secret);
  });

  it('reads the open list with waiting-since (0 = not waiting) and unassigned = null', async () => {
    const rows = await new ChatwootApi().list(new URL('https://app.chatwoot.com/app/accounts/1/dashboard'), fixtureFetch().fetchJson);
    expect(rows.map((r) => [r.conversationId, r.status, r.assigneeId, r.createdAt, r.waitingSince])).toEqual([
      ['1:42', 'open', '7', ms(T0), ms(T0 + 2398)],
      ['1:43', 'open', null, ms(T0 + 1500), ms(T0 + 1500)],
      ['1:44', 'open', '7', ms(T0 - 3600), null],
    ]);
    expect(
      await new ChatwootApi().list(new URL('https://app.chatwoot.com/app/accounts/1/mentions/conversations'), fixtureFetch().fetchJson),
    ).toEqual([]);
  });
});

describe('Chatwoot broken API responses: reported, unverified, nothing guessed', () => {
  it('a string time where unix seconds are expected fails the read and names the field', async () => {
    const adapter = createChatwootAdapter();
    const { fetchJson } = fixtureFetch({ '/api/v1/accounts/1/conversations/42': 'conversation-42-string-time.json' });
    await expect(adapter.api!.conversation('1:42', fetchJson, new URL(location.href))).rejects.toMatchObject({
      kind: 'shape',
      report: 'shape:conversation.created_at',
    });
  });

  it('a renamed message_type fails the read and names the field', async () => {
    const { fetchJson } = fixtureFetch({ '/api/v1/accounts/1/conversations/42/messages': 'messages-42-renamed-message-type.json' });
    await expect(new ChatwootApi().conversation('1:42', fetchJson)).rejects.toMatchObject({
      report: 'shape:messages.payload.0.message_type',
    });
  });

  it('a first reply Chatwoot knows but the messages do not show marks the conversation unverified', async () => {
    const { fetchJson } = fixtureFetch({ '/api/v1/accounts/1/conversations/42/messages': 'messages-42-before-900.json' });
    const conversation = await new ChatwootApi().conversation('1:42', fetchJson);
    expect(conversation.events).toEqual([]);
    expect(conversation.missing).toEqual(['check:first_reply_created_at']);
  });
});
