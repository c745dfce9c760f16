/**
 * Alerts from the scheduler on PGlite: at the right time with no page open, each stored and
 * delivered once, and only to those who may see them. Two hub OS processes on one PostgreSQL:
 * processes.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubStreamEvent } from '../../lib/hub/protocol';
import type { Database } from '../src/db';
import type { Hub } from '../src/server';
import { call, eventually, openStream } from './client';
import { ADMIN, count, engineFixture, testHub, type EngineFixture } from './engines';
import { batch, T0, waiting } from './fixtures';

const alertsOf = (events: HubStreamEvent[]) => events.flatMap((e) => (e.type === 'alert' ? [e.alert] : []));

describe('alerts on pglite', () => {
  let fixture: EngineFixture;
  let database: Database;
  let hub: Hub;
  let url: string;
  const clock = { now: T0 };

  beforeAll(async () => {
    fixture = await engineFixture('pglite');
    database = await fixture.open();
    hub = await testHub(fixture, database, clock, { schedulerIntervalMs: 25 });
    url = await hub.listen(0);
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
    await database?.close();
    await fixture?.dispose();
  }, 60_000);

  it('fires each at-risk and breach alert once, at its time, to the subscribers who may see it', async () => {
    const token = async (body: object) => (await call(hub, 'POST', '/v1/tokens', { token: ADMIN, body })).json.token as string;
    const ann = await token({ role: 'agent', name: 'Ann', agentId: 'a-1' });
    const bob = await token({ role: 'agent', name: 'Bob', agentId: 'a-2' });
    const supervisor = await token({ role: 'supervisor', name: 'Sam' });
    const [supervisorStream, bobStream] = await Promise.all([openStream(url, supervisor), openStream(url, bob)]);

    // 20 conversations waiting since T0 (due T0 + 10 min, at risk from T0 + 7.5 min).
    const conversations = Array.from({ length: 20 }, (_, i) => ({ ...waiting, conversationId: `c-${i}` }));
    clock.now = T0 + 60_000;
    expect(
      (await call(hub, 'POST', '/v1/observations', { token: ann, body: { batches: [batch('doc-ann-0001', 0, conversations)] } })).status,
    ).toBe(200);
    // The queue change reaches the supervisor's stream.
    await supervisorStream.until((events) => events.some((e) => e.type === 'queue' && e.upserts.length > 0));
    const queueEvent = supervisorStream.events.find((e) => e.type === 'queue')!;
    expect(queueEvent.type === 'queue' && queueEvent.upserts.map((row) => row.conversationId).sort()).toEqual(
      conversations.map((c) => c.conversationId).sort(),
    );

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count(database, 'alerts')).toBe(0);

    clock.now = T0 + 450_000; // at risk
    await eventually(async () => (await count(database, 'alerts')) === 20);
    clock.now = T0 + 600_001; // breached
    await eventually(async () => (await count(database, 'alerts')) === 40);
    // Time for a second firing to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(await count(database, 'alerts')).toBe(40);
    expect(hub.scheduler!.firedCount).toBe(40);
    await supervisorStream.until((events) => alertsOf(events).length >= 40);
    const received = alertsOf(supervisorStream.events);
    expect(received).toHaveLength(40);
    expect(new Set(received.map((a) => a.id)).size).toBe(40);
    const breach = received.find((a) => a.kind === 'breached' && a.conversationId === 'c-3')!;
    expect(breach).toEqual({
      id: 'demo-desk|http://desk.test|c-3|firstResponse|' + T0 + '|breached',
      kind: 'breached',
      clock: 'firstResponse',
      key: 'demo-desk|http://desk.test|c-3',
      helpdesk: 'demo-desk',
      origin: 'http://desk.test',
      conversationId: 'c-3',
      channel: 'email',
      assigneeId: 'a-1',
      dueAt: T0 + 600_000,
      firedAt: T0 + 600_001,
    });
    // Bob is not the assignee: his stream carries none of these alerts.
    expect(alertsOf(bobStream.events)).toHaveLength(0);
    const listed = await call(hub, 'GET', `/v1/alerts?since=${T0 + 450_000}`, { token: supervisor });
    expect(listed.json.alerts).toHaveLength(20);
    expect(listed.json.alerts.every((a: { kind: string }) => a.kind === 'breached')).toBe(true);
    supervisorStream.close();
    bobStream.close();
  }, 60_000);
});
