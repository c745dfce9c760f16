/**
 * A small in-memory team hub for unit tests, built on the API's own schemas (lib/hub/protocol.ts):
 * it validates each request as the real hub does, stores observation batches once by
 * documentId + seq, and can be switched offline, made to fail, or made to lose its answer after
 * storing (what a worker stopped mid-request sees).
 */
import { observationsRequestSchema, type HubAgents, type HubAlert, type HubMe, type QueueResponse } from '../../../lib/hub/protocol';
import type { CsObservations } from '../../../lib/messaging/protocol';
import type { FetchLike } from '../../../lib/hub/client';

export const HUB_URL = 'https://hub.example.test';
export const AGENT_TOKEN = 'agent-token-1';
export const SUPERVISOR_TOKEN = 'supervisor-token-1';

export type FakeMode = 'up' | 'offline' | 'lose-answer' | { status: number; body?: unknown; headers?: Record<string, string> };

export class FakeHub {
  /** Stored batches in arrival order (each documentId + seq once). */
  readonly batches: CsObservations[] = [];
  /** Every POST /v1/observations body's batch keys, in order (duplicates included). */
  readonly requests: string[][] = [];
  mode: FakeMode = 'up';
  /** Largest number of batches one request may carry before a 413. */
  maxBatches = 500;
  alerts: HubAlert[] = [];
  agents: HubAgents = {
    agents: [
      { agentId: 'a-1', name: 'Ada Lovelace', role: 'agent', tokenId: 't-1' },
      { agentId: 'a-2', name: 'Grace Hopper', role: 'agent', tokenId: 't-2' },
      { agentId: null, name: 'Sam Supervisor', role: 'supervisor', tokenId: 't-3' },
    ],
  };
  queue: QueueResponse = { asOf: 0, rows: [] };
  private readonly keys = new Set<string>();

  private who(token: string | null): HubMe | null {
    if (token === AGENT_TOKEN) return { tokenId: 't-1', role: 'agent', name: 'Ada Lovelace', agentId: 'a-1' };
    if (token === SUPERVISOR_TOKEN) return { tokenId: 't-3', role: 'supervisor', name: 'Sam Supervisor', agentId: null };
    return null;
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    const mode = this.mode;
    if (mode === 'offline') throw new TypeError('Failed to fetch');
    if (typeof mode === 'object')
      return new Response(mode.body === undefined ? '' : JSON.stringify(mode.body), {
        status: mode.status,
        headers: { 'content-type': 'application/json', ...mode.headers },
      });
    const url = new URL(input);
    const auth = new Headers(init.headers).get('authorization');
    const me = this.who(auth?.replace(/^Bearer /, '') ?? null);
    if (!me) return json(401, { error: { code: 'unauthorized', message: 'unknown token' } });
    const method = init.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/v1/me') return json(200, me);
    if (method === 'GET' && url.pathname === '/v1/agents') return json(200, this.agents);
    if (method === 'GET' && url.pathname === '/v1/queue') return json(200, this.queue);
    if (method === 'GET' && url.pathname === '/v1/alerts') {
      const since = Number(url.searchParams.get('since'));
      return json(200, { alerts: this.alerts.filter((a) => a.firedAt > since).sort((a, b) => a.firedAt - b.firedAt) });
    }
    if (method === 'POST' && url.pathname === '/v1/observations') {
      if (me.role !== 'agent') return json(403, { error: { code: 'forbidden', message: 'agents only' } });
      const parsed = observationsRequestSchema.safeParse(JSON.parse(init.body as string));
      if (!parsed.success) return json(400, { error: { code: 'invalid', message: parsed.error.issues[0].message } });
      const batches = parsed.data.batches;
      this.requests.push(batches.map((b) => `${b.documentId}|${b.seq}`));
      if (batches.length > this.maxBatches) return json(413, { error: { code: 'too_large', message: 'body over the limit' } });
      let accepted = 0;
      let duplicates = 0;
      for (const batch of batches) {
        const key = `${batch.documentId}|${batch.seq}`;
        if (this.keys.has(key)) {
          duplicates++;
          continue;
        }
        this.keys.add(key);
        this.batches.push(batch);
        accepted++;
      }
      if (mode === 'lose-answer') throw new TypeError('network connection lost');
      return json(200, { accepted, duplicates, events: 0 });
    }
    return json(404, { error: { code: 'not_found', message: 'no such route' } });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
