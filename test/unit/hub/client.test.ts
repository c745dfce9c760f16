import { describe, expect, it } from 'vitest';
import { createHubClient, HubRequestError, parseInvite, type FetchLike } from '../../../lib/hub/client';
import type { HubStreamEvent } from '../../../lib/hub/protocol';
import { AGENT_TOKEN, FakeHub, HUB_URL } from './fake-hub';

function answering(body: string, status = 200, contentType = 'application/json'): FetchLike {
  return async () => new Response(body, { status, headers: { 'content-type': contentType } });
}

async function failure(promise: Promise<unknown>): Promise<HubRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubRequestError) return error;
    throw error;
  }
  throw new Error('expected a HubRequestError');
}

describe('parseInvite', () => {
  it('reads the hub URL, its origin and the token, with or without a path prefix', () => {
    expect(parseInvite('  https://hub.example.com/join#token=abc123  ')).toEqual({
      hubUrl: 'https://hub.example.com',
      origin: 'https://hub.example.com',
      token: 'abc123',
    });
    expect(parseInvite('https://example.com:8443/replyline/join/#token=t%2Bx')).toEqual({
      hubUrl: 'https://example.com:8443/replyline',
      origin: 'https://example.com:8443',
      token: 't+x',
    });
    expect(parseInvite('http://localhost:4500/join#token=dev').hubUrl).toBe('http://localhost:4500');
  });

  it('says what is wrong with anything else', () => {
    expect(() => parseInvite('')).toThrow('Paste the invite link your supervisor or admin sent you.');
    expect(() => parseInvite('abc123')).toThrow('This is not a link. An invite looks like https://hub.example.com/join#token=…');
    expect(() => parseInvite('https://hub.example.com/v1/me#token=x')).toThrow('This link is not an invite: its path must end in /join.');
    expect(() => parseInvite('https://hub.example.com/join')).toThrow('The invite has no token');
    expect(() => parseInvite('http://hub.example.com/join#token=x')).toThrow('The hub must be reached over https://');
    expect(() => parseInvite('ftp://hub.example.com/join#token=x')).toThrow('An invite link starts with https:// (this one: ftp:).');
  });
});

describe('hub client', () => {
  it('sends the bearer token and returns checked answers', async () => {
    const hub = new FakeHub();
    const client = createHubClient({ hubUrl: `${HUB_URL}/`, token: AGENT_TOKEN, fetch: hub.fetch });
    expect(await client.me()).toEqual({ tokenId: 't-1', role: 'agent', name: 'Ada Lovelace', agentId: 'a-1' });
    expect((await client.agents()).agents.map((a) => a.name)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Sam Supervisor']);
  });

  it('turns bad hub answers into clear errors', async () => {
    const client = (fetch: FetchLike) => createHubClient({ hubUrl: HUB_URL, token: 't', fetch });
    const notJson = await failure(client(answering('<html>proxy login</html>', 200, 'text/html')).me());
    expect([notJson.failure, notJson.message]).toEqual([
      'bad-answer',
      "The hub's answer to check the connection was not JSON: is hub.example.test really a Replyline hub?",
    ]);
    const wrongShape = await failure(client(answering(JSON.stringify({ tokenId: 't-1', role: 'owner', name: 'A', agentId: null }))).me());
    expect(wrongShape.failure).toBe('bad-answer');
    expect(wrongShape.message).toMatch(/^The hub's answer to check the connection is not what this version of Replyline expects \(role: /);
    const badQueue = await failure(client(answering(JSON.stringify({ asOf: 1, rows: [{ key: 'x' }] }))).queue());
    expect(badQueue.message).toContain('rows.0.helpdesk');
    const unauthorized = await failure(client(answering('', 401)).me());
    expect([unauthorized.failure, unauthorized.retryable]).toEqual(['unauthorized', false]);
    const forbidden = await failure(
      client(answering(JSON.stringify({ error: { code: 'forbidden', message: 'supervisors only' } }), 403)).queue(),
    );
    expect(forbidden.message).toBe("This connection's role may not read the queue: supervisors only.");
    const rejected = await failure(
      client(
        answering(JSON.stringify({ error: { code: 'invalid', message: 'expected number', path: 'batches.0.seq' } }), 400),
      ).postObservations([]),
    );
    expect(rejected.message).toBe('The hub refused to take the queued observations (HTTP 400): expected number (at batches.0.seq).');
    const down = await failure(
      client(async () => {
        throw new TypeError('Failed to fetch');
      }).me(),
    );
    expect([down.failure, down.retryable, down.message]).toEqual([
      'network',
      true,
      'Could not reach the hub at hub.example.test (offline, or the hub is down).',
    ]);
    const rate = await failure(client(async () => new Response('{}', { status: 429, headers: { 'retry-after': '7' } })).agents());
    expect([rate.failure, rate.retryAfterSeconds]).toEqual(['rate-limited', 7]);
  });

  it('refuses a report that is not replyline.report/1', async () => {
    const client = createHubClient({ hubUrl: HUB_URL, token: 't', fetch: answering(JSON.stringify({ format: 'other/1' })) });
    const error = await failure(client.report({ profile: 'replyline', week: '2026-W48' }));
    expect(error.message).toContain('format: ');
  });

  it('reads the stream in pieces as they arrive, skipping events that are not in the API', async () => {
    const row = {
      key: 'demo-desk|http://localhost:4400|c-1',
      helpdesk: 'demo-desk',
      origin: 'http://localhost:4400',
      conversationId: 'c-1',
      channel: 'chat',
      priority: null,
      status: 'open',
      statusKnown: 'known',
      assigneeId: 'a-1',
      assigneeName: 'Ada Lovelace',
      createdAt: 1000,
      waitingSince: 1000,
      lastSeenAt: 2000,
      clocks: [],
    };
    const text = [
      ': hello\n\n',
      `data: ${JSON.stringify({ type: 'queue', asOf: 3000, upserts: [row], removed: [] })}\n\n`,
      'data: {"type":"queue","asOf":"soon"}\n\n',
      'data: not json\n\n',
      `data: ${JSON.stringify({ type: 'settings', asOf: 4000 })}\n\n`,
    ].join('');
    const encoder = new TextEncoder();
    // Cut mid-line and mid-character: the parser must join the pieces.
    const pieces = [text.slice(0, 20), text.slice(20, 95), text.slice(95)];
    const fetch: FetchLike = async (_url, init) => {
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer t');
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const piece of pieces) controller.enqueue(encoder.encode(piece));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const events: HubStreamEvent[] = [];
    const bad: string[] = [];
    let opened = false;
    await createHubClient({ hubUrl: HUB_URL, token: 't', fetch }).stream({
      signal: new AbortController().signal,
      onOpen: () => (opened = true),
      onEvent: (event) => events.push(event),
      onBadEvent: (reason) => bad.push(reason),
    });
    expect(opened).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['queue', 'settings']);
    expect(events[0].type === 'queue' && events[0].upserts[0].assigneeName).toBe('Ada Lovelace');
    expect(bad).toHaveLength(2);
    expect(bad[0]).toMatch(/^a stream event not in the API \(/);
    expect(bad[1]).toBe('a stream event that is not JSON');
  });

  it('refuses a stream that is not text/event-stream', async () => {
    const client = createHubClient({ hubUrl: HUB_URL, token: 't', fetch: answering('{}') });
    const error = await failure(client.stream({ signal: new AbortController().signal, onEvent: () => undefined }));
    expect(error.message).toBe("The hub's live stream is not an event stream (application/json).");
  });
});
