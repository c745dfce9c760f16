/**
 * The whole pipeline in Chromium: Demo Desk page → content-script adapter → background
 * worker → IndexedDB → side panel, compared with the engine run on the Demo Desk's own
 * true timeline.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { buildReport } from '../lib/engine/report.ts';
import { localDate, localDayRange } from '../lib/engine/local-time.ts';
import { parseTimeline } from '../lib/timeline/parse.ts';
import { demoDeskPerTest } from './demo-client';
import { expect, serviceWorkerControl, serviceWorkerOf, test } from './fixtures';

const MIN = 60_000;
const desk = demoDeskPerTest(test);
const { ago } = desk;

/** What the engine computes from the Demo Desk's truth for today, as the side panel scopes it. */
async function truthSummaryToday(conversationIds: string[]) {
  const parsed = parseTimeline(await desk.demo.timelineText());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const timezone = parsed.timeline.calendar?.timezone ?? 'UTC';
  const now = Date.now();
  const report = buildReport(
    parsed.conversations.filter((c) => conversationIds.includes(c.id)),
    {
      profile: 'replyline',
      calendar: parsed.timeline.calendar,
      targets: parsed.timeline.targets,
      now,
      period: localDayRange(localDate(now, timezone), timezone),
    },
  );
  return report.summary;
}

/** The event ids the worker stored for one conversation, read from the extension's IndexedDB. */
async function storedEventIds(panel: Page, conversationId: string): Promise<string[]> {
  return panel.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('replyline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
    const records = await new Promise<{ conversationKey: string; event: { id: string } }[]>((resolve, reject) => {
      const request = db.transaction('events').objectStore('events').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
    db.close();
    return records
      .filter((r) => r.conversationKey.endsWith(`|${id}`))
      .map((r) => r.event.id)
      .sort();
  }, conversationId);
}

async function truthEventIds(conversationId: string): Promise<string[]> {
  const parsed = parseTimeline(await desk.demo.timelineText());
  if (!parsed.ok) throw new Error('bad timeline');
  const conversation = parsed.timeline.conversations.find((c) => c.id === conversationId);
  return (conversation?.events ?? []).map((e) => e.id ?? '').sort();
}

async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  return panel;
}

function stat(panel: Page, block: string, label: string) {
  return panel.locator(`section[aria-label="${block}"] [data-stat="${label}"]`);
}

test('the side panel shows the numbers the engine computes from the Demo Desk true timeline', async ({ context, extensionId }) => {
  const a = await desk.demo.createConversation('Asha Rao', ago(20 * MIN));
  await desk.demo.message(a, 'agent', ago(18 * MIN), 'a-1');
  await desk.demo.message(a, 'customer', ago(10 * MIN));
  await desk.demo.message(a, 'customer', ago(9 * MIN));
  await desk.demo.message(a, 'agent', ago(6 * MIN), 'a-2');
  const b = await desk.demo.createConversation('Bruno Diaz', ago(15 * MIN));
  await desk.demo.message(b, 'bot', ago(14.5 * MIN));
  await desk.demo.post(`/api/conversations/${b}/handoff`, { at: new Date(ago(14 * MIN)).toISOString() });
  await desk.demo.message(b, 'agent', ago(12 * MIN), 'a-1');
  await desk.demo.status(b, 'resolved', ago(5 * MIN), 'a-1');
  const c = await desk.demo.createConversation('Carla Meyer', ago(9 * MIN), 'email');
  await desk.demo.message(c, 'agent', ago(8.5 * MIN), 'a-2');
  await desk.demo.status(c, 'resolved', ago(2 * MIN), 'a-2');

  const page = await context.newPage();
  for (const id of [a, b, c]) {
    await page.goto(`${desk.demo.url}/conversations/${id}`);
    await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);
  }

  const expected = await truthSummaryToday([a, b, c]);
  // The worked values, so that a wrong truth cannot pass silently: first responses 2 min,
  // 3 min (bot time included) and 30 s; one next response of 4 min from the earliest follow-up.
  // (Only when all of it happened today: just after local midnight, part of it is yesterday's.)
  const parsed = parseTimeline(await desk.demo.timelineText());
  const timezone = parsed.ok ? (parsed.timeline.calendar?.timezone ?? 'UTC') : 'UTC';
  if (localDate(ago(20 * MIN), timezone) === localDate(Date.now(), timezone)) {
    expect(expected.firstResponse.business.n).toBe(3);
    expect(expected.firstResponse.business.median).toBe(120);
    expect(expected.reply.business.n).toBe(1);
    expect(expected.reply.business.median).toBe(240);
    expect(expected.resolution.business.n).toBe(2);
  }

  const panel = await openPanel(context, extensionId);
  await panel.getByRole('tab', { name: 'Me' }).click();
  for (const [label, figure] of [
    ['First response', expected.firstResponse.business],
    ['Next response', expected.reply.business],
    ['Resolution', expected.resolution.business],
  ] as const) {
    await expect(stat(panel, 'Everyone', label).locator('.stat-value')).toHaveAttribute('data-median-seconds', String(figure.median));
    await expect(stat(panel, 'Everyone', label).locator('.stat-sub')).toHaveAttribute('data-n', String(figure.n));
    await expect(stat(panel, 'Everyone', label).locator('.stat-sub')).toHaveAttribute('data-p90-seconds', String(figure.p90));
  }
  await panel.screenshot({ path: 'test-results/screenshots/sidepanel-me.png', fullPage: true });
  await panel.getByRole('tab', { name: 'Now' }).click();
  await expect(panel.getByRole('tabpanel')).toContainText(c);
  await panel.screenshot({ path: 'test-results/screenshots/sidepanel-now.png', fullPage: true });
});

test('the same conversation open in two tabs counts once', async ({ context, extensionId }) => {
  const id = await desk.demo.createConversation('Twin Tabs', ago(6 * MIN));
  const left = await context.newPage();
  const right = await context.newPage();
  await left.goto(`${desk.demo.url}/conversations/${id}`);
  await right.goto(`${desk.demo.url}/conversations/${id}`);
  await desk.demo.message(id, 'agent', ago(5 * MIN), 'a-3');
  await desk.demo.message(id, 'customer', ago(2 * MIN));
  await desk.demo.message(id, 'agent', ago(1 * MIN), 'a-3');
  for (const page of [left, right]) await expect(page.locator('li.dd-event[data-author="agent"]')).toHaveCount(2);

  const panel = await openPanel(context, extensionId);
  const truth = await truthEventIds(id);
  expect(truth).toHaveLength(4);
  await expect.poll(() => storedEventIds(panel, id)).toEqual(truth);
  await panel.getByRole('tab', { name: 'Me' }).click();
  await expect(stat(panel, 'Everyone', 'Replies').locator('.stat-value')).toHaveAttribute('data-value', '2');
  await expect(stat(panel, 'Everyone', 'First response').locator('.stat-sub')).toHaveAttribute('data-n', '1');
});

test('a worker stopped and restarted mid-stream loses nothing', async ({ context, extensionId }) => {
  const id = await desk.demo.createConversation('Restart Case', ago(10 * MIN));
  const page = await context.newPage();
  await page.goto(`${desk.demo.url}/conversations/${id}`);
  const panel = await openPanel(context, extensionId);

  // Stop the worker through the DevTools protocol, as Chrome does when it idles.
  const workers = await serviceWorkerControl(panel);
  const stopWorker = async () => {
    await expect.poll(workers.running).toBe(true);
    await workers.stop();
  };

  let agentMessages = 0;
  for (let round = 0; round < 3; round++) {
    await desk.demo.message(id, 'customer', null);
    await stopWorker();
    await desk.demo.message(id, 'agent', null, 'a-1');
    agentMessages++;
    await expect(page.locator('li.dd-event[data-author="agent"]')).toHaveCount(agentMessages);
    await stopWorker();
  }
  // The worker wakes for the content script's retried batches.
  await serviceWorkerOf(context);
  const truth = await truthEventIds(id);
  expect(truth).toHaveLength(7);
  await expect.poll(() => storedEventIds(panel, id), { timeout: 20_000 }).toEqual(truth);
  await panel.reload();
  await panel.getByRole('tab', { name: 'Me' }).click();
  await expect(stat(panel, 'Everyone', 'Replies').locator('.stat-value')).toHaveAttribute('data-value', '3');
});
