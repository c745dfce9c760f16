/**
 * `npm run bench -- hub`: the team hub on PGlite and on PostgreSQL (a throw-away server from
 * Debian's binaries, as the tests use), over HTTP on localhost:
 * - ingest: 50 agents sending observation batches at once (10 conversations × 10 events each);
 *   events/s and p99 request latency;
 * - delay from an observation's POST to its queue change on 20 stream subscribers (p99);
 * - `/v1/report` over REPORT_CONVERSATIONS conversations of 10 events (default 100,000 on
 *   PostgreSQL, 20,000 on PGlite); what the ingest phase did not store is stored in process;
 * - the process's resident memory after all that.
 * Medians over the runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CsObservations } from '../lib/messaging/protocol';
import { ingestObservations } from '../hub/src/ingest';
import { createHub, type Hub } from '../hub/src/server';
import { openStream } from '../hub/test/client';
import { startPostgres } from '../hub/test/postgres';
import type { BenchSection, Figure } from './run';

const AGENTS = 50;
const SUBSCRIBERS = 20;
const CONVERSATIONS_PER_BATCH = 10;
const EVENTS_PER_CONVERSATION = 10;
const BASE = Date.UTC(2026, 10, 23, 8);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

/** A batch of conversations with a customer/agent exchange, resolved. */
function makeBatch(agent: number, seq: number, firstConversation: number): CsObservations {
  const conversations = [];
  for (let c = 0; c < CONVERSATIONS_PER_BATCH; c++) {
    const id = `b-${firstConversation + c}`;
    const start = BASE + (firstConversation + c) * 60_000;
    const events = [];
    for (let e = 0; e < EVENTS_PER_CONVERSATION; e++) {
      const last = e === EVENTS_PER_CONVERSATION - 1;
      events.push(
        last
          ? { id: `${id}-${e}`, at: start + e * 120_000, type: 'status' as const, status: 'resolved' as const, agentId: `a-${agent}` }
          : {
              id: `${id}-${e}`,
              at: start + e * 120_000,
              type: 'message' as const,
              author: e % 2 === 0 ? ('customer' as const) : ('agent' as const),
              ...(e % 2 === 1 && { agentId: `a-${agent}` }),
            },
      );
    }
    conversations.push({
      conversationId: id,
      channel: 'chat',
      createdAt: start,
      status: 'resolved' as const,
      assigneeId: `a-${agent}`,
      events,
    });
  }
  return {
    type: 'cs:observations',
    documentId: `bench-agent-${agent}`,
    seq,
    helpdesk: 'bench',
    origin: 'https://bench.test',
    url: 'https://bench.test/',
    conversations,
    activity: [],
  };
}

async function post(url: string, token: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

async function tokens(base: string, admin: string, count: number, role: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${base}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role, name: `${role} ${i}`, ...(role === 'agent' && { agentId: `a-${i}` }) }),
    });
    out.push(((await response.json()) as { token: string }).token);
  }
  return out;
}

async function benchEngine(kind: 'pglite' | 'postgres', runs: number): Promise<Figure[]> {
  const admin = 'bench-admin';
  let dir: string | null = null;
  let server: Awaited<ReturnType<typeof startPostgres>> | null = null;
  let hub: Hub;
  if (kind === 'pglite') {
    dir = mkdtempSync(join(tmpdir(), 'replyline-bench-hub-'));
    hub = await createHub({ dataDir: join(dir, 'db'), adminToken: admin, logger: false, rateLimit: { max: 1e9, windowMs: 60_000 } });
  } else {
    server = await startPostgres();
    hub = await createHub({
      databaseUrl: await server.createDatabase('bench'),
      adminToken: admin,
      logger: false,
      rateLimit: { max: 1e9, windowMs: 60_000 },
    });
  }
  const figures: Figure[] = [];
  try {
    const base = await hub.listen(0);
    const agentTokens = await tokens(base, admin, AGENTS, 'agent');
    const [supervisor] = await tokens(base, admin, 1, 'supervisor');
    const batchesPerAgent = kind === 'postgres' ? 20 : 4;
    let next = 0;
    const throughputs: number[] = [];
    const latencies: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await Promise.all(
        agentTokens.map(async (token, agent) => {
          for (let b = 0; b < batchesPerAgent; b++) {
            const batch = makeBatch(agent, run * batchesPerAgent + b, (next += CONVERSATIONS_PER_BATCH) - CONVERSATIONS_PER_BATCH);
            const t = performance.now();
            await post(`${base}/v1/observations`, token, { batches: [batch] });
            latencies.push(performance.now() - t);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      throughputs.push((AGENTS * batchesPerAgent * CONVERSATIONS_PER_BATCH * EVENTS_PER_CONVERSATION) / seconds);
    }
    figures.push({
      label: `${kind}: ingest, ${AGENTS} agents at once`,
      value: median(throughputs),
      unit: 'events/s',
      ...(kind === 'postgres' && { goal: { op: '≥' as const, value: 20_000 } }),
      note: `${latencies.length} requests of ${CONVERSATIONS_PER_BATCH * EVENTS_PER_CONVERSATION} events`,
    });
    figures.push({
      label: `${kind}: ingest p99 latency`,
      value: p99(latencies),
      unit: 'ms',
      ...(kind === 'postgres' && { goal: { op: '≤' as const, value: 50 } }),
    });

    // Queue change → 20 subscribers.
    const streams = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => openStream(base, supervisor)));
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const id = `q-${i}`;
      const before = streams.map((s) => s.events.length);
      const t = performance.now();
      await post(`${base}/v1/observations`, agentTokens[0], {
        batches: [
          {
            ...makeBatch(0, 10_000 + i, 0),
            documentId: 'bench-queue',
            conversations: [{ conversationId: id, status: 'open', createdAt: Date.now(), waitingSince: Date.now() }],
          },
        ],
      });
      await Promise.all(
        streams.map(async (stream, s) => {
          await stream.until(
            (events) => events.slice(before[s]).some((e) => e.type === 'queue' && e.upserts.some((row) => row.conversationId === id)),
            20_000,
          );
          delays.push(performance.now() - t);
        }),
      );
    }
    streams.forEach((s) => s.close());
    figures.push({
      label: `${kind}: queue change to ${SUBSCRIBERS} subscribers, p99`,
      value: p99(delays),
      unit: 'ms',
      goal: { op: '≤', value: 250 },
    });

    // Top the store up to the report's size through the same ingest path, in process and in
    // larger batches (HTTP adds nothing to what the report reads).
    const target = Number(process.env.REPORT_CONVERSATIONS ?? (kind === 'postgres' ? 100_000 : 20_000));
    const fillStarted = performance.now();
    const filled = next;
    const FILL_BATCH = 10;
    for (let seq = 0; next < target; seq++) {
      const batches = [];
      for (let b = 0; b < FILL_BATCH && next < target; b++) {
        batches.push({ ...makeBatch(seq % AGENTS, seq * FILL_BATCH + b, next), documentId: 'bench-fill' });
        next += CONVERSATIONS_PER_BATCH;
      }
      await ingestObservations(hub.database, { tokenId: 'bench-fill', agentId: `a-${seq % AGENTS}` }, batches, Date.now());
    }
    const fillSeconds = (performance.now() - fillStarted) / 1000;

    const reportTimes: number[] = [];
    let reportBytes = 0;
    for (let run = 0; run < Math.min(runs, 3); run++) {
      const t = performance.now();
      const response = await fetch(`${base}/v1/report`, { headers: { authorization: `Bearer ${supervisor}` } });
      reportBytes = (await response.arrayBuffer()).byteLength;
      reportTimes.push(performance.now() - t);
    }
    figures.push({
      label: `${kind}: /v1/report over ${next.toLocaleString('en-US')} conversations / ${(next * EVENTS_PER_CONVERSATION).toLocaleString('en-US')} events`,
      value: median(reportTimes),
      unit: 'ms',
      ...(next >= 100_000 && { goal: { op: '≤' as const, value: 2000 } }),
      note:
        `${(reportBytes / 1024 / 1024).toFixed(0)} MiB of JSON; ${(next - filled).toLocaleString('en-US')} conversations stored in ` +
        `${fillSeconds.toFixed(0)} s in process (${Math.round(((next - filled) * EVENTS_PER_CONVERSATION) / fillSeconds)} events/s)` +
        (next < 100_000 ? '; the goal is for 100k conversations (REPORT_CONVERSATIONS=100000)' : ''),
    });
    figures.push({
      label: `${kind}: hub process RSS`,
      value: process.memoryUsage().rss / 1024 / 1024,
      unit: 'MiB',
      note: 'bench and hub share the process',
    });
  } finally {
    await hub.close();
    server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

export const hubSections: BenchSection[] = [
  { name: 'hub-pglite', run: ({ runs }) => benchEngine('pglite', Math.min(runs, 3)) },
  { name: 'hub-postgres', run: ({ runs }) => benchEngine('postgres', Math.min(runs, 3)) },
];
