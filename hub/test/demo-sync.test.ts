/**
 * The Demo Desk's hub sync (demo/server/hub-sync.ts) against a real hub (PGlite in memory):
 * the simulated agents' observations arrive, each conversation once however often it is sent,
 * credited to the agents by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentTokens, startHubSync, type HubSync } from '../../demo/server/hub-sync';
import { startDemoDesk, type DemoDesk } from '../../demo/server/server';
import type { QueueRow } from '../../lib/hub/protocol';
import { createHub, type Hub } from '../src/server';
import { call } from './client';
import { ADMIN } from './engines';

const NOW = Date.parse('2026-11-24T15:00:00.000Z');

describe('Demo Desk hub sync', () => {
  let desk: DemoDesk;
  let hub: Hub;
  let sync: HubSync;
  let supervisor: string;

  beforeAll(async () => {
    desk = await startDemoDesk({ port: 0, clock: 'manual', frozenAt: NOW, conversations: 16, sim: false, seed: 7 });
    hub = await createHub({ adminToken: ADMIN, logger: false, schedulerIntervalMs: 0, now: () => desk.clock.now() });
    const url = await hub.listen(0);
    supervisor = (await call(hub, 'POST', '/v1/tokens', { token: ADMIN, body: { role: 'supervisor', name: 'Sam' } })).json.token;
    const errors: string[] = [];
    // A long interval: the test sends with flush().
    sync = startHubSync(desk, {
      hubUrl: url,
      tokens: await createAgentTokens(url, ADMIN, desk),
      intervalMs: 3_600_000,
      onError: (message) => errors.push(message),
    });
    await sync.flush();
    // The simulated agents work on; what changed is sent again, and everything once more.
    for (let i = 0; i < 12; i++) desk.simulator.step();
    await sync.flush();
    expect(errors).toEqual([]);
    // Generous: the machine running the tests may be busy (the other hub tests run alongside).
  }, 180_000);

  afterAll(async () => {
    await sync?.stop();
    await hub?.close();
    await desk?.close();
  });

  it("holds each of the desk's conversations once, with the agents' names", async () => {
    const conversations = desk.store.allConversations();
    expect(conversations.length).toBeGreaterThanOrEqual(16);
    const ids = conversations.map((c) => c.id).sort();

    const report = await call(hub, 'GET', '/v1/report', { token: supervisor });
    expect(report.status).toBe(200);
    const reported = (report.json.conversations as { id: string; assigneeId: string | null }[]).map((c) => c.id);
    expect([...reported].sort()).toEqual(ids);

    const queue = await call(hub, 'GET', '/v1/queue', { token: supervisor });
    expect(queue.status).toBe(200);
    const rows = queue.json.rows as QueueRow[];
    const open = conversations.filter((c) => ['open', 'pending', 'snoozed'].includes(c.derived.status));
    expect(open.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.conversationId).sort()).toEqual(open.map((c) => c.id).sort());
    for (const row of rows) {
      const conversation = desk.store.conversation(row.conversationId)!;
      expect(row.status).toBe(conversation.derived.status);
      expect(row.assigneeId).toBe(conversation.derived.assigneeId);
      expect(row.assigneeName).toBe(
        conversation.derived.assigneeId === null ? null : desk.store.agent(conversation.derived.assigneeId)!.name,
      );
    }
    expect(rows.some((row) => row.assigneeName !== null)).toBe(true);

    const agents = await call(hub, 'GET', '/v1/agents', { token: supervisor });
    const names = new Map((agents.json.agents as { agentId: string | null; name: string }[]).map((a) => [a.agentId, a.name]));
    for (const agent of desk.store.agents) expect(names.get(agent.id)).toBe(agent.name);
  });
});
