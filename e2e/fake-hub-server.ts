/**
 * A stand-in team hub for the Team view's end-to-end test until the real hub (hub/) is on main:
 * real HTTP and server-sent events, answers checked against lib/hub/protocol.ts before they are
 * sent, and the report made by the report CLI itself on docs/examples/support-week.json (per agent:
 * the conversations with an event by that agent). It ignores the requested week: the example's
 * period is its only week.
 */
import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { runCli } from '../lib/cli/main';
import {
  agentsResponseSchema,
  alertsResponseSchema,
  meResponseSchema,
  queueResponseSchema,
  streamEventSchema,
  teamSettingsSchema,
  type HubStreamEvent,
  type QueueRow,
} from '../lib/hub/protocol';

export const SUPERVISOR_TOKEN = 'e2e-supervisor-token';
const EXAMPLE = resolve('docs/examples/support-week.json');

/** The report CLI's JSON for the example (or the part of it one agent worked on). */
export async function cliReport(agentId?: string): Promise<string> {
  let file = EXAMPLE;
  if (agentId) {
    const timeline = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { conversations: Array<{ events: Array<{ agentId?: string }> }> };
    timeline.conversations = timeline.conversations.filter((c) => c.events.some((e) => e.agentId === agentId));
    file = join(mkdtempSync(join(tmpdir(), 'fake-hub-')), 'agent.json');
    writeFileSync(file, JSON.stringify(timeline));
  }
  let out = '';
  const code = await runCli(['report', file, '--format', 'json'], { stdout: (text) => (out += text), stderr: () => undefined });
  if (code !== 0) throw new Error(`report CLI exited ${code}`);
  return out;
}

export interface FakeHubServer {
  url: string;
  rows: QueueRow[];
  /** Sends a stream event to every open stream. */
  push(event: HubStreamEvent): void;
  close(): Promise<void>;
}

export async function startFakeHub(rows: QueueRow[]): Promise<FakeHubServer> {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { calendar: unknown; targets: unknown; profile: string };
  const streams = new Set<ServerResponse>();
  const send = (res: ServerResponse, schema: { parse(v: unknown): unknown }, body: unknown) => {
    const checked = schema.parse(body);
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(checked));
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-allow-methods': 'GET, POST',
      });
      res.end();
      return;
    }
    if (req.headers.authorization !== `Bearer ${SUPERVISOR_TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'unknown token' } }));
      return;
    }
    switch (url.pathname) {
      case '/v1/me':
        return send(res, meResponseSchema, { tokenId: 't-sup', role: 'supervisor', name: 'Sam Supervisor', agentId: null });
      case '/v1/agents':
        return send(res, agentsResponseSchema, {
          agents: [
            { agentId: 'a-anna', name: 'Anna Berg', role: 'agent', tokenId: 't-1' },
            { agentId: 'a-ben', name: 'Ben Okafor', role: 'agent', tokenId: 't-2' },
            { agentId: 'a-chloe', name: 'Chloé Martin', role: 'agent', tokenId: 't-3' },
            { agentId: null, name: 'Sam Supervisor', role: 'supervisor', tokenId: 't-sup' },
          ],
        });
      case '/v1/settings':
        return send(res, teamSettingsSchema, { calendar: example.calendar, targets: example.targets, profile: example.profile });
      case '/v1/queue':
        return send(res, queueResponseSchema, { asOf: Date.now(), rows });
      case '/v1/alerts':
        return send(res, alertsResponseSchema, { alerts: [] });
      case '/v1/report':
        void cliReport(url.searchParams.get('agent') ?? undefined).then((text) => {
          res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
          res.end(text);
        });
        return;
      case '/v1/stream':
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
        res.write(': open\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      default:
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'not_found', message: 'no such route' } }));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    rows,
    push(event) {
      const data = JSON.stringify(streamEventSchema.parse(event));
      for (const res of streams) res.write(`data: ${data}\n\n`);
    },
    async close() {
      for (const res of streams) res.end();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
