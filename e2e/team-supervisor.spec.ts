/**
 * The supervisor's live Team view against a real team hub (hub/src/server.ts, PGlite in memory)
 * and the Demo Desk, each started by the test: two agents' browsers, each connected through its
 * own invite and working its own conversations in the Demo Desk's page, and a supervisor's browser.
 *
 * - The Team view's per-agent table and team totals equal the hub's `GET /v1/report` for the same
 *   week and profile, and both equal the measuring layer (lib/measure) run on the Demo Desk's own
 *   true timeline.
 * - The second agent loses the hub for a minute while working (its hub address goes through a
 *   proxy the test turns off), then gets it back with the first answer lost on the way: the hub
 *   holds exactly the Demo Desk's events of every conversation, none missing, none twice.
 * - A breach fires while no agent has the conversation open and reaches the supervisor as a
 *   notification, read in the supervisor's service worker.
 * - axe finds no serious or critical violation in the Team view; screenshots are saved for review.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { sql } from 'kysely';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHub, type Hub } from '../hub/src/server';
import { isoWeekKey, isoWeekRange } from '../lib/engine/local-time';
import { reportContext } from '../lib/engine/report';
import { summarize } from '../lib/engine/summary';
import type { Summary } from '../lib/engine/types';
import { summaryToJson, type ReportJson } from '../lib/export/json';
import { measureReport } from '../lib/measure/report';
import { parseTimeline } from '../lib/timeline/parse';
import type { TimelineFile } from '../lib/timeline/schema';
import { DemoDeskClient } from './demo-client';
import { expect, launchWithExtension, serviceWorkerOf, test } from './fixtures';

const ADMIN = 'e2e-admin-token-0123456789';
const SEC = 1000;
const MIN = 60 * SEC;
/** Short targets, so that a waiting customer breaches within the test. */
const TARGETS = {
  clock: 'business',
  firstResponseSeconds: 90,
  nextResponseSeconds: 90,
  resolutionSeconds: 3600,
  atRiskShare: 0.75,
} as const;
const ANA = { id: 'a-1', name: 'Ana Ortiz' };
const BEN = { id: 'a-2', name: 'Ben Kowalski' };

let hub: Hub;
let hubUrl: string;
let demo: DemoDeskClient;
const cleanups: Array<() => Promise<void>> = [];

test.beforeEach(async () => {
  demo = await DemoDeskClient.start();
  hub = await createHub({ adminToken: ADMIN, logger: false });
  hubUrl = await hub.listen(0, '127.0.0.1');
});
test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await hub.close();
  await demo.close();
});

async function hubRequest<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const response = await fetch(`${hubUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.token ?? ADMIN}`, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function invite(role: 'agent' | 'supervisor', name: string, agentId?: string): Promise<{ invite: string; token: string }> {
  return hubRequest('/v1/tokens', { method: 'POST', body: { role, name, ...(agentId && { agentId }) } });
}

/**
 * A TCP proxy in front of the hub for one agent: `down` refuses and cuts every connection (the hub
 * is unreachable); `lose-answer` passes requests on but drops the hub's answer to the next one and
 * cuts it (the hub stored the batches, the agent never heard so), then goes back up.
 */
async function startProxy(
  target: URL,
): Promise<{ url: string; set(mode: 'up' | 'down' | 'lose-answer'): void; lostAnswers: number; close(): Promise<void> }> {
  let mode: 'up' | 'down' | 'lose-answer' = 'up';
  let lostAnswers = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (mode === 'down') {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      // Only an answer to a POST (the outbox) is lost; the hub's stream and reads pass.
      if (mode === 'lose-answer' && /^HTTP\/1\.1 [0-9]{3}/.test(chunk.toString('latin1')) && lastMethod.get(client) === 'POST') {
        lostAnswers++;
        mode = 'up';
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on('data', (chunk) => {
      const method = /^(GET|POST|PUT|DELETE|OPTIONS) /.exec(chunk.toString('latin1'));
      if (method) lastMethod.set(client, method[1]);
    });
  });
  const lastMethod = new WeakMap<Socket, string>();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    set(next) {
      mode = next;
      if (next === 'down') for (const socket of sockets) socket.destroy();
    },
    get lostAnswers() {
      return lostAnswers;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface RecordedNotification {
  id: string;
  title: string;
  message: string;
}
/** The part of `chrome.notifications` the test wraps and reads in the supervisor's worker. */
interface NotificationsApi {
  create(id: string, options: { title: string; message: string }): Promise<string>;
  getAll(): Promise<Record<string, boolean>>;
}

interface AxeResult {
  passes: unknown[];
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}

interface Browser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
}

async function browserConnectedWith(inviteText: string, name: string): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'replyline-team-'));
  const context = await launchWithExtension(dir);
  cleanups.push(async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const worker = await serviceWorkerOf(context);
  const extensionId = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/connect.html#invite=${encodeURIComponent(inviteText)}`);
  await expect(page.getByTestId('connected')).toContainText(name);
  await page.close();
  return { context, extensionId, worker };
}

/** A Demo Desk page signed in as `agentId`, showing one conversation. */
async function openConversation(browser: Browser, agentId: string, id: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${demo.url}/conversations/${id}`);
  const switcher = page.locator('select.dd-agent-switch');
  if ((await switcher.inputValue()) !== agentId) await switcher.selectOption(agentId);
  await expect(page.locator(`main.dd-conversation[data-conversation-id="${id}"]`)).toBeVisible();
  await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);
  return page;
}

/** Replies through the Demo Desk's composer, as the agent signed in on the page. */
async function replyInPage(page: Page): Promise<void> {
  const before = await page.locator('[data-author="agent"]').count();
  await page.locator('textarea.dd-compose-input').fill('Thanks, looking into it now.');
  await page.locator('button.dd-send').click();
  await expect(page.locator('[data-author="agent"]')).toHaveCount(before + 1);
}

/** The Demo Desk's true timeline, parsed. */
async function truthTimeline(): Promise<{ file: TimelineFile; conversations: ReturnType<typeof parseOk>['conversations'] }> {
  const parsed = parseOk(await demo.timelineText());
  return { file: parsed.timeline, conversations: parsed.conversations };
}
function parseOk(text: string) {
  const parsed = parseTimeline(text);
  if (!parsed.ok) throw new Error(`the Demo Desk's timeline does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed;
}

/** The events the hub stores per conversation id: their ids, sorted, duplicates kept. */
async function hubEventIds(): Promise<Record<string, string[]>> {
  const { rows } = await sql<{ conversation_id: string; id: string }>`
    select c.conversation_id, e.event->>'id' as id from events e join conversations c on c.key = e.conversation_key`.execute(
    hub.database.db,
  );
  const out: Record<string, string[]> = {};
  for (const row of rows) (out[row.conversation_id] ??= []).push(row.id);
  for (const ids of Object.values(out)) ids.sort();
  return out;
}

async function outboxSize(browser: Browser): Promise<number> {
  return browser.worker.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('replyline');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const count = open.result.transaction('hubOutbox').objectStore('hubOutbox').count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error ?? new Error('IndexedDB count failed'));
        };
      }),
  );
}

async function syncState(browser: Browser): Promise<{ sent: number; duplicates: number; failures: number; lastError: string | null }> {
  return browser.worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('replyline');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const get = open.result.transaction('state').objectStore('state').get('hubSync');
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result ?? { sent: 0, duplicates: 0, failures: 0, lastError: null });
          };
          get.onerror = () => reject(get.error ?? new Error('IndexedDB read failed'));
        };
      }),
  );
}

/** What a summary shows in one row of the Team view's table. */
function rowFigures(summary: Summary, clock: 'calendar' | 'business') {
  return {
    conversations: summary.conversations,
    firstMet: [summary.targets.firstResponse.rate, summary.targets.firstResponse.n],
    nextMet: [summary.targets.nextResponse.rate, summary.targets.nextResponse.n],
    resolutionMet: [summary.targets.resolution.rate, summary.targets.resolution.n],
    firstMedian: summary.firstResponse[clock].median,
    replyMedian: summary.reply[clock].median,
    resolutionMedian: summary.resolution[clock].median,
    csat: [summary.csat.score, summary.csat.n],
  };
}

/** The same figures, read from the Team view's row of `agent` (`*`: the team). */
async function panelFigures(panel: Page, agent: string) {
  const row = panel.locator(`table.hub-figures tr[data-agent="${agent}"]`);
  const value = async (column: string, attribute: string) => {
    const text = await row.locator(`td[data-column="${column}"]`).getAttribute(attribute);
    return text === '' || text === null ? null : Number(text);
  };
  const n = async (column: string) =>
    Number((await row.locator(`td[data-column="${column}"] .cell-n`).first().innerText()).replace(/^n /, ''));
  return {
    conversations: Number(await row.locator('td[data-column="conversations"] .cell-value').innerText()),
    firstMet: [await value('firstResponse-met', 'data-value'), await n('firstResponse-met')],
    nextMet: [await value('nextResponse-met', 'data-value'), await n('nextResponse-met')],
    resolutionMet: [await value('resolution-met', 'data-value'), await n('resolution-met')],
    firstMedian: await value('firstResponse', 'data-median'),
    replyMedian: await value('reply', 'data-median'),
    resolutionMedian: await value('resolution', 'data-median'),
    csat: [await value('csat', 'data-value'), await n('csat')],
  };
}

test('two agents and a supervisor on the Demo Desk with a real hub: figures, an outage, an alert', async () => {
  test.setTimeout(240_000);
  const started = Date.now();
  const mark = (what: string) => console.log(`team-supervisor: ${what} at ${Math.round((Date.now() - started) / 1000)} s`);
  // The Demo Desk's own calendar (every day, all day, in this machine's zone) with short targets,
  // for the Demo Desk's true timeline and the hub alike.
  const deskSettings = await demo.post<{ calendar: TimelineFile['calendar'] }>('/api/settings', { targets: TARGETS });
  await hubRequest('/v1/settings', { method: 'PUT', body: { calendar: deskSettings.calendar, targets: TARGETS, profile: 'replyline' } });

  const proxy = await startProxy(new URL(hubUrl));
  cleanups.push(() => proxy.close());
  const [anaInvite, benInvite, samInvite] = await Promise.all([
    invite('agent', ANA.name, ANA.id),
    invite('agent', BEN.name, BEN.id),
    invite('supervisor', 'Sam Supervisor'),
  ]);
  // Ben reaches the hub through the proxy only.
  const [ana, ben, sam] = await Promise.all([
    browserConnectedWith(anaInvite.invite, ANA.name),
    browserConnectedWith(benInvite.invite.replace(hubUrl, proxy.url), BEN.name),
    browserConnectedWith(samInvite.invite, 'Sam Supervisor'),
  ]);
  // Every notification the supervisor's worker shows is recorded (headless Chromium shows none on screen).
  await sam.worker.evaluate(() => {
    const recorded: RecordedNotification[] = [];
    const scope = globalThis as unknown as { recordedNotifications: RecordedNotification[]; chrome: { notifications: NotificationsApi } };
    scope.recordedNotifications = recorded;
    const notifications = scope.chrome.notifications;
    const original = notifications.create.bind(notifications);
    notifications.create = (id, options) => {
      recorded.push({ id, title: options.title, message: options.message });
      return original(id, options);
    };
  });

  // Ana's conversations: one answered and resolved earlier (placed in the past), one she answers now.
  const now0 = Date.now();
  const a1 = await demo.createConversation('Nora Quinn', now0 - 10 * MIN);
  await demo.post(`/api/conversations/${a1}/assign`, { agentId: ANA.id, at: new Date(now0 - 10 * MIN + 5 * SEC).toISOString() });
  await demo.message(a1, 'agent', now0 - 9 * MIN, ANA.id);
  await demo.message(a1, 'customer', now0 - 6 * MIN);
  await demo.message(a1, 'agent', now0 - 3 * MIN, ANA.id);
  await demo.status(a1, 'resolved', now0 - 2 * MIN, ANA.id);
  await demo.post(`/api/conversations/${a1}/rating`, { csat: 5, at: new Date(now0 - 1 * MIN).toISOString() });
  const a2 = await demo.createConversation('Omar Haddad', now0 - 20 * SEC);
  await demo.post(`/api/conversations/${a2}/assign`, { agentId: ANA.id, at: new Date(now0 - 15 * SEC).toISOString() });
  // Ben's: an email answered, resolved and rated low; a chat left waiting past its target.
  const b1 = await demo.createConversation('Pia Lund', now0 - 8 * MIN, 'email');
  await demo.post(`/api/conversations/${b1}/assign`, { agentId: BEN.id, at: new Date(now0 - 8 * MIN + 5 * SEC).toISOString() });
  await demo.message(b1, 'agent', now0 - 7.5 * MIN, BEN.id);
  await demo.status(b1, 'resolved', now0 - 6 * MIN, BEN.id);
  await demo.post(`/api/conversations/${b1}/rating`, { csat: 2, at: new Date(now0 - 5 * MIN).toISOString() });
  const b2 = await demo.createConversation('Quentin Roy', now0 - 3 * MIN);
  await demo.post(`/api/conversations/${b2}/assign`, { agentId: BEN.id, at: new Date(now0 - 3 * MIN + 5 * SEC).toISOString() });

  const benPages = [await openConversation(ben, BEN.id, b1), await openConversation(ben, BEN.id, b2)];
  await expect.poll(async () => (await hubEventIds())[b2]?.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => outboxSize(ben), { timeout: 30_000 }).toBe(0);

  // Ben loses the hub for a minute while he works: he answers Quentin, the customer writes again,
  // he answers again, and a new chat arrives that he answers too.
  mark('hub down for Ben');
  proxy.set('down');
  const offlineAt = Date.now();
  await replyInPage(benPages[1]);
  await demo.message(b2, 'customer', null);
  await expect(benPages[1].locator('[data-author="customer"]')).toHaveCount(2);
  await replyInPage(benPages[1]);
  const b3 = await demo.createConversation('Sven Ek', Date.now() - 10 * SEC);
  await demo.post(`/api/conversations/${b3}/assign`, { agentId: BEN.id });
  benPages.push(await openConversation(ben, BEN.id, b3));
  await replyInPage(benPages[2]);
  await expect.poll(() => outboxSize(ben), { timeout: 15_000 }).toBeGreaterThan(0);
  expect((await syncState(ben)).lastError).not.toBeNull();

  mark('Ana starts');
  // Meanwhile Ana works from the inbox, where every conversation of the team is listed.
  const inbox = await ana.context.newPage();
  await inbox.goto(`${demo.url}/inbox`);
  await inbox.locator('select.dd-agent-switch').selectOption(ANA.id);
  await expect(inbox.locator(`[data-conversation-id="${b2}"]`).first()).toBeVisible();
  const anaPages = [inbox, await openConversation(ana, ANA.id, a1), await openConversation(ana, ANA.id, a2)];
  await replyInPage(anaPages[2]);
  // The conversation that will breach: Ana sees it, then closes every Demo Desk tab.
  const a3 = await demo.createConversation('Rita Moreno', Date.now() - 50 * SEC);
  await demo.post(`/api/conversations/${a3}/assign`, { agentId: ANA.id });
  anaPages.push(await openConversation(ana, ANA.id, a3));
  await expect.poll(async () => (await hubEventIds())[a3]?.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => outboxSize(ana), { timeout: 30_000 }).toBe(0);
  for (const page of anaPages.splice(0)) await page.close();

  mark('Team view');
  // The supervisor's Team view, live.
  const panel = await sam.context.newPage();
  await panel.setViewportSize({ width: 560, height: 1400 });
  await panel.goto(`chrome-extension://${sam.extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Team' }).click();
  await expect(panel.locator('[data-stream="live"]')).toBeVisible();
  // The open conversations are in the queue (resolved ones leave it).
  for (const id of [a2, a3, b2]) await expect(panel.locator(`.hub-queue-table tr[data-conversation-id="${id}"]`)).toBeVisible();

  mark('waiting for the alert');
  // Rita's first response breaches with no agent tab open: the supervisor is told.
  await expect
    .poll(
      async () =>
        sam.worker.evaluate(() => (globalThis as unknown as { recordedNotifications: RecordedNotification[] }).recordedNotifications),
      { timeout: 60_000, intervals: [1000] },
    )
    .toContainEqual(
      expect.objectContaining({
        title: 'First response breached',
        message: expect.stringContaining(`Conversation ${a3}`),
      }),
    );
  const shown = await sam.worker.evaluate(() =>
    (globalThis as unknown as { chrome: { notifications: NotificationsApi } }).chrome.notifications.getAll(),
  );
  expect(Object.keys(shown).some((id) => id.includes(`/conversations/${a3}`))).toBe(true);
  for (const agent of [ana, ben]) expect(agent.context.pages().some((page) => page.url().includes(`/conversations/${a3}`))).toBe(false);
  await expect(panel.locator(`.hub-queue-table tr[data-conversation-id="${a3}"]`)).toHaveAttribute('data-state', 'breached');

  mark('alert seen');
  // A minute after the outage began, the hub is back; its first answer to Ben is lost on the way.
  const rest = offlineAt + MIN - Date.now();
  if (rest > 0) await benPages[2].waitForTimeout(rest);
  proxy.set('lose-answer');
  // The customer writes again: Ben's page sees it, which sends the outbox (the alarm would too, later).
  await demo.message(b3, 'customer', null);
  await expect(benPages[2].locator('[data-author="customer"]')).toHaveCount(2);
  await expect.poll(() => proxy.lostAnswers, { timeout: 30_000 }).toBe(1);
  await demo.message(b3, 'customer', null);
  await expect(benPages[2].locator('[data-author="customer"]')).toHaveCount(3);
  await expect.poll(() => outboxSize(ben), { timeout: 60_000 }).toBe(0);
  const benSync = await syncState(ben);
  expect(benSync.lastError).toBeNull();
  // The batches whose answer was lost were sent again and taken as duplicates.
  expect(benSync.duplicates).toBeGreaterThan(0);

  mark('Ben synced');
  // Nothing lost, nothing doubled: the hub holds exactly the Demo Desk's events of each conversation.
  const truth = await truthTimeline();
  const truthIds = Object.fromEntries(truth.file.conversations.map((c) => [c.id, c.events.map((e) => e.id ?? '').sort()]));
  await expect.poll(hubEventIds, { timeout: 20_000 }).toEqual(truthIds);

  // The figures: the Team view's, the hub's report's and the truth's, for this week.
  await panel.getByRole('button', { name: 'Refresh' }).click();
  await expect(panel.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  const timezone = deskSettings.calendar!.timezone;
  const evaluatedAt = Date.now();
  const week = isoWeekKey(evaluatedAt, timezone);
  const hubTeam = await hubRequest<ReportJson>(`/v1/report?week=${week}&profile=replyline`, { token: samInvite.token });
  const truthOptions = {
    conversations: truth.conversations,
    profile: 'replyline' as const,
    calendar: truth.file.calendar,
    targets: truth.file.targets,
    period: { week, ...isoWeekRange(week, timezone) },
    now: evaluatedAt,
  };
  const truthReport = measureReport(truthOptions).report;
  const clock = (await panel.locator('table.hub-figures th[title^="First response median"]').getAttribute('title'))!.includes('business')
    ? 'business'
    : 'calendar';
  // As the report JSON writes them (durations rounded to the millisecond), as the CLI prints them.
  const expectedTeam = rowFigures(summaryToJson(truthReport.summary), clock);
  expect(rowFigures(hubTeam.summary, clock)).toEqual(expectedTeam);
  expect(await panelFigures(panel, '*')).toEqual(expectedTeam);
  // Worked values, so that a wrong truth cannot pass unseen (when all of it falls in this week).
  if (isoWeekKey(now0 - 10 * MIN, timezone) === week) {
    expect(expectedTeam.firstMet[1]).toBe(6);
    expect(expectedTeam.csat).toEqual([0.5, 2]);
  }
  for (const agent of [ANA, BEN]) {
    const hubAgent = await hubRequest<ReportJson>(`/v1/report?week=${week}&profile=replyline&agent=${agent.id}`, {
      token: samInvite.token,
    });
    const ctx = reportContext({ ...truthOptions, calendar: truth.file.calendar, targets: truth.file.targets });
    const expected = rowFigures(
      summaryToJson(summarize(truthReport.conversations, ctx, truthOptions.period, { agentId: agent.id })),
      clock,
    );
    expect(rowFigures(hubAgent.summary, clock), agent.name).toEqual(expected);
    expect(await panelFigures(panel, agent.id), agent.name).toEqual(expected);
    await expect(panel.locator(`table.hub-figures tr[data-agent="${agent.id}"] th`)).toHaveText(agent.name);
  }

  mark('figures compared');
  // axe on the hub's Team view (its source evaluated over the DevTools protocol: the page's CSP forbids inline scripts).
  await panel.evaluate(readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8'));
  const axe = await panel.evaluate(async () => {
    const run = (window as unknown as { axe: { run(context: Element, options: object): Promise<AxeResult> } }).axe.run;
    const result = await run(document.querySelector('section.hub-team')!, { resultTypes: ['violations'] });
    return {
      passes: result.passes.length,
      serious: result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    };
  });
  // axe ran its rules (an empty run would pass vacuously).
  expect(axe.passes).toBeGreaterThan(5);
  expect(axe.serious).toEqual([]);

  // Screenshots for people to look at: the queue, the table, a drill-down.
  await panel.locator('section[aria-labelledby="hub-queue-title"]').screenshot({ path: 'docs/screenshots/team-hub-queue.png' });
  await panel.locator('section[aria-labelledby="hub-figures-title"]').screenshot({ path: 'docs/screenshots/team-hub-agents.png' });
  // The table's right-hand columns (medians / p90, CSAT, handle time), scrolled into view as a supervisor would.
  await panel.getByRole('region', { name: 'Team and agent figures' }).evaluate((region) => (region.scrollLeft = region.scrollWidth));
  await panel.locator('section[aria-labelledby="hub-figures-title"]').screenshot({ path: 'docs/screenshots/team-hub-agents-times.png' });
  await panel.locator(`table.hub-figures tr[data-agent="${BEN.id}"] td[data-column="firstResponse-met"] .missed-link`).click();
  const drill = panel.getByRole('region', { name: 'Conversations behind the figure' });
  await expect(drill).toContainText(BEN.name);
  await drill.screenshot({ path: 'docs/screenshots/team-hub-drilldown.png' });
  console.log(`team-supervisor: ${Math.round((Date.now() - started) / 1000)} s; team figures ${JSON.stringify(expectedTeam)}`);
});
