import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineSchema } from '../../../lib/timeline/schema.ts';
import { startDemoDesk } from '../../../demo/server/main.ts';
import type { DemoDesk } from '../../../demo/server/server.ts';

const NOW = Date.parse('2026-11-24T15:00:00.000Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

let desk: DemoDesk;

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(desk.url + path, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  desk = await startDemoDesk({ port: 0, clock: 'manual', frozenAt: NOW, conversations: 0, sim: false, timezone: 'Europe/Berlin' });
});

afterAll(async () => {
  await desk.close();
});

describe('Demo Desk HTTP API', () => {
  it('creates a conversation in the past, takes a reply, and serves the exact timeline', async () => {
    const created = await call('POST', '/api/conversations', {
      customerName: 'Maya Jensen',
      channel: 'chat',
      body: 'Where is my order?',
      at: ago(44),
      id: 'c-http',
    });
    expect(created.status).toBe(201);
    expect(created.body.conversation).toMatchObject({ id: 'c-http', status: 'open', waitingSince: '2026-11-24T14:16:00.000Z' });

    const list = await call('GET', '/api/conversations?status=open');
    expect(list.body.now).toBe('2026-11-24T15:00:00.000Z');
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toEqual(['c-http']);
    expect(list.body.agents.map((a: { id: string; name: string }) => `${a.id} ${a.name}`)).toEqual([
      'a-1 Ana Ortiz',
      'a-2 Ben Kowalski',
      'a-3 Chen Wei',
      'a-4 Dana Fischer',
    ]);

    expect((await call('POST', '/api/conversations/c-http/assign', { agentId: 'a-2', at: ago(40) })).status).toBe(201);
    const reply = await call('POST', '/api/conversations/c-http/messages', {
      author: 'agent',
      agentId: 'a-2',
      body: 'It ships today.',
      at: ago(30),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.conversation.waitingSince).toBe(null);
    await call('POST', '/api/conversations/c-http/messages', { author: 'agent', agentId: 'a-2', body: 'check warehouse', private: true });
    await call('POST', '/api/conversations/c-http/status', { status: 'resolved', agentId: 'a-2' });

    const timeline = await call('GET', '/api/timeline');
    expect(timelineSchema.safeParse(timeline.body).success).toBe(true);
    expect(timeline.body.source).toEqual({ helpdesk: 'demo-desk', origin: desk.url });
    expect(timeline.body.calendar.timezone).toBe('Europe/Berlin');
    expect(timeline.body.conversations.find((c: { id: string }) => c.id === 'c-http')).toEqual({
      id: 'c-http',
      channel: 'chat',
      createdAt: '2026-11-24T14:16:00.000Z',
      customerId: 'u-1',
      events: [
        { id: 'e-1', at: '2026-11-24T14:16:00.000Z', type: 'message', author: 'customer', public: true },
        { id: 'e-2', at: '2026-11-24T14:20:00.000Z', type: 'assignment', agentId: 'a-2' },
        { id: 'e-3', at: '2026-11-24T14:30:00.000Z', type: 'message', author: 'agent', agentId: 'a-2', public: true },
        { id: 'e-4', at: '2026-11-24T15:00:00.000Z', type: 'note', agentId: 'a-2' },
        { id: 'e-5', at: '2026-11-24T15:00:00.000Z', type: 'status', status: 'resolved', agentId: 'a-2' },
      ],
    });
    expect(JSON.stringify(timeline.body)).not.toContain('It ships today');

    const detail = await call('GET', '/api/conversations/c-http');
    expect(detail.body.conversation.events.map((e: { id: string; type: string; body?: string }) => [e.id, e.type, e.body ?? null])).toEqual(
      [
        ['e-1', 'message', 'Where is my order?'],
        ['e-2', 'assignment', null],
        ['e-3', 'message', 'It ships today.'],
        ['e-4', 'note', 'check warehouse'],
        ['e-5', 'status', null],
      ],
    );
  });

  it('moves the manual clock: new events take its time', async () => {
    expect((await call('POST', '/api/clock', { frozenAt: '2026-11-24T15:10:00Z' })).body).toEqual({
      now: '2026-11-24T15:10:00.000Z',
      mode: 'manual',
      frozenAt: '2026-11-24T15:10:00.000Z',
      offsetMs: 0,
    });
    const created = await call('POST', '/api/conversations', { customerName: 'Clock Test', channel: 'email', body: 'Hi' });
    expect(created.body.conversation.createdAt).toBe('2026-11-24T15:10:00.000Z');
    await call('POST', '/api/clock', { frozenAt: '2026-11-24T15:00:00Z' });
  });

  it('answers bad requests with 400/404/409 and a readable error', async () => {
    expect(await call('POST', '/api/conversations', { customerName: 'X', body: 'y', at: '2026-11-24 14:00' })).toEqual({
      status: 400,
      body: { error: 'at must be an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00Z' },
    });
    expect((await call('POST', '/api/conversations', { customerName: 'X', body: 'y', at: '2026-11-24T16:00:00Z' })).status).toBe(400);
    expect((await call('POST', '/api/conversations', { customerName: 'X', body: 'y', id: 'c-http' })).status).toBe(409);
    expect((await call('GET', '/api/conversations/c-nope')).status).toBe(404);
    expect((await call('POST', '/api/conversations/c-http/status', { status: 'closed' })).status).toBe(400);
    expect((await call('GET', '/api/conversations?status=weird')).status).toBe(400);
  });

  it('streams changes over Server-Sent Events', async () => {
    // Changes are sent in 50 ms batches: let earlier tests' batch go out first.
    await new Promise((resolve) => setTimeout(resolve, 120));
    const controller = new AbortController();
    const response = await fetch(`${desk.url}/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    await call('POST', '/api/conversations', { customerName: 'Live', body: 'ping', id: 'c-live' });
    let text = '';
    while (!text.includes('c-live')) text += new TextDecoder().decode((await reader.read()).value);
    const frames = text.split('\n\n').filter((frame) => frame.startsWith('data:'));
    expect(frames.at(-1)).toBe('data: {"type":"changed","conversationIds":["c-live"]}');
    controller.abort();
  });

  it('serves the page for its routes and redirects / to /inbox', async () => {
    for (const path of ['/inbox', '/inbox?status=all', '/conversations/c-http']) {
      const response = await fetch(desk.url + path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<body data-app="demo-desk">');
    }
    const root = await fetch(desk.url + '/', { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/inbox']);
    expect((await fetch(desk.url + '/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves and updates the settings', async () => {
    const updated = await call('POST', '/api/settings', { targets: { firstResponseSeconds: 300 } });
    expect(updated.body.targets).toEqual({
      clock: 'business',
      firstResponseSeconds: 300,
      nextResponseSeconds: 900,
      resolutionSeconds: 7200,
      atRiskShare: 0.75,
    });
    expect((await call('GET', '/api/settings')).body.targets.firstResponseSeconds).toBe(300);
    expect((await call('POST', '/api/settings', { calendar: { timezone: 'Nowhere/City', week: {} } })).status).toBe(400);
  });

  it('resets the simulated desk from a seed and steps it', async () => {
    const reset = await call('POST', '/api/sim/reset', { seed: 7, conversations: 12 });
    expect(reset.body).toMatchObject({ conversations: 12, seed: 7, running: false });
    const first = (await call('GET', '/api/timeline')).body.conversations;
    await call('POST', '/api/sim/reset', { seed: 7, conversations: 12 });
    expect((await call('GET', '/api/timeline')).body.conversations).toEqual(first);
    const step = await call('POST', '/api/sim/step');
    expect(step.body.step.at).toBe('2026-11-24T15:00:00.000Z');
    expect(typeof step.body.step.action).toBe('string');
  });
});

describe('Demo Desk with 1,000 conversations', () => {
  it('generates and serves them quickly', async () => {
    const started = performance.now();
    const big = await startDemoDesk({ port: 0, conversations: 1000, seed: 3, speed: 50 });
    try {
      const generatedIn = performance.now() - started;
      expect(big.store.size).toBeGreaterThanOrEqual(1000);
      let t = performance.now();
      const list = await (await fetch(`${big.url}/api/conversations?status=all`)).json();
      const listIn = performance.now() - t;
      t = performance.now();
      const timeline = await (await fetch(`${big.url}/api/timeline`)).json();
      const timelineIn = performance.now() - t;
      expect(list.conversations.length).toBeGreaterThanOrEqual(1000);
      expect(timeline.conversations.length).toBe(list.conversations.length);
      // Generous bounds for a slow CI machine; typical runs take a few hundred ms in total.
      expect(generatedIn).toBeLessThan(3000);
      expect(listIn).toBeLessThan(1000);
      expect(timelineIn).toBeLessThan(2000);
    } finally {
      await big.close();
    }
  });
});
