/**
 * Two hub OS processes on one PostgreSQL (each its own pool, LISTEN connection and scheduler,
 * started from hub/test/hub-process.ts): conversations driven to at risk and breach fire each
 * alert once across both, stored once and delivered once to every subscriber of either process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubAlert, HubStreamEvent } from '../../lib/hub/protocol';
import { openDatabase, type Database } from '../src/db';
import { eventually, openStream } from './client';
import { ADMIN, count } from './engines';
import { batch, T0, waiting } from './fixtures';
import { startPostgres, type TestPostgres } from './postgres';

const alertsOf = (events: HubStreamEvent[]) => events.flatMap((e) => (e.type === 'alert' ? [e.alert] : []));

interface HubProcess {
  child: ChildProcess;
  url: string;
  /** The next JSON line the process prints. */
  nextLine(): Promise<Record<string, unknown>>;
}

async function startHubProcess(databaseUrl: string, clockFile: string): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hub-process.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, HUB_TEST_CLOCK_FILE: clockFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`hub process ${child.pid} ended (exit ${child.exitCode})`);
    return JSON.parse(value) as Record<string, unknown>;
  };
  const { url } = await nextLine();
  return { child, url: url as string, nextLine };
}

async function send(url: string, method: 'GET' | 'POST', path: string, token: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

describe('two hub processes on one PostgreSQL', () => {
  let postgres: TestPostgres;
  let database: Database;
  let dir: string;
  let clockFile: string;
  const hubs: HubProcess[] = [];
  const setClock = (now: number) => {
    // Replaced, never rewritten in place: a process never reads a half-written time.
    writeFileSync(`${clockFile}.next`, String(now));
    renameSync(`${clockFile}.next`, clockFile);
  };

  beforeAll(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase('hub_processes');
    dir = mkdtempSync(join(tmpdir(), 'replyline-hub-processes-'));
    clockFile = join(dir, 'clock');
    setClock(T0);
    // Started together: both apply the migrations under the advisory lock, once.
    hubs.push(...(await Promise.all([startHubProcess(url, clockFile), startHubProcess(url, clockFile)])));
    database = await openDatabase({ databaseUrl: url });
  }, 120_000);

  afterAll(async () => {
    for (const hub of hubs) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
    await database?.close();
    postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('fires each at-risk and breach alert exactly once across both, stored once, delivered once to each subscriber', async () => {
    const [first, second] = hubs;
    expect(first.child.pid).not.toBe(second.child.pid);
    const token = async (body: object) => (await send(first.url, 'POST', '/v1/tokens', ADMIN, body)).json.token as string;
    const ann = await token({ role: 'agent', name: 'Ann', agentId: 'a-1' });
    const supervisor = await token({ role: 'supervisor', name: 'Sam' });
    const streams = await Promise.all(hubs.map((hub) => openStream(hub.url, supervisor)));

    // 20 conversations waiting since T0 (due T0 + 10 min, at risk from T0 + 7.5 min), half sent to each process.
    const conversations = Array.from({ length: 20 }, (_, i) => ({ ...waiting, conversationId: `c-${i}` }));
    setClock(T0 + 60_000);
    const halves = [conversations.slice(0, 10), conversations.slice(10)];
    for (const [i, hub] of hubs.entries()) {
      const response = await send(hub.url, 'POST', '/v1/observations', ann, { batches: [batch(`doc-ann-000${i}`, 0, halves[i])] });
      expect(response.status).toBe(200);
    }
    // Each process's subscribers see the other process's queue changes too.
    for (const stream of streams) {
      await stream.until((events) => new Set(events.flatMap((e) => (e.type === 'queue' ? e.upserts.map((r) => r.key) : []))).size === 20);
    }
    // First response and resolution, at risk and breached, per conversation.
    expect(await count(database, 'alarms')).toBe(80);
    expect(await count(database, 'alerts')).toBe(0);

    setClock(T0 + 450_000); // at risk
    await eventually(async () => (await count(database, 'alerts')) === 20, 20_000);
    setClock(T0 + 600_001); // breached
    await eventually(async () => (await count(database, 'alerts')) === 40, 20_000);
    // Time for a second firing to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(await count(database, 'alerts')).toBe(40);
    // Only the resolution clocks' alarms are left (due 2 h after T0).
    expect(await count(database, 'alarms')).toBe(40);
    for (const stream of streams) {
      await stream.until((events) => alertsOf(events).length >= 40);
      const received = alertsOf(stream.events);
      expect(received).toHaveLength(40);
      expect(new Set(received.map((a) => a.id)).size).toBe(40);
    }
    const stored = (await send(second.url, 'GET', `/v1/alerts`, supervisor)).json.alerts as HubAlert[];
    expect(stored.map((a) => a.id).sort()).toEqual(
      alertsOf(streams[0].events)
        .map((a) => a.id)
        .sort(),
    );
    expect(stored.filter((a) => a.kind === 'breached')).toHaveLength(20);
    for (const stream of streams) stream.close();

    // Each alert was fired by exactly one of the two processes.
    const fired = await Promise.all(
      hubs.map(async (hub) => {
        hub.child.kill('SIGTERM');
        return (await hub.nextLine()).fired as number;
      }),
    );
    expect(fired[0] + fired[1]).toBe(40);
  }, 120_000);
});
