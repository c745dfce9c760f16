// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://app.chatwoot.com/app/accounts/1/conversations/42"}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatwootAdapter, createChatwootAdapter } from '../../../lib/adapters/chatwoot/adapter';
import { ChatwootApi, sessionHeaders } from '../../../lib/adapters/chatwoot/api';
import { chatwootSelectors } from '../../../lib/adapters/chatwoot/selectors';
import { createSameOriginFetch } from '../../../lib/adapters/framework/api-source';
import { probeHealth } from '../../../lib/adapters/framework/health';
import { startAdapterRunner, type AdapterRunner } from '../../../lib/adapters/framework/runner';
import { readActivity } from '../../../lib/adapters/chatwoot/activity';
import { measure } from '../../../lib/measure/context';
import { toEngineConversation } from '../../../lib/measure/input';
import { observedConversationSchema, type CsObservations } from '../../../lib/messaging/protocol';
import { defaultSettings } from '../../../lib/settings/model';
import type { EventRecord } from '../../../lib/measure/stored';

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
  '/api/v1/accounts/1/agents': 'agents-1.json',
  '/api/v1/accounts/1/teams': 'teams-1.json',
  '/api/v1/accounts/1/conversations/50': 'conversation-50.json',
  '/api/v1/accounts/1/conversations/50/messages': 'messages-50.json',
  '/api/v1/accounts/1/conversations/50/messages?before=1000': 'messages-50-before-1000.json',
};

/** Serves the fixture files by path; an override of null answers 404 like a missing route. */
function fixtureFetchRaw(overrides: Record<string, string | null> = {}) {
  const files = { ...API, ...overrides };
  const asked: Array<{ path: string; headers: Record<string, string> }> = [];
  const fetch = (async (href: string, init?: RequestInit) => {
    const url = new URL(href);
    const path = url.pathname + decodeURIComponent(url.search);
    asked.push({ path, headers: init?.headers as Record<string, string> });
    const file = files[path];
    return file ? new Response(text(file)) : new Response('{"error":"not found"}', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, asked };
}

function fixtureFetch(overrides: Record<string, string | null> = {}) {
  const { fetch, asked } = fixtureFetchRaw(overrides);
  const headers = () => new ChatwootApi().requestHeaders(document);
  return { fetchJson: createSameOriginFetch({ origin: ORIGIN, fetch, headers }), asked };
}

describe('Chatwoot page parts', () => {
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
  { id: '900', at: ms(T0), type: 'message', author: 'customer', public: true, position: 0 },
  { id: '901', at: ms(T0 + 5), type: 'message', author: 'bot', public: true, position: 1 },
  // "Assigned to Sam Agent by Helper Bot": Sam Agent is agent 7 (agents-1.json).
  { id: '902', at: ms(T0 + 60), type: 'assignment', agentId: '7', position: 2 },
  { id: '903', at: ms(T0 + 300), type: 'note', public: false, agentId: '7', position: 3 },
  { id: '904', at: ms(T0 + 720), type: 'message', author: 'agent', public: true, agentId: '7', position: 4 },
  { id: '905', at: ms(T0 + 900), type: 'message', author: 'customer', public: true, position: 5 },
  { id: '906', at: ms(T0 + 990), type: 'message', author: 'agent', public: true, agentId: '7', position: 6 },
  // "Conversation was marked resolved by Sam Agent".
  { id: '907', at: ms(T0 + 1020), type: 'status', status: 'resolved', agentId: '7', position: 7 },
  { id: '908', at: ms(T0 + 1200), type: 'message', author: 'automation', public: true, position: 8 },
  // 909 "Sam Agent added billing" is a label change: nothing to measure. The web widget's
  // conversation reopens on the customer's message without an activity message.
  { id: '910', at: ms(T0 + 2398), type: 'message', author: 'customer', public: true, position: 9 },
];

describe('Chatwoot conversation from the dashboard API', () => {
  it('reads messages with exact times, senders and privacy, and what the activity messages say', async () => {
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
      '/api/v1/accounts/1/agents',
      '/api/v1/accounts/1/teams',
    ]);
    expect(asked[1].headers).toMatchObject({ 'access-token': 'tok', client: 'cli', uid: 'sam@acme.example', 'token-type': 'Bearer' });
    expect(ms(T0 + 2398)).toBe(1795512598000);
    const serialized = JSON.stringify(conversation);
    for (const secret of ['invoice', 'Ada', 'example.org', 'rate the conversation', 'Sam Agent', 'marked resolved'])
      expect(serialized).not.toContain(secret);
    // Agents' names (agent metadata) come from the profile and the agents list it read anyway; contacts' names never.
    expect(api.names()).toEqual({
      agents: [
        { agentId: '7', name: 'Sam Agent' },
        { agentId: '8', name: 'Kim Agent' },
      ],
      customers: [],
    });
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

const T50 = 1795514400; // 2026-11-24T10:00:00Z, conversation 50 (an API inbox)
const EVENTS_50 = [
  { id: '1000', at: ms(T50), type: 'message', author: 'customer', public: true, position: 0 },
  { id: '1001', at: ms(T50 + 600), type: 'message', author: 'agent', public: true, agentId: '7', position: 1 },
  { id: '1002', at: ms(T50 + 660), type: 'status', status: 'resolved', agentId: '7', position: 2 },
  { id: '1003', at: ms(T50 + 3600), type: 'message', author: 'customer', public: true, position: 3 },
  // status.system_auto_open, written a second after the message that reopened it.
  { id: '1004', at: ms(T50 + 3601), type: 'status', status: 'open', position: 4 },
  { id: '1005', at: ms(T50 + 3700), type: 'assignment', agentId: '8', position: 5 },
  { id: '1006', at: ms(T50 + 3800), type: 'message', author: 'agent', public: true, agentId: '8', position: 6 },
  { id: '1007', at: ms(T50 + 3900), type: 'status', status: 'snoozed', agentId: '8', position: 7 },
  // The customer's message ends the snooze (no activity message for that).
  { id: '1008', at: ms(T50 + 7200), type: 'message', author: 'customer', public: true, position: 8 },
  // 1009 "Assigned to billing by Kim Agent": billing is a team (teams-1.json), not an agent.
  { id: '1010', at: ms(T50 + 7560), type: 'assignment', agentId: '7', position: 9 },
  { id: '1011', at: ms(T50 + 7800), type: 'message', author: 'agent', public: true, agentId: '7', position: 10 },
  { id: '1012', at: ms(T50 + 7860), type: 'status', status: 'pending', agentId: '7', position: 11 },
  { id: '1013', at: ms(T50 + 7900), type: 'status', status: 'open', agentId: '7', position: 12 },
  { id: '1015', at: ms(T50 + 8100), type: 'assignment', agentId: null, position: 13 },
  // status.auto_resolved_days: by the system, credited to nobody here.
  { id: '1016', at: ms(T50 + 8100 + 3 * 86400), type: 'status', status: 'resolved', position: 14 },
];

describe('Chatwoot activity messages: status changes, reopens and assignments', () => {
  it('reads every status change, reopen and assignment of a conversation at its activity time', async () => {
    const { fetchJson } = fixtureFetch();
    const api = new ChatwootApi();
    const conversation = await api.conversation('1:50', fetchJson);
    expect(conversation).toEqual({
      conversationId: '1:50',
      status: 'resolved',
      createdAt: ms(T50),
      assigneeId: null,
      tags: ['refund'],
      channel: 'Channel::Api',
      customerId: '601',
      waitingSince: null,
      events: EVENTS_50,
    });
    expect(api.degraded()).toEqual([]);
    expect(observedConversationSchema.safeParse(conversation).success).toBe(true);
    const serialized = JSON.stringify(conversation);
    for (const secret of ['Kim Agent', 'Sam Agent', 'billing', 'System reopened', 'order is late'])
      expect(serialized).not.toContain(secret);
  });

  it('measured, the conversation has two resolutions, one per cycle, and one reopen', () => {
    const record = {
      key: 'chatwoot|https://app.chatwoot.com|1:50',
      helpdesk: 'chatwoot',
      origin: ORIGIN,
      conversationId: '1:50',
      createdAt: ms(T50),
      hasEvents: true,
      missingFromList: [],
      missingFromView: [],
      unverified: false,
      firstSeenAt: 0,
      updatedAt: 0,
    };
    const stored = EVENTS_50.map((event) => ({ key: `${record.key}|${event.id}`, conversationKey: record.key, event }));
    const metrics = measure(toEngineConversation(record, stored as EventRecord[], [])!, defaultSettings(), ms(T50 + 9 * 86400));
    expect(metrics.status).toBe('resolved');
    expect(metrics.reopens).toBe(1);
    expect(metrics.resolutions.map((r) => [r.startedAt, r.resolvedAt, r.agentId ?? null])).toEqual([
      [ms(T50), ms(T50 + 660), '7'],
      [ms(T50 + 3600), ms(T50 + 8100 + 3 * 86400), null],
    ]);
    expect(metrics.firstResponse?.seconds).toBe(600);
  });

  it('sentences in another language are reported one by one and the conversation is unverified, no status guessed', async () => {
    const { fetchJson } = fixtureFetch({ '/api/v1/accounts/1/conversations/50/messages': 'messages-50-german.json' });
    const conversation = await new ChatwootApi().conversation('1:50', fetchJson);
    expect(conversation.events!.map((e) => [e.id, e.type])).toEqual([
      ['1000', 'message'],
      ['1001', 'message'],
      ['1003', 'message'],
      ['1006', 'message'],
      ['1008', 'message'],
      ['1011', 'message'],
    ]);
    expect(conversation.missing).toEqual([
      'activity:1002',
      'activity:1004',
      'activity:1005',
      'activity:1007',
      'activity:1009',
      'activity:1010',
      'activity:1012',
      'activity:1013',
      'activity:1014',
      'activity:1015',
      'activity:1016',
      // Chatwoot says resolved; nothing read says so.
      'check:status',
    ]);
  });

  it('a 404 on the profile and agents is reported in health; the conversation is still read and stays verified', async () => {
    const { fetchJson, asked } = fixtureFetch({ '/api/v1/profile': null, '/api/v1/accounts/1/agents': null });
    const api = new ChatwootApi();
    const conversation = await api.conversation('1:50', fetchJson);
    expect(conversation.missing).toBeUndefined();
    expect(api.agentId).toBeNull();
    // Statuses without the agent who changed them; assignments whose agent cannot be named are left out.
    expect(conversation.events!.map((e) => [e.id, e.type, e.agentId ?? null])).toEqual([
      ['1000', 'message', null],
      ['1001', 'message', '7'],
      ['1002', 'status', null],
      ['1003', 'message', null],
      ['1004', 'status', null],
      ['1006', 'message', '8'],
      ['1007', 'status', null],
      ['1008', 'message', null],
      ['1011', 'message', '7'],
      ['1012', 'status', null],
      ['1013', 'status', null],
      ['1015', 'assignment', null],
      ['1016', 'status', null],
    ]);
    expect(api.degraded()).toEqual([
      'profile:api:http-404:/api/v1/profile',
      'agents:api:http-404:/api/v1/accounts/:id/agents',
      'assignment:1005',
      'assignment:1009',
      'assignment:1010',
    ]);
    // Asked once per page: the next read does not ask again, and says so again.
    asked.length = 0;
    await api.conversation('1:50', fetchJson);
    expect(asked.map((a) => a.path)).toEqual([
      '/api/v1/accounts/1/conversations/50',
      '/api/v1/accounts/1/conversations/50/messages',
      '/api/v1/accounts/1/conversations/50/messages?before=1000',
    ]);
    expect(api.degraded().slice(0, 2)).toEqual(['profile:api:http-404:/api/v1/profile', 'agents:api:http-404:/api/v1/accounts/:id/agents']);
  });
});

describe('Chatwoot activity sentences (config/locales/en.yml conversations.activity)', () => {
  it.each([
    ['Conversation was marked resolved by Sam Agent', { kind: 'status', status: 'resolved', by: 'Sam Agent' }],
    ['Conversation was marked resolved by system due to 12 hours of inactivity', { kind: 'status', status: 'resolved' }],
    ['Conversation was marked resolved by Captain due to inactivity', { kind: 'status', status: 'resolved', by: 'Captain' }],
    ['Conversation was resolved by Lee', { kind: 'status', status: 'resolved' }],
    ['Conversation was reopened by Automation System', { kind: 'status', status: 'open', by: 'Automation System' }],
    ['System reopened the conversation due to a new incoming message.', { kind: 'status', status: 'open' }],
    ['Conversation was marked open by system due to an error with the agent bot.', { kind: 'status', status: 'open' }],
    ['Conversation was marked as pending by Kim Agent', { kind: 'status', status: 'pending', by: 'Kim Agent' }],
    ['Conversation was snoozed by Kim Agent', { kind: 'status', status: 'snoozed', by: 'Kim Agent' }],
    ['Kim Agent self-assigned this conversation', { kind: 'assignment', names: ['Kim Agent'] }],
    ['Assigned to Ann by Bob by Carl', { kind: 'assigned-to', names: ['Ann', 'Ann by Bob'] }],
    ['Assigned to Sam Agent via billing by Kim Agent', { kind: 'assignment', names: ['Sam Agent'] }],
    ['Conversation unassigned by Sam Agent', { kind: 'unassigned' }],
    ['Sam Agent changed the priority from low to high', { kind: 'other' }],
    ['Unassigned from billing by Sam Agent', { kind: 'other' }],
  ])('%s', (sentence, meaning) => {
    expect(readActivity(sentence)).toEqual(meaning);
  });

  it('a sentence Chatwoot does not write in English means nothing known', () => {
    expect(readActivity('Das Gespräch wurde von Sam Agent gelöst')).toBeNull();
    expect(readActivity('Conversation was reopened')).toBeNull();
    expect(readActivity('')).toBeNull();
    expect(readActivity(null)).toBeNull();
  });

  it('a name with " by " in it is told apart by the account\'s agents', async () => {
    const agents = JSON.stringify([{ id: 9, name: 'Ann by Bob' }]);
    const messages = {
      payload: [{ id: 1, message_type: 2, created_at: T50, private: false, content: 'Assigned to Ann by Bob by Carl' }],
    };
    const files: Record<string, string> = {
      '/api/v1/profile': '{"id":7}',
      '/api/v1/accounts/1/conversations/60': JSON.stringify({
        id: 60,
        status: 'open',
        inbox_id: 5,
        created_at: T50,
        labels: [],
        meta: {},
      }),
      '/api/v1/accounts/1/conversations/60/messages': JSON.stringify(messages),
      '/api/v1/accounts/1/conversations/60/messages?before=1': '{"payload":[]}',
      '/api/v1/accounts/1/agents': agents,
      '/api/v1/accounts/1/teams': '[]',
    };
    const fetch = (async (href: string) => {
      const url = new URL(href);
      const body = files[url.pathname + decodeURIComponent(url.search)];
      return body ? new Response(body) : new Response('{}', { status: 404 });
    }) as unknown as typeof globalThis.fetch;
    const conversation = await new ChatwootApi().conversation('1:60', createSameOriginFetch({ origin: ORIGIN, fetch }));
    expect(conversation.events).toEqual([{ id: '1', at: ms(T50), type: 'assignment', agentId: '9', position: 0 }]);
  });
});

describe('Chatwoot in the adapter runner (jsdom on app.chatwoot.com)', () => {
  let runner: AdapterRunner | undefined;
  afterEach(() => runner?.stop());

  async function runOnce(overrides: Record<string, string | null>): Promise<CsObservations[]> {
    document.body.replaceChildren(...Array.from(load('conversation.html').body.childNodes));
    const sent: CsObservations[] = [];
    const tasks: Array<() => void> = [];
    const timeouts: Array<() => void> = [];
    const { fetch } = fixtureFetchRaw(overrides);
    runner = startAdapterRunner(
      createChatwootAdapter(),
      {
        window,
        document,
        now: () => 1_795_512_600_000,
        sendMessage: (m) => {
          if (m.type === 'cs:observations') sent.push(structuredClone(m));
          return Promise.resolve({ ok: true, seq: (m as CsObservations).seq, plans: [] });
        },
        nextTask: (cb) => void tasks.push(cb),
        setTimeout: (fn) => (timeouts.push(fn), timeouts.length),
        clearTimeout: () => undefined,
        setInterval: () => 0,
        clearInterval: () => undefined,
        onLocationChange: () => undefined,
        documentId: 'doc-chatwoot-0001',
        fetch,
      },
      {},
    );
    for (let round = 0; round < 5; round++) {
      while (tasks.length) tasks.shift()!();
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
      timeouts.splice(0).forEach((fn) => fn());
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    }
    return sent;
  }

  it('a 404 on the profile degrades health and the conversation is still sent whole and verified', async () => {
    const sent = await runOnce({ '/api/v1/profile': null });
    const reading = sent.find((batch) => batch.conversations.length > 0)!;
    expect(reading.conversations).toEqual([{ ...SUMMARY_42, events: EVENTS_42 }]);
    expect(sent.filter((batch) => batch.health).at(-1)!.health?.missing).toEqual(['1:42:profile:api:http-404:/api/v1/profile']);
  });

  it('activity sentences it cannot read are health entries, and nothing of them is sent as a status', async () => {
    const sent = await runOnce({ '/api/v1/accounts/1/conversations/42/messages': 'messages-42-german-activity.json' });
    const reading = sent.find((batch) => batch.conversations.length > 0)!.conversations[0];
    expect(reading.events!.filter((e) => e.type === 'status' || e.type === 'assignment')).toEqual([]);
    expect(reading.missing).toEqual(['activity:902', 'activity:907', 'activity:909']);
    expect(sent.filter((batch) => batch.health).at(-1)!.health?.missing).toEqual([
      '1:42:activity:902',
      '1:42:activity:907',
      '1:42:activity:909',
    ]);
  });
});

describe('Chatwoot list badges: cards paired with the API lists only where the page proves it', () => {
  const LISTS: Record<string, string> = {
    '/api/v1/accounts/2/conversations?status=open&assignee_type=all&page=1': 'conversations-2-open-all.json',
    '/api/v1/accounts/2/conversations?status=open&assignee_type=me&page=1': 'conversations-2-open-me.json',
    '/api/v1/accounts/2/conversations?status=open&assignee_type=unassigned&page=1': 'conversations-2-open-unassigned.json',
  };
  const DASHBOARD = new URL('https://app.chatwoot.com/app/accounts/2/dashboard');

  async function badges(file: string, overrides: Record<string, string | null> = {}) {
    const api = new ChatwootApi();
    const adapter = createChatwootAdapter(api);
    const { fetchJson, asked } = fixtureFetch({ ...LISTS, ...overrides });
    await api.list(DASHBOARD, fetchJson);
    const doc = load(file);
    const rows = adapter.extract.listRowElements(doc.body);
    return {
      asked: asked.map((a) => a.path),
      pairs: rows.map((row) => [row.getAttribute('data-index'), adapter.extract.rowConversationId(row)]),
      problems: adapter.extract.listProblems!(),
      anchors: rows.map((row) => adapter.overlayAnchors.rowBadge(row)?.anchor.className.split(' ')[0]),
    };
  }

  it('the Mine tab lines up with the assignee_type=me list only: each card gets its conversation', async () => {
    const result = await badges('dashboard-2025-mine.html');
    expect(result.asked).toEqual(Object.keys(LISTS));
    expect(result.pairs).toEqual([
      ['0', '2:61'],
      ['1', '2:63'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.anchors).toEqual(['conversation--user', 'conversation--user']);
  });

  it('on the All tab a contact with two conversations gets no badge on either card', async () => {
    const result = await badges('dashboard-2025-all.html');
    expect(result.pairs).toEqual([
      ['1', '2:62'],
      ['2', '2:63'],
    ]);
    expect(result.problems).toEqual(['list.card:same-contact']);
  });

  it('a card the API read does not hold yet shifts every index: nothing is paired, health says why', async () => {
    const result = await badges('dashboard-2025-shifted.html');
    expect(result.pairs).toEqual([]);
    expect(result.problems).toEqual(['list.card:no-list-lines-up']);
  });

  it('cards without data-index (releases before the virtual list) are not paired', async () => {
    const result = await badges('dashboard.html');
    expect(result.pairs).toEqual([]);
    expect(result.problems).toEqual(['list.card:unreadable']);
  });

  it('a failed tab list is reported and pairs nothing it would have proven', async () => {
    const result = await badges('dashboard-2025-mine.html', {
      '/api/v1/accounts/2/conversations?status=open&assignee_type=me&page=1': null,
    });
    expect(result.pairs).toEqual([]);
    expect(result.problems).toEqual(['list.me:api:http-404:/api/v1/accounts/:id/conversations', 'list.card:no-list-lines-up']);
  });

  it('contact names stay in the page: no observation of the list carries them', async () => {
    const api = new ChatwootApi();
    const rows = await api.list(DASHBOARD, fixtureFetch(LISTS).fetchJson);
    expect(rows.map((r) => r.conversationId)).toEqual(['2:61', '2:62', '2:63', '2:64']);
    const serialized = JSON.stringify(rows);
    for (const name of ['Ada', 'Bo Brandt', 'Cy Chen', 'example.org']) expect(serialized).not.toContain(name);
  });
});
