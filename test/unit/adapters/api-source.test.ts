import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import {
  ApiError,
  ApiSource,
  createSameOriginFetch,
  parseShape,
  pathShape,
  sameOriginUrl,
} from '../../../lib/adapters/framework/api-source';

const ORIGIN = 'https://acme.zendesk.com';

function recordingFetch(body: unknown = { ok: 1 }, status = 200) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('same-origin fetch', () => {
  it('resolves paths against the page origin and sends the session cookie only', async () => {
    const { fetch, calls } = recordingFetch({ ticket: 1 });
    const fetchJson = createSameOriginFetch({ origin: ORIGIN, fetch, headers: () => ({ client: 'c1' }) });
    expect(await fetchJson('/api/v2/tickets/1.json')).toEqual({ ticket: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('https://acme.zendesk.com/api/v2/tickets/1.json');
    expect(calls[0].init).toMatchObject({
      credentials: 'same-origin',
      redirect: 'error',
      headers: { Accept: 'application/json', client: 'c1' },
    });
  });

  it.each([
    ['https://evil.example/api/v2/tickets/1.json', 'cross-origin:evil.example'],
    ['https://acme-eu.zendesk.com/api/v2/tickets/1.json', 'cross-origin:acme-eu.zendesk.com'],
    ['http://acme.zendesk.com/api/v2/tickets/1.json', 'cross-origin:acme.zendesk.com'],
    ['https://acme.zendesk.com:8443/api/v2/tickets/1.json', 'cross-origin:acme.zendesk.com:8443'],
    ['//evil.example/api', 'cross-origin:evil.example'],
  ])('refuses %s without fetching', async (url, report) => {
    const { fetch, calls } = recordingFetch();
    const fetchJson = createSameOriginFetch({ origin: ORIGIN, fetch });
    await expect(fetchJson(url)).rejects.toMatchObject({ kind: 'cross-origin', report });
    expect(calls).toHaveLength(0);
  });

  it('accepts an absolute URL on the same origin', () => {
    expect(sameOriginUrl('https://acme.zendesk.com/api/v2/x.json?page=2', ORIGIN).href).toBe(
      'https://acme.zendesk.com/api/v2/x.json?page=2',
    );
  });

  it('reports HTTP errors and non-JSON bodies with the path shape, no ids', async () => {
    const denied = createSameOriginFetch({ origin: ORIGIN, fetch: recordingFetch({}, 401).fetch });
    await expect(denied('/api/v2/tickets/1234/audits.json')).rejects.toMatchObject({
      kind: 'http',
      report: 'http-401:/api/v2/tickets/:id/audits.json',
    });
    const html = createSameOriginFetch({
      origin: ORIGIN,
      fetch: async () => new Response('<html>', { status: 200 }),
    });
    await expect(html('/api/v2/tickets/9.json')).rejects.toMatchObject({ kind: 'json', report: 'json:/api/v2/tickets/:id.json' });
    const down = createSameOriginFetch({
      origin: ORIGIN,
      fetch: async () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(down('/api/v1/accounts/1/conversations/42')).rejects.toMatchObject({
      kind: 'network',
      report: 'network:/api/v1/accounts/:id/conversations/:id',
    });
    expect(pathShape(new URL('https://a.b/api/v2/users/show_many.json?ids=1,2'))).toBe('/api/v2/users/show_many.json');
  });
});

describe('response shapes', () => {
  const schema = z.object({ ticket: z.object({ created_at: z.string(), items: z.array(z.object({ at: z.number() })) }) });
  it('returns the parsed data', () => {
    expect(parseShape(schema, { ticket: { created_at: 'x', items: [{ at: 1 }], extra: true } }, 'ticket')).toEqual({
      ticket: { created_at: 'x', items: [{ at: 1 }] },
    });
  });
  it('names the first changed field by its JSON path', () => {
    expect(() => parseShape(schema, { ticket: { created: 'x', items: [] } }, 'ticket')).toThrow(
      new ApiError('shape', 'shape:ticket.ticket.created_at'),
    );
    try {
      parseShape(schema, { ticket: { created_at: 'x', items: [{ at: 1 }, { at: '2026' }] } }, 'ticket');
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).report).toBe('shape:ticket.ticket.items.1.at');
    }
  });
});

describe('throttled API source', () => {
  it('reads at most once per 5 s per conversation and shares a read in flight', async () => {
    let reads = 0;
    const source = new ApiSource(
      {
        conversation: async (id) => {
          reads++;
          return { conversationId: id, status: 'open' };
        },
      },
      async () => ({}),
    );
    const url = new URL('https://acme.zendesk.com/agent/tickets/1');
    const [a, b] = await Promise.all([source.conversation('1', url, 1_000), source.conversation('1', url, 1_000)]);
    expect(reads).toBe(1);
    expect(a).toEqual({ value: { conversationId: '1', status: 'open' } });
    expect(b.value).toEqual({ conversationId: '1', status: 'open' });
    expect(await source.conversation('1', url, 5_999)).toEqual({ value: { conversationId: '1', status: 'open' }, retryAt: 6_000 });
    expect(reads).toBe(1);
    await source.conversation('1', url, 6_000);
    expect(reads).toBe(2);
    await source.conversation('2', url, 6_001); // another conversation is read at once
    expect(reads).toBe(3);
  });

  it('turns a failed read into an observation that stores nothing and names the reason', async () => {
    const source = new ApiSource(
      {
        conversation: async () => {
          throw new ApiError('shape', 'shape:ticket.ticket.created_at');
        },
        list: async () => {
          throw new Error('boom');
        },
      },
      async () => ({}),
    );
    const url = new URL('https://acme.zendesk.com/agent/tickets/1');
    expect(await source.conversation('1', url, 0)).toEqual({
      value: { conversationId: '1', events: [], missing: ['api:shape:ticket.ticket.created_at'] },
    });
    expect(await source.list(url, 0)).toEqual({ value: [], error: 'api:failed' });
  });

  it('passes on what a read could not read without failing, with the read and with its cached answer', async () => {
    let failedParts = ['profile:api:http-404:/api/v1/profile'];
    const source = new ApiSource(
      {
        conversation: async (id) => ({ conversationId: id, events: [] }),
        degraded: () => failedParts,
      },
      async () => ({}),
    );
    const url = new URL('https://app.chatwoot.com/app/accounts/1/conversations/42');
    expect(await source.conversation('1:42', url, 0)).toEqual({
      value: { conversationId: '1:42', events: [] },
      degraded: ['profile:api:http-404:/api/v1/profile'],
    });
    failedParts = [];
    expect(await source.conversation('1:42', url, 1_000)).toEqual({
      value: { conversationId: '1:42', events: [] },
      retryAt: 5_000,
      degraded: ['profile:api:http-404:/api/v1/profile'],
    });
    expect(await source.conversation('1:42', url, 5_000)).toEqual({ value: { conversationId: '1:42', events: [] } });
  });
});
