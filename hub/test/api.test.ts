/**
 * The hub's HTTP API on both engines (PGlite in a temp directory, a throw-away PostgreSQL):
 * access, bad inputs, idempotency, queue, settings, report parity with the CLI, restart.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { runCli } from '../../lib/cli/main';
import { push } from '../../lib/cli/push';
import type { Database } from '../src/db';
import type { Hub } from '../src/server';
import { call } from './client';
import { ADMIN, count, engineFixture, ENGINES, resetDatabase, testHub, type EngineFixture } from './engines';
import { batch, T0, TEAM_TIMELINE, waiting } from './fixtures';

async function cliReport(file: string, args: string[]): Promise<unknown> {
  let out = '';
  const code = await runCli(['report', 'team.json', '--format', 'json', ...args], {
    readFile: async () => file,
    stdout: (text) => (out += text),
    stderr: () => undefined,
  });
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe.each(ENGINES)('hub API on %s', (kind) => {
  let fixture: EngineFixture;
  let database: Database;
  let hub: Hub;
  const clock = { now: T0 };

  async function token(role: 'agent' | 'supervisor' | 'admin', name: string, agentId?: string): Promise<string> {
    const response = await call(hub, 'POST', '/v1/tokens', { token: ADMIN, body: { role, name, ...(agentId && { agentId }) } });
    expect(response.status).toBe(201);
    return response.json.token;
  }

  async function nothingWritten(): Promise<void> {
    for (const table of ['batches', 'conversations', 'events', 'activity', 'alarms']) expect(await count(database, table), table).toBe(0);
  }

  beforeAll(async () => {
    fixture = await engineFixture(kind);
    database = await fixture.open();
    hub = await testHub(fixture, database, clock);
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
    await database?.close();
    await fixture?.dispose();
  }, 60_000);

  beforeEach(async () => {
    clock.now = T0;
    await resetDatabase(database);
  });

  it('answers health without a token', async () => {
    const response = await call(hub, 'GET', '/v1/health');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true, engine: kind, version: 'v1/0.1.0' });
  });

  it('enforces the access matrix: 401 without a known token, 403 for the wrong role, tokens hashed and revocable', async () => {
    for (const [method, url] of [
      ['GET', '/v1/me'],
      ['POST', '/v1/observations'],
      ['GET', '/v1/queue'],
      ['GET', '/v1/report'],
      ['GET', '/v1/settings'],
      ['GET', '/v1/alerts'],
      ['GET', '/v1/agents'],
      ['POST', '/v1/tokens'],
    ] as const) {
      expect((await call(hub, method, url)).status, `${method} ${url}`).toBe(401);
      expect((await call(hub, method, url, { token: 'nope' })).status, `${method} ${url} unknown token`).toBe(401);
    }
    const created = await call(hub, 'POST', '/v1/tokens', { token: ADMIN, body: { role: 'agent', name: 'Ann', agentId: 'a-1' } });
    expect(created.status).toBe(201);
    expect(created.json.invite).toBe(`https://hub.example.test/join#token=${created.json.token}`);
    const agent = created.json.token as string;
    const supervisor = await token('supervisor', 'Sam');
    const { rows } = await sql<{ token_hash: string }>`select token_hash from tokens where id = ${created.json.id}`.execute(database.db);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(agent).digest('hex'));
    const stored = await sql`select id, token_hash, role, name, agent_id from tokens`.execute(database.db);
    expect(JSON.stringify(stored.rows)).not.toContain(agent);

    expect((await call(hub, 'GET', '/v1/me', { token: agent })).json).toEqual({
      tokenId: created.json.id,
      role: 'agent',
      name: 'Ann',
      agentId: 'a-1',
    });
    // Agents may not manage tokens, read team settings or alerts, or read someone else's figures.
    expect((await call(hub, 'POST', '/v1/tokens', { token: agent, body: { role: 'admin', name: 'x' } })).status).toBe(403);
    expect((await call(hub, 'POST', '/v1/tokens', { token: supervisor, body: { role: 'admin', name: 'x' } })).status).toBe(403);
    expect((await call(hub, 'GET', '/v1/settings', { token: agent })).status).toBe(403);
    expect((await call(hub, 'GET', '/v1/alerts', { token: agent })).status).toBe(403);
    expect((await call(hub, 'GET', '/v1/report?agent=a-2', { token: agent })).status).toBe(403);
    expect((await call(hub, 'POST', '/v1/observations', { token: ADMIN, body: { batches: [batch('doc-00000001', 0, [])] } })).status).toBe(
      403,
    );
    const forbidden = await call(hub, 'PUT', '/v1/settings', { token: agent, body: {} });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.code).toBe('forbidden');
    // An agent token must name its agent.
    const noAgent = await call(hub, 'POST', '/v1/tokens', { token: ADMIN, body: { role: 'agent', name: 'No id' } });
    expect(noAgent.status).toBe(400);
    expect(noAgent.json.error.path).toBe('agentId');

    expect((await call(hub, 'GET', '/v1/agents', { token: agent })).json.agents.map((a: { name: string }) => a.name)).toEqual([
      'Ann',
      'Sam',
    ]);
    expect((await call(hub, 'DELETE', `/v1/tokens/${created.json.id}`, { token: ADMIN })).status).toBe(204);
    expect((await call(hub, 'GET', '/v1/me', { token: agent })).status).toBe(401);
    expect((await call(hub, 'DELETE', `/v1/tokens/${created.json.id}`, { token: ADMIN })).status).toBe(404);
  });

  it('allows CORS from extension origins only', async () => {
    const preflight = (origin: string) =>
      call(hub, 'OPTIONS', '/v1/queue', {
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    expect((await preflight('chrome-extension://abcdefghijklmnop')).headers['access-control-allow-origin']).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    expect((await preflight('moz-extension://0f4c3b2a-1111-2222-3333-444455556666')).headers['access-control-allow-origin']).toBe(
      'moz-extension://0f4c3b2a-1111-2222-3333-444455556666',
    );
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight('https://acme.zendesk.com')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 413 over the body limit and 429 over the rate, writing nothing', async () => {
    const agent = await token('agent', 'Ann', 'a-1');
    const small = await testHub(fixture, database, clock, { bodyLimit: 4096, rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const huge = { batches: [batch('doc-00000001', 0, [{ ...waiting, tags: ['x'.repeat(5000)] }])] };
      const tooBig = await call(small, 'POST', '/v1/observations', { token: agent, body: huge });
      expect(tooBig.status).toBe(413);
      expect(tooBig.json.error.code).toBe('body_too_large');
      expect((await call(small, 'GET', '/v1/me', { token: agent })).status).toBe(200);
      expect((await call(small, 'GET', '/v1/me', { token: agent })).status).toBe(200);
      const limited = await call(small, 'GET', '/v1/me', { token: agent });
      expect(limited.status).toBe(429);
      expect(limited.json.error.code).toBe('rate_limited');
      // The limit is per token: another token is not slowed down.
      expect((await call(small, 'GET', '/v1/me', { token: ADMIN })).status).toBe(200);
    } finally {
      await small.close();
    }
    await nothingWritten();
  });

  it('rejects bad inputs with 400 naming the JSON path and writes nothing', async () => {
    const agent = await token('agent', 'Ann', 'a-1');
    const supervisor = await token('supervisor', 'Sam');
    const malformed = await call(hub, 'POST', '/v1/observations', { token: agent, raw: '{"batches": [}' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toEqual({ code: 'invalid_json', message: 'invalid JSON at line 1, column 14: unexpected "}"', path: '' });

    const wrongType = await call(hub, 'POST', '/v1/observations', {
      token: agent,
      body: { batches: [batch('doc-00000001', 0, [waiting]), { ...batch('doc-00000001', 1, []), seq: 'one' }] },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.path).toBe('batches[1].seq');

    const deepWrong = await call(hub, 'POST', '/v1/observations', {
      token: agent,
      body: { batches: [batch('doc-00000001', 0, [{ ...waiting, events: [{ ...waiting.events[0], at: -5 }] }])] },
    });
    expect(deepWrong.json.error.path).toBe('batches[0].conversations[0].events[0].at');

    const unknown = await call(hub, 'POST', '/v1/observations', {
      token: agent,
      body: { batches: [batch('doc-00000001', 0, [waiting])], extra: 1 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.path).toBe('extra');

    const empty = await call(hub, 'POST', '/v1/observations', { token: agent, body: { batches: [] } });
    expect(empty.json.error.path).toBe('batches');

    const badTimeline = await call(hub, 'POST', '/v1/timeline', {
      token: agent,
      body: {
        ...TEAM_TIMELINE,
        conversations: [TEAM_TIMELINE.conversations[0], { ...TEAM_TIMELINE.conversations[1], createdAt: 'yesterday' }],
      },
    });
    expect(badTimeline.status).toBe(400);
    expect(badTimeline.json.error.path).toBe('conversations[1].createdAt');

    const badSettings = await call(hub, 'PUT', '/v1/settings', {
      token: supervisor,
      body: { calendar: TEAM_TIMELINE.calendar, targets: TEAM_TIMELINE.targets, profile: 'zendesk', colour: 'red' },
    });
    expect(badSettings.json.error.path).toBe('colour');
    const badZone = await call(hub, 'PUT', '/v1/settings', {
      token: supervisor,
      body: { calendar: { ...TEAM_TIMELINE.calendar, timezone: 'Mars/Olympus' }, targets: {}, profile: 'zendesk' },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.json.error.path).toBe('calendar.timezone');
    const badProfile = await call(hub, 'PUT', '/v1/settings', {
      token: supervisor,
      body: { calendar: TEAM_TIMELINE.calendar, targets: {}, profile: 'nope' },
    });
    expect(badProfile.json.error.path).toBe('profile');
    const badWeek = await call(hub, 'GET', '/v1/report?week=2026-48', { token: supervisor });
    expect(badWeek.status).toBe(400);
    expect(badWeek.json.error.path).toBe('week');

    await nothingWritten();
    expect(await count(database, 'team_settings')).toBe(0);
  });

  it('stores a batch once, and a conversation two agents saw once', async () => {
    const ann = await token('agent', 'Ann', 'a-1');
    const bob = await token('agent', 'Bob', 'a-2');
    const first = batch(
      'doc-ann-0001',
      0,
      [waiting],
      [{ conversationId: 'c-1', agentId: 'someone-else', start: T0 + 1000, end: T0 + 61_000, kind: 'viewing' }],
    );
    expect((await call(hub, 'POST', '/v1/observations', { token: ann, body: { batches: [first] } })).json).toEqual({
      accepted: 1,
      duplicates: 0,
      events: 1,
    });
    expect((await call(hub, 'POST', '/v1/observations', { token: ann, body: { batches: [first] } })).json).toEqual({
      accepted: 0,
      duplicates: 1,
      events: 0,
    });
    // Bob's page sees the same conversation, with one more event.
    const reply = { id: 'e2', at: T0 + 120_000, type: 'message' as const, author: 'agent' as const, agentId: 'a-2' };
    const bobs = batch('doc-bob-0001', 0, [{ ...waiting, events: [...waiting.events, reply] }]);
    expect((await call(hub, 'POST', '/v1/observations', { token: bob, body: { batches: [bobs, bobs] } })).json).toEqual({
      accepted: 1,
      duplicates: 1,
      events: 1,
    });
    expect(await count(database, 'conversations')).toBe(1);
    expect(await count(database, 'events')).toBe(2);
    expect(await count(database, 'batches')).toBe(2);
    // The activity span is credited to the token's agent, not the one the body names.
    const { rows } = await sql<{ agent_id: string }>`select agent_id from activity`.execute(database.db);
    expect(rows).toEqual([{ agent_id: 'a-1' }]);

    const report = (await call(hub, 'GET', `/v1/report?now=${new Date(T0 + 600_000).toISOString()}`, { token: ADMIN })).json;
    expect(report.conversations).toHaveLength(1);
    expect(report.conversations[0].firstResponse).toMatchObject({ seconds: 120, agentId: 'a-2' });
    expect(report.conversations[0].handleSeconds).toBe(60);
    expect(report.summary.conversations).toBe(1);
    // Per agent: Bob's reply is Bob's figure; Ann had the conversation open, which credits her nothing.
    const asOf = new Date(T0 + 600_000).toISOString();
    const bobsReport = (await call(hub, 'GET', `/v1/report?agent=a-2&now=${asOf}`, { token: ADMIN })).json;
    expect(bobsReport.summary.firstResponse.calendar).toMatchObject({ n: 1, median: 120 });
    expect(bobsReport.conversations).toHaveLength(1);
    const annsReport = (await call(hub, 'GET', `/v1/report?agent=a-1&now=${asOf}`, { token: ADMIN })).json;
    expect(annsReport.summary.firstResponse.calendar.n).toBe(0);
    expect(annsReport.summary.conversations).toBe(0);
    expect(annsReport.conversations).toHaveLength(0);

    // The same timeline twice, and the same conversations pushed by another agent: stored once.
    expect((await call(hub, 'POST', '/v1/timeline', { token: ann, body: TEAM_TIMELINE })).json).toEqual({
      accepted: 1,
      duplicates: 0,
      events: 21,
    });
    expect((await call(hub, 'POST', '/v1/timeline', { token: ann, body: TEAM_TIMELINE })).json).toEqual({
      accepted: 0,
      duplicates: 1,
      events: 0,
    });
    const resent = { ...TEAM_TIMELINE, generatedAt: '2026-11-27T17:00:00Z' };
    expect((await call(hub, 'POST', '/v1/timeline', { token: bob, body: resent })).json).toEqual({ accepted: 1, duplicates: 0, events: 0 });
    expect(await count(database, 'conversations')).toBe(5);
    // 2 observed + 5 + 5 (two identical tags kept apart) + 8 + 3 from the file.
    expect(await count(database, 'events')).toBe(23);
  });

  it('serves the queue with due times, an agent only their own rows, and re-measures when the settings change', async () => {
    const ann = await token('agent', 'Ann', 'a-1');
    const bob = await token('agent', 'Bob', 'a-2');
    const supervisor = await token('supervisor', 'Sam');
    await call(hub, 'POST', '/v1/observations', { token: ann, body: { batches: [batch('doc-ann-0001', 0, [waiting])] } });
    clock.now = T0 + 300_000;
    const queue = await call(hub, 'GET', '/v1/queue', { token: supervisor });
    expect(queue.json).toEqual({
      asOf: T0 + 300_000,
      rows: [
        {
          key: 'demo-desk|http://desk.test|c-1',
          helpdesk: 'demo-desk',
          origin: 'http://desk.test',
          conversationId: 'c-1',
          channel: 'email',
          priority: null,
          status: 'open',
          statusKnown: 'known',
          assigneeId: 'a-1',
          assigneeName: 'Ann',
          createdAt: T0,
          waitingSince: T0,
          lastSeenAt: T0,
          // Default targets: 10 min first response, at risk from 75%.
          clocks: [
            { kind: 'firstResponse', startedAt: T0, dueAt: T0 + 600_000, atRiskAt: T0 + 450_000, state: 'on_track' },
            { kind: 'resolution', startedAt: T0, dueAt: T0 + 7_200_000, atRiskAt: T0 + 5_400_000, state: 'on_track' },
          ],
        },
      ],
    });
    expect((await call(hub, 'GET', '/v1/queue', { token: ann })).json.rows).toHaveLength(1);
    expect((await call(hub, 'GET', '/v1/queue', { token: bob })).json.rows).toHaveLength(0);
    clock.now = T0 + 500_000;
    expect((await call(hub, 'GET', '/v1/queue', { token: ann })).json.rows[0].clocks[0].state).toBe('at_risk');

    const settings = {
      calendar: { timezone: 'UTC', week: { tue: [['08:00', '18:00']] } },
      targets: { firstResponseSeconds: 300 },
      profile: 'replyline',
    };
    expect((await call(hub, 'PUT', '/v1/settings', { token: supervisor, body: settings })).status).toBe(200);
    expect((await call(hub, 'GET', '/v1/settings', { token: ADMIN })).json).toEqual(settings);
    const after = (await call(hub, 'GET', '/v1/queue', { token: ann })).json.rows[0];
    // The resolution clock still runs, now without a target.
    expect(after.clocks).toEqual([
      { kind: 'firstResponse', startedAt: T0, dueAt: T0 + 300_000, atRiskAt: T0 + 225_000, state: 'breached' },
      { kind: 'resolution', startedAt: T0, dueAt: null, atRiskAt: null, state: null },
    ]);
    // Nobody has observed it for over two hours: its status is no longer known.
    clock.now = T0 + 2 * 3_600_000 + 1;
    expect((await call(hub, 'GET', '/v1/queue', { token: ann })).json.rows[0].statusKnown).toBe('unknown');
    // A page shows it again, unchanged: known again, as of now.
    await call(hub, 'POST', '/v1/observations', { token: ann, body: { batches: [{ ...batch('doc-ann-0002', 0, []), seen: ['c-1'] }] } });
    const seenAgain = (await call(hub, 'GET', '/v1/queue', { token: ann })).json.rows[0];
    expect([seenAgain.statusKnown, seenAgain.lastSeenAt]).toEqual(['known', T0 + 2 * 3_600_000 + 1]);
  });

  it('answers the same report as `replyline report` on the same file, under the team settings', async () => {
    const supervisor = await token('supervisor', 'Sam');
    const bob = await token('agent', 'Bob', 'a-2');
    const { calendar, targets, profile } = TEAM_TIMELINE;
    expect((await call(hub, 'PUT', '/v1/settings', { token: supervisor, body: { calendar, targets, profile } })).status).toBe(200);
    // A pushed file's own calendar and targets do not override the team's.
    const pushed = { ...TEAM_TIMELINE, calendar: { timezone: 'UTC', week: {} }, targets: { firstResponseSeconds: 1 } };
    expect((await call(hub, 'POST', '/v1/timeline', { token: supervisor, body: pushed })).status).toBe(200);
    const file = JSON.stringify(TEAM_TIMELINE);

    const now = '2026-11-27T16:00:00Z';
    const week = (await call(hub, 'GET', `/v1/report?week=2026-W48&now=${now}`, { token: supervisor })).json;
    expect(week).toEqual(await cliReport(file, ['--week', '2026-W48', '--now', now]));
    // Figures worked out by hand: c-1 waited from 08:30 to 10:30 Berlin, 1.5 h of it in business hours.
    expect(week.conversations.map((c: { id: string }) => c.id)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(week.conversations[0].firstResponse).toMatchObject({ seconds: 7200, businessSeconds: 5400, agentId: 'a-1' });
    expect(week.conversations[0].csat).toBe(5);

    const all = (await call(hub, 'GET', `/v1/report?now=${now}&profile=replyline`, { token: supervisor })).json;
    expect(all).toEqual(await cliReport(file, ['--now', now, '--profile', 'replyline']));
    expect(all.conversations).toHaveLength(4);

    // An agent's own report: the conversations they are part of.
    const own = (await call(hub, 'GET', `/v1/report?now=${now}`, { token: bob })).json;
    expect(own.conversations.map((c: { id: string }) => c.id)).toEqual(['c-2', 'c-4']);
  });

  it('builds the report from stored metrics, equal to `replyline report`, and re-measures them when the settings change', async () => {
    // Stored after every event: the resolved conversations are settled, c-2 (customer waiting) is not.
    const later = '2026-11-28T00:00:00Z';
    clock.now = Date.parse(later);
    const supervisor = await token('supervisor', 'Sam');
    const { calendar, targets, profile } = TEAM_TIMELINE;
    expect((await call(hub, 'PUT', '/v1/settings', { token: supervisor, body: { calendar, targets, profile } })).status).toBe(200);
    expect((await call(hub, 'POST', '/v1/timeline', { token: supervisor, body: TEAM_TIMELINE })).status).toBe(200);
    const settled = await sql<{ conversation_id: string }>`
      select conversation_id from conversations where settled order by conversation_id`.execute(database.db);
    expect(settled.rows.map((row) => row.conversation_id)).toEqual(['c-1', 'c-3', 'c-4']);
    const file = JSON.stringify(TEAM_TIMELINE);

    // `now` defaults to the hub's clock.
    const week = (await call(hub, 'GET', '/v1/report?week=2026-W48', { token: supervisor })).json;
    expect(week).toEqual(await cliReport(file, ['--week', '2026-W48', '--now', later]));
    const december = '2026-12-01T09:00:00Z';
    const all = (await call(hub, 'GET', `/v1/report?now=${december}`, { token: supervisor })).json;
    expect(all).toEqual(await cliReport(file, ['--now', december]));
    // One agent's conversations (a-1 answered c-1 and c-3): the CLI's report of just those.
    const onlyAnn = JSON.stringify({
      ...TEAM_TIMELINE,
      conversations: TEAM_TIMELINE.conversations.filter((c) => ['c-1', 'c-3'].includes(c.id)),
    });
    const ann = (await call(hub, 'GET', `/v1/report?agent=a-1&week=2026-W48&now=${december}`, { token: supervisor })).json;
    expect(ann.conversations.map((c: { id: string }) => c.id)).toEqual(['c-1', 'c-3']);
    expect(ann).toEqual(await cliReport(onlyAnn, ['--week', '2026-W48', '--now', december]));

    // New targets: stored metrics are measured again (c-1's 2 h first response now breaches 1 min).
    const strict = { ...targets, firstResponseSeconds: 60, resolutionSeconds: 600 };
    expect((await call(hub, 'PUT', '/v1/settings', { token: supervisor, body: { calendar, targets: strict, profile } })).status).toBe(200);
    const after = (await call(hub, 'GET', `/v1/report?now=${december}`, { token: supervisor })).json;
    expect(after).toEqual(await cliReport(JSON.stringify({ ...TEAM_TIMELINE, targets: strict }), ['--now', december]));
    expect(after).not.toEqual(all);
  });

  it('filters the report by channel, priority and day, each measured as `replyline report` measures the filtered file', async () => {
    const supervisor = await token('supervisor', 'Sam');
    const { calendar, targets, profile } = TEAM_TIMELINE;
    expect((await call(hub, 'PUT', '/v1/settings', { token: supervisor, body: { calendar, targets, profile } })).status).toBe(200);
    expect((await call(hub, 'POST', '/v1/timeline', { token: supervisor, body: TEAM_TIMELINE })).status).toBe(200);
    const now = '2026-11-27T16:00:00Z';
    const only = (keep: (c: (typeof TEAM_TIMELINE.conversations)[number]) => boolean, extra: object = {}) =>
      JSON.stringify({ ...TEAM_TIMELINE, ...extra, conversations: TEAM_TIMELINE.conversations.filter(keep) });
    const report = async (query: string) => (await call(hub, 'GET', `/v1/report?now=${now}&${query}`, { token: supervisor })).json;

    const email = await report('week=2026-W48&channel=email');
    expect(email).toEqual(
      await cliReport(
        only((c) => c.channel === 'email'),
        ['--week', '2026-W48', '--now', now],
      ),
    );
    expect(email.conversations.map((c: { id: string }) => c.id)).toEqual(['c-1', 'c-3']);
    expect(email.summary.conversations).toBe(2);
    // c-1: 1.5 business hours (over the 1 h target); c-3: 5 minutes.
    expect(email.summary.targets.firstResponse).toMatchObject({ n: 2, met: 1, rate: 0.5 });

    const high = await report('week=2026-W48&priority=high');
    expect(high).toEqual(
      await cliReport(
        only((c) => c.priority === 'high'),
        ['--week', '2026-W48', '--now', now],
      ),
    );
    expect(high.conversations.map((c: { id: string }) => c.id)).toEqual(['c-3']);
    expect(high.summary.targets.firstResponse).toMatchObject({ n: 1, met: 1, rate: 1 });

    // One day of the week, in the team's time zone: the file limited to that day's period.
    const day = await report('day=2026-11-24');
    const tuesday = { from: '2026-11-23T23:00:00Z', to: '2026-11-24T23:00:00Z' };
    expect(day).toEqual(
      await cliReport(
        only(() => true, { period: tuesday }),
        ['--now', now],
      ),
    );
    expect(day.period).toMatchObject({ from: '2026-11-24T00:00:00+01:00', to: '2026-11-25T00:00:00+01:00' });
    expect(day.conversations.map((c: { id: string }) => c.id)).toEqual(['c-2']);

    expect((await call(hub, 'GET', `/v1/report?week=2026-W48&day=2026-11-24`, { token: supervisor })).status).toBe(400);
    expect((await call(hub, 'GET', `/v1/report?day=24.11.2026`, { token: supervisor })).status).toBe(400);
  });

  it('takes files from `replyline push`', async () => {
    const ann = await token('agent', 'Ann', 'a-1');
    // The command's fetch, answered by the hub in process.
    const viaHub = (async (url: URL, init: RequestInit) => {
      const response = await hub.app.inject({
        method: init.method as 'POST',
        url: url.pathname,
        headers: init.headers as Record<string, string>,
        payload: init.body as string,
      });
      return new Response(response.body, { status: response.statusCode });
    }) as unknown as typeof fetch;
    const run = async (file: string, args: string[]) => {
      let out = '';
      let err = '';
      const code = await push(['week.json', ...args], {
        readFile: async () => file,
        stdout: (text) => (out += text),
        stderr: (text) => (err += text),
        fetch: viaHub,
      });
      return { code, out, err };
    };
    const args = ['--hub', 'https://hub.example.test/', '--token', ann];
    expect(await run(JSON.stringify(TEAM_TIMELINE), args)).toEqual({
      code: 0,
      out: 'week.json: sent 4 conversation(s); 21 new event(s) stored.\n',
      err: '',
    });
    expect((await run(JSON.stringify(TEAM_TIMELINE), args)).out).toBe('week.json: the hub already had this file; nothing stored again.\n');
    expect(await count(database, 'conversations')).toBe(4);
    const refused = await run(JSON.stringify({ ...TEAM_TIMELINE, generatedAt: '2026-11-28T00:00:00Z' }), [
      '--hub',
      'https://hub.example.test',
      '--token',
      'wrong',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('replyline push: the hub refused the file (401): unknown or revoked token\n');
    const invalid = await run('{"format": "replyline.timeline/1", "conversations": [{"id": "x"}]}', args);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('conversations[0].createdAt');
    expect((await run('{}', ['--hub', 'ftp://x', '--token', 't'])).code).toBe(2);
    expect(await count(database, 'batches')).toBe(1);
  });

  it('keeps everything across a restart', async () => {
    const ann = await token('agent', 'Ann', 'a-1');
    const supervisor = await token('supervisor', 'Sam');
    await call(hub, 'POST', '/v1/observations', { token: ann, body: { batches: [batch('doc-ann-0001', 0, [waiting])] } });
    await call(hub, 'POST', '/v1/timeline', { token: supervisor, body: TEAM_TIMELINE });
    await call(hub, 'PUT', '/v1/settings', {
      token: supervisor,
      body: { calendar: TEAM_TIMELINE.calendar, targets: TEAM_TIMELINE.targets, profile: 'zendesk' },
    });
    const reportUrl = '/v1/report?now=2026-11-27T16:00:00Z';
    const before = {
      report: (await call(hub, 'GET', reportUrl, { token: supervisor })).json,
      queue: (await call(hub, 'GET', '/v1/queue', { token: supervisor })).json,
    };
    expect(before.report.conversations).toHaveLength(5);

    await hub.close();
    await database.close();
    database = await fixture.open();
    hub = await testHub(fixture, database, clock);

    expect((await call(hub, 'GET', '/v1/me', { token: ann })).json.name).toBe('Ann');
    expect((await call(hub, 'GET', reportUrl, { token: supervisor })).json).toEqual(before.report);
    expect((await call(hub, 'GET', '/v1/queue', { token: supervisor })).json).toEqual(before.queue);
    expect(
      (await call(hub, 'POST', '/v1/observations', { token: ann, body: { batches: [batch('doc-ann-0001', 0, [waiting])] } })).json
        .duplicates,
    ).toBe(1);
  }, 120_000);
});
