/**
 * The Demo Desk's HTTP server (node:http): the JSON API, the Server-Sent Events stream and the
 * static single-page client. `startDemoDesk` runs it in-process for tests and `npm start`.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ConversationStatus } from '../../lib/engine/events.ts';
import { isoInstant } from '../../lib/timeline/schema.ts';
import type { TargetsSpec } from '../../lib/engine/targets.ts';
import { DeskClock } from './clock.ts';
import type { ClockMode } from './clock.ts';
import { defaultSettings, updateSettings } from './settings.ts';
import type { DeskSettings } from './settings.ts';
import { Simulator } from './simulator.ts';
import { DESK_STATUSES, DeskError, DeskStore } from './store.ts';
import type { Channel, DeskEvent } from './store.ts';

export interface DemoDeskOptions {
  /** 0 picks a free port. Default 4400. */
  port?: number;
  host?: string;
  seed?: number;
  speed?: number;
  clock?: ClockMode;
  /** With `clock: 'manual'`, the instant the clock is frozen at (default: now). */
  frozenAt?: number;
  /** Conversations generated in the past at start. Default 30. */
  conversations?: number;
  /** false: nothing happens by itself (steps still run through POST /api/sim/step). Default true. */
  sim?: boolean;
  timezone?: string;
  businessHours?: string;
  targets?: Partial<TargetsSpec>;
  arrivalEveryMinutes?: number;
}

export interface DemoDesk {
  url: string;
  port: number;
  store: DeskStore;
  simulator: Simulator;
  clock: DeskClock;
  settings(): DeskSettings;
  close(): Promise<void>;
}

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
const STATIC_FILES: Record<string, string> = {
  '/app.js': 'text/javascript; charset=utf-8',
  '/style.css': 'text/css; charset=utf-8',
  '/favicon.svg': 'image/svg+xml',
};
const MAX_BODY_BYTES = 1_000_000;
const CHANGE_BATCH_MS = 50;

interface StreamClient {
  res: ServerResponse;
  agentId: string | null;
}

export async function startDemoDesk(options: DemoDeskOptions = {}): Promise<DemoDesk> {
  const clock = new DeskClock(options.clock ?? 'real', options.frozenAt);
  const store = new DeskStore(clock);
  let settings = defaultSettings({ timezone: options.timezone, businessHours: options.businessHours, targets: options.targets });
  const simulator = new Simulator(store, clock, {
    seed: options.seed,
    speed: options.speed,
    arrivalEveryMinutes: options.arrivalEveryMinutes,
  });
  simulator.generateHistory(options.conversations ?? 30);
  if (options.sim !== false) simulator.start();

  // ——— live updates: batched, so a burst of simulator events is one message
  const clients = new Set<StreamClient>();
  let pendingIds = new Set<string>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const broadcast = (payload: object) => {
    const frame = `data: ${JSON.stringify(payload)}\n\n`;
    for (const client of clients) client.res.write(frame);
  };
  const unsubscribeStore = store.onChange((ids) => {
    for (const id of ids) pendingIds.add(id);
    flushTimer ??= setTimeout(() => {
      flushTimer = null;
      const conversationIds = [...pendingIds];
      pendingIds = new Set();
      broadcast({ type: 'changed', conversationIds });
    }, CHANGE_BATCH_MS);
  });
  const updateHumans = () => simulator.setHumanAgents([...clients].map((c) => c.agentId).filter((id): id is string => id !== null));
  const heartbeat = setInterval(() => {
    for (const client of clients) client.res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path.startsWith('/api/')) return api(method, path, url, req, res);

    if (path === '/events' && method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const agentId = url.searchParams.get('agentId');
      const client: StreamClient = { res, agentId: agentId && store.agent(agentId) ? agentId : null };
      clients.add(client);
      updateHumans();
      req.on('close', () => {
        clients.delete(client);
        updateHumans();
      });
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
    if (path === '/') {
      res.writeHead(302, { location: `/inbox${url.search}` });
      res.end();
      return;
    }
    if (path === '/inbox' || /^\/conversations\/[^/]+$/.test(path)) return sendFile(res, 'index.html', 'text/html; charset=utf-8');
    const type = STATIC_FILES[path];
    if (type) return sendFile(res, path.slice(1), type);
    sendJson(res, 404, { error: 'not found' });
  };

  const api = async (method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const now = () => new Date(clock.now()).toISOString();
    const route = `${method} ${path}`;
    let match: RegExpExecArray | null;

    if (route === 'GET /api/conversations') {
      const status = url.searchParams.get('status') ?? 'all';
      if (status !== 'all' && !DESK_STATUSES.includes(status as ConversationStatus)) {
        throw new DeskError(400, 'status must be open, pending, snoozed, resolved or all');
      }
      const idsParam = url.searchParams.get('ids');
      const conversations =
        idsParam === null
          ? store.list(status as ConversationStatus | 'all')
          : idsParam
              .split(',')
              .map((id) => store.summary(id))
              .filter((row) => row !== undefined);
      return sendJson(res, 200, { now: now(), agents: store.agents, counts: store.counts(), conversations });
    }
    if (route === 'POST /api/conversations') {
      const body = await readJson(req);
      const conversation = store.createConversation({
        customerName: body.customerName as string,
        channel: body.channel as Channel | undefined,
        body: body.body as string,
        at: parseAt(body.at),
        id: body.id as string | undefined,
      });
      return sendJson(res, 201, { now: now(), conversation: store.detail(conversation.id) });
    }
    if (method === 'GET' && (match = /^\/api\/conversations\/([^/]+)$/.exec(path))) {
      return sendJson(res, 200, { now: now(), conversation: store.detail(decodeURIComponent(match[1])) });
    }
    if (method === 'POST' && (match = /^\/api\/conversations\/([^/]+)\/(messages|status|assign|rating|handoff)$/.exec(path))) {
      const id = decodeURIComponent(match[1]);
      const body = await readJson(req);
      const at = parseAt(body.at);
      let event: DeskEvent;
      switch (match[2]) {
        case 'messages':
          event = store.addMessage(id, {
            author: body.author as DeskEvent['author'] & string,
            agentId: optionalString(body.agentId, 'agentId'),
            body: body.body as string,
            private: body.private === true,
            at,
          });
          break;
        case 'status':
          event = store.setStatus(id, { status: statusFrom(body.status), agentId: optionalString(body.agentId, 'agentId'), at });
          break;
        case 'assign': {
          if (!('agentId' in body)) throw new DeskError(400, 'agentId is required (an agent id, or null to unassign)');
          const agentId = body.agentId === null ? null : (optionalString(body.agentId, 'agentId') ?? null);
          event = store.assign(id, { agentId, byAgentId: optionalString(body.byAgentId, 'byAgentId'), at });
          break;
        }
        case 'rating':
          event = store.addRating(id, {
            csat: body.csat as number | undefined,
            ces: body.ces as number | undefined,
            agentId: optionalString(body.agentId, 'agentId'),
            at,
          });
          break;
        default:
          event = store.addHandoff(id, { at });
      }
      simulator.noticeHumanEvent(id, event);
      return sendJson(res, 201, { now: now(), event: store.eventView(event), conversation: store.summary(id) });
    }
    if (route === 'GET /api/timeline') {
      return sendJson(res, 200, store.toTimeline(settings, origin));
    }
    if (route === 'GET /api/settings') return sendJson(res, 200, settings);
    if (route === 'POST /api/settings') {
      const body = await readJson(req);
      try {
        settings = updateSettings(settings, body);
      } catch (error) {
        throw new DeskError(400, `invalid settings: ${error instanceof Error ? error.message : String(error)}`);
      }
      return sendJson(res, 200, settings);
    }
    if (route === 'GET /api/agents') return sendJson(res, 200, { agents: store.agents });
    if (route === 'GET /api/clock') return sendJson(res, 200, clock.state());
    if (route === 'POST /api/clock') {
      const body = await readJson(req);
      const change: { offsetMs?: number; frozenAt?: number | null } = {};
      if ('offsetMs' in body) {
        if (typeof body.offsetMs !== 'number' || !Number.isFinite(body.offsetMs)) throw new DeskError(400, 'offsetMs must be a number');
        change.offsetMs = body.offsetMs;
      }
      if ('frozenAt' in body) change.frozenAt = body.frozenAt === null ? null : parseAt(body.frozenAt);
      if ('advanceMs' in body) {
        if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) throw new DeskError(400, 'advanceMs must be a number');
        clock.advance(body.advanceMs);
      }
      if (change.offsetMs !== undefined || change.frozenAt !== undefined) clock.set(change);
      return sendJson(res, 200, clock.state());
    }
    if (route === 'GET /api/sim') return sendJson(res, 200, simulator.state());
    if (route === 'POST /api/sim/reset') {
      const body = await readJson(req);
      if (body.seed !== undefined && !Number.isInteger(body.seed)) throw new DeskError(400, 'seed must be an integer');
      if (body.conversations !== undefined && !(Number.isInteger(body.conversations) && (body.conversations as number) >= 0)) {
        throw new DeskError(400, 'conversations must be a non-negative integer');
      }
      simulator.reset({ seed: body.seed as number | undefined, conversations: body.conversations as number | undefined });
      return sendJson(res, 200, { ...simulator.state(), conversations: store.size });
    }
    if (route === 'POST /api/sim/pause') {
      simulator.pause();
      return sendJson(res, 200, simulator.state());
    }
    if (route === 'POST /api/sim/resume') {
      simulator.resume();
      return sendJson(res, 200, simulator.state());
    }
    if (route === 'POST /api/sim/step') {
      return sendJson(res, 200, { step: simulator.step(), ...simulator.state() });
    }
    throw new DeskError(404, `no route ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.end();
      if (error instanceof DeskError) return sendJson(res, error.httpStatus, { error: error.message });
      console.error('[demo-desk]', error);
      sendJson(res, 500, { error: 'internal error' });
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4400, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const host = options.host && options.host !== '127.0.0.1' && options.host !== '0.0.0.0' ? options.host : 'localhost';
  origin = `http://${host}:${port}`;

  let closed = false;
  return {
    url: origin,
    port,
    store,
    simulator,
    clock,
    settings: () => settings,
    async close() {
      if (closed) return;
      closed = true;
      simulator.dispose();
      unsubscribeStore();
      if (flushTimer) clearTimeout(flushTimer);
      clearInterval(heartbeat);
      for (const client of clients) client.res.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function sendFile(res: ServerResponse, name: string, type: string): Promise<void> {
  const content = await readFile(PUBLIC_DIR + name);
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  res.end(content);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new DeskError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DeskError(400, 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DeskError(400, 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

/** `at` must carry an offset (`Z` or `+01:00`): a local time without one is ambiguous. */
function parseAt(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isoInstant.safeParse(value).success)
    throw new DeskError(400, 'at must be an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00Z');
  return Date.parse(value as string);
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new DeskError(400, `${name} must be a string`);
  return value;
}

/** Accepts the statuses, and the page's action names (resolve, snooze, reopen) for convenience. */
function statusFrom(value: unknown): ConversationStatus {
  const aliases: Record<string, ConversationStatus> = { resolve: 'resolved', snooze: 'snoozed', reopen: 'open', open: 'open' };
  const status = typeof value === 'string' ? (aliases[value] ?? value) : value;
  if (!DESK_STATUSES.includes(status as ConversationStatus)) throw new DeskError(400, 'status must be open, pending, snoozed or resolved');
  return status as ConversationStatus;
}
