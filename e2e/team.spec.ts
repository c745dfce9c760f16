/**
 * The Team view in Chromium against the Demo Desk: the live queue built from what the
 * extension observed, and the import of an agent's exported week through the file chooser,
 * compared with the engine run on the same conversations.
 *
 * Demo Desk targets (the extension's defaults): first response 10 min, at risk from 7 min 30 s;
 * business hours cover the whole day, so business time equals wall time.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { buildReport } from '../lib/engine/report.ts';
import type { Conversation } from '../lib/engine/events.ts';
import { toTimelineFile } from '../lib/timeline/convert.ts';
import { demoDeskPerTest } from './demo-client';
import { expect, test } from './fixtures';

const MIN = 60_000;
const desk = demoDeskPerTest(test);
const { ago } = desk;

async function openTeam(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Team' }).click();
  await expect(panel.getByRole('heading', { name: /Live queue/ })).toBeVisible();
  return panel;
}

/** Records in one store of the extension's database, read from the panel page. */
async function countStore(panel: Page, store: string): Promise<number> {
  return panel.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('replyline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
    const count = await new Promise<number>((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
    db.close();
    return count;
  }, store);
}

/** An agent's week as they would export it: three conversations of agent a-9 on another desk. */
function exportedWeek(): Conversation[] {
  const msg = (id: string, at: number, author: 'customer' | 'agent') => ({
    type: 'message' as const,
    id,
    at,
    author,
    ...(author === 'agent' ? { agentId: 'a-9' } : {}),
  });
  return [
    {
      id: 'i-1',
      channel: 'email',
      createdAt: ago(60 * MIN),
      events: [
        msg('i1-1', ago(60 * MIN), 'customer'),
        msg('i1-2', ago(58 * MIN), 'agent'),
        { type: 'status', id: 'i1-3', at: ago(50 * MIN), status: 'resolved', agentId: 'a-9' },
        { type: 'rating', id: 'i1-4', at: ago(49 * MIN), csat: 5 },
      ],
    },
    {
      id: 'i-2',
      channel: 'chat',
      createdAt: ago(50 * MIN),
      events: [msg('i2-1', ago(50 * MIN), 'customer'), msg('i2-2', ago(46 * MIN), 'agent')],
    },
    {
      id: 'i-3',
      channel: 'chat',
      createdAt: ago(40 * MIN),
      events: [
        msg('i3-1', ago(40 * MIN), 'customer'),
        msg('i3-2', ago(34 * MIN), 'agent'),
        msg('i3-3', ago(30 * MIN), 'customer'),
        msg('i3-4', ago(20 * MIN), 'agent'),
      ],
    },
  ];
}

function exportText(conversations: Conversation[]): string {
  return JSON.stringify(
    toTimelineFile({
      conversations,
      source: { helpdesk: 'demo-desk', origin: 'https://imported.example' },
      agentId: 'a-9',
      generatedAt: desk.t0,
      period: { from: ago(7 * 24 * 60 * MIN), to: desk.t0 },
    }),
    null,
    2,
  );
}

async function chooseFiles(panel: Page, files: Array<{ name: string; text: string }>) {
  const chooser = panel.waitForEvent('filechooser');
  await panel.getByText('Import exports…').click();
  await (await chooser).setFiles(files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })));
}

test('the live queue lists the Demo Desk’s waiting customers longest first, with their target states', async ({ context, extensionId }) => {
  const fresh = await desk.demo.createConversation('Fresh Customer', ago(3 * MIN));
  const atRisk = await desk.demo.createConversation('Nearly Late', ago(8 * MIN));
  const late = await desk.demo.createConversation('Late Customer', ago(12 * MIN));
  const answered = await desk.demo.createConversation('Answered Customer', ago(5 * MIN));
  await desk.demo.message(answered, 'agent', ago(4 * MIN), 'a-2');

  const page = await context.newPage();
  await page.goto(`${desk.demo.url}/inbox`);
  await expect(page.locator(`tr.dd-row[data-conversation-id="${late}"] [data-replyline-overlay="badge"] .pill`)).toHaveClass(
    /tone-breached/,
  );

  const panel = await openTeam(context, extensionId);
  const waiting = panel.locator('table.queue-table[data-list="waiting"] tbody tr');
  await expect(waiting).toHaveCount(3);
  expect(
    await waiting.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-conversation-id'), r.getAttribute('data-state')])),
  ).toEqual([
    [late, 'breached'],
    [atRisk, 'at_risk'],
    [fresh, 'on_track'],
  ]);
  await expect(panel.locator('[data-list="waiting"][data-count]')).toHaveAttribute('data-count', '3');
  await expect(panel.locator('[data-list="breached"][data-count]')).toHaveAttribute('data-count', '1');
  await expect(panel.locator('[data-list="atRisk"][data-count]')).toHaveAttribute('data-count', '1');
  // The waits count live: the longest one reads 12 minutes and moves on.
  await expect(waiting.first().locator('.queue-wait-value')).toContainText('12m');

  await panel.getByRole('button', { name: /Breached/ }).click();
  await expect(panel.locator('table.queue-table[data-list="breached"] tbody tr')).toHaveCount(1);
  await expect(panel.locator('table.queue-table[data-list="breached"] tbody tr')).toHaveAttribute('data-conversation-id', late);
});

test('an imported export joins the per-agent table with the engine’s numbers', async ({ context, extensionId }) => {
  // Some observed work on the Demo Desk, so the table has the team and the import side by side.
  const a = await desk.demo.createConversation('Asha Rao', ago(20 * MIN));
  await desk.demo.message(a, 'agent', ago(18 * MIN), 'a-1');
  const b = await desk.demo.createConversation('Bruno Diaz', ago(15 * MIN), 'email');
  await desk.demo.message(b, 'agent', ago(12 * MIN), 'a-2');
  await desk.demo.createConversation('Carla Meyer', ago(9 * MIN));
  const page = await context.newPage();
  for (const id of [a, b]) {
    await page.goto(`${desk.demo.url}/conversations/${id}`);
    await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);
  }
  await page.goto(`${desk.demo.url}/inbox`);
  await expect(page.locator('tr.dd-row')).toHaveCount(3);

  const week = exportedWeek();
  const truth = buildReport(week, {
    profile: 'replyline',
    calendar: {
      timezone: 'UTC',
      week: {
        mon: [['00:00', '24:00']],
        tue: [['00:00', '24:00']],
        wed: [['00:00', '24:00']],
        thu: [['00:00', '24:00']],
        fri: [['00:00', '24:00']],
        sat: [['00:00', '24:00']],
        sun: [['00:00', '24:00']],
      },
    },
    targets: { clock: 'business', firstResponseSeconds: 600, nextResponseSeconds: 900, resolutionSeconds: 7200, atRiskShare: 0.75 },
    now: Date.now(),
  }).summary;
  // The worked values: first responses 2, 4 and 6 min; one next response of 10 min; one rating of 5.
  expect([
    truth.firstResponse.business.median,
    truth.firstResponse.business.n,
    truth.reply.business.median,
    truth.csat.score,
    truth.csat.n,
  ]).toEqual([240, 3, 600, 1, 1]);

  const panel = await openTeam(context, extensionId);
  await panel.getByRole('combobox', { name: 'Period' }).selectOption('last4Weeks');
  await chooseFiles(panel, [{ name: 'a-9-week.json', text: exportText(week) }]);
  await expect(panel.locator('.import-outcome[data-status="imported"]')).toContainText('a-9-week.json: imported 3 conversations');

  const row = panel.locator('tr[data-agent="a-9"]');
  await expect(row.locator('[data-column="firstResponse"]')).toHaveAttribute('data-value', String(truth.firstResponse.business.median));
  await expect(row.locator('[data-column="firstResponse"]')).toHaveAttribute('data-n', String(truth.firstResponse.business.n));
  await expect(row.locator('[data-column="nextResponse"]')).toHaveAttribute('data-value', String(truth.reply.business.median));
  await expect(row.locator('[data-column="csat"]')).toHaveAttribute('data-value', String(truth.csat.score));
  await expect(row.locator('[data-column="hitRate"]')).toHaveAttribute('data-value', String(truth.targets.all.rate));
  await expect(row.locator('[data-column="hitRate"]')).toHaveAttribute('data-n', String(truth.targets.all.n));
  // The observed agents stay beside it.
  await expect(panel.locator('tr[data-agent="a-1"] [data-column="firstResponse"]')).toHaveAttribute('data-value', '120');
  await expect(panel.locator('tr[data-agent="a-2"] [data-column="firstResponse"]')).toHaveAttribute('data-value', '180');
  const imported = panel.locator('table.imports-table tbody tr');
  await expect(imported).toHaveCount(1);
  await expect(imported).toContainText('a-9-week.json');
  await expect(imported.locator('[data-count]')).toHaveText('3');

  // Again: already imported, nothing doubled.
  await chooseFiles(panel, [{ name: 'a-9-week.json', text: exportText(week) }]);
  await expect(panel.locator('.import-outcome[data-status="duplicate"]')).toContainText('already imported');
  expect(await countStore(panel, 'importedConversations')).toBe(3);

  // No hover on the heatmap in the picture.
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: 'test-results/screenshots/sidepanel-team.png', fullPage: true });
  await panel.screenshot({ path: 'docs/screenshots/sidepanel-team.png', fullPage: true });

  // Remove the import: the agent leaves the table.
  await panel.getByRole('button', { name: 'Remove import a-9-week.json' }).click();
  await expect(panel.locator('tr[data-agent="a-9"]')).toHaveCount(0);
  expect(await countStore(panel, 'importedConversations')).toBe(0);
});

test('a corrupt export shows what is wrong and changes nothing', async ({ context, extensionId }) => {
  const panel = await openTeam(context, extensionId);
  await panel.getByRole('combobox', { name: 'Period' }).selectOption('last4Weeks');
  const week = exportedWeek();
  await chooseFiles(panel, [{ name: 'a-9-week.json', text: exportText(week) }]);
  await expect(panel.locator('tr[data-agent="a-9"] [data-column="firstResponse"]')).toHaveAttribute('data-value', '240');

  const broken = JSON.parse(exportText(week));
  broken.conversations[1].events[0].at = 'last Tuesday';
  await chooseFiles(panel, [{ name: 'broken-week.json', text: JSON.stringify(broken) }]);
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('broken-week.json is not a valid Replyline export; nothing was imported.');
  await expect(alert).toContainText('conversations[1].events[0].at: expected an ISO 8601 time with an offset');
  await expect(alert).toContainText('"last Tuesday"');

  await chooseFiles(panel, [{ name: 'not-json.json', text: '{"format": "replyline.timeline/1", "conversations": [' }]);
  await expect(panel.getByRole('alert')).toContainText('not-json.json is not a valid Replyline export');
  await expect(panel.getByRole('alert')).toContainText('invalid JSON');

  expect(await countStore(panel, 'importFiles')).toBe(1);
  expect(await countStore(panel, 'importedConversations')).toBe(3);
  await expect(panel.locator('table.imports-table tbody tr')).toHaveCount(1);
  await expect(panel.locator('tr[data-agent="a-9"] [data-column="firstResponse"]')).toHaveAttribute('data-n', '3');
  await panel.getByRole('alert').scrollIntoViewIfNeeded();
  await panel.screenshot({ path: 'test-results/screenshots/sidepanel-team-import-error.png' });
});
