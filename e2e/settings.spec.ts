/**
 * The Settings view with the built extension loaded: targets changed in Settings drive the
 * Demo Desk overlay, export downloads a valid backup, and delete-everything needs a typed
 * confirmation and then empties every store.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { timelineSchema } from '../lib/timeline/schema';
import { DemoDeskClient } from './demo-client';
import { expect, test } from './fixtures';

const MIN = 60_000;
let demo: DemoDeskClient;

test.beforeEach(async () => {
  demo = await DemoDeskClient.start();
});
test.afterEach(async () => {
  await demo.close();
});

async function openSettings(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await expect(panel.getByRole('heading', { name: 'Targets' })).toBeVisible();
  return panel;
}

function badgeOf(page: Page, conversationId: string) {
  return page.locator(`tr.dd-row[data-conversation-id="${conversationId}"] [data-replyline-overlay="badge"] .pill`);
}

/** Record counts of every store of the extension's database, read in an extension page. */
function storeCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('replyline');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const names = Array.from(db.objectStoreNames);
          const tx = db.transaction(names, 'readonly');
          const counts: Record<string, number> = {};
          for (const name of names) {
            // The read model's stamp (which code and settings measured the stores, empty ones too)
            // is bookkeeping, not stored data: it is left out of the state store's count.
            const request = tx.objectStore(name).getAllKeys();
            request.onsuccess = () => (counts[name] = request.result.filter((key) => !(name === 'state' && key === 'readModel')).length);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
        };
      }),
  );
}

test('a first-response target set in Settings drives the open overlay: 2 min makes a 3-minute wait breached', async ({
  context,
  extensionId,
}) => {
  const t0 = Date.now();
  const waiting = await demo.createConversation('Three Minutes', t0 - 3 * MIN - 5_000);
  const inbox = await context.newPage();
  await inbox.goto(`${demo.url}/inbox`);
  // With the default 10-minute target, three minutes is on track.
  await expect(badgeOf(inbox, waiting)).toHaveClass(/tone-on_track/);

  const panel = await openSettings(context, extensionId);
  await panel.getByLabel('First response (min)', { exact: true }).fill('2');
  await panel.getByRole('button', { name: 'Save targets' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // The open inbox re-plans on its own (no reload): the same wait is now past its target.
  await expect(badgeOf(inbox, waiting)).toHaveClass(/tone-breached/);
  await expect(badgeOf(inbox, waiting)).toHaveText('3m');
});

test('a channel override applies to that channel only, and a bad value is refused inline', async ({ context, extensionId }) => {
  const t0 = Date.now();
  const chat = await demo.createConversation('Chat Customer', t0 - 3 * MIN - 5_000, 'chat');
  const email = await demo.createConversation('Email Customer', t0 - 3 * MIN - 5_000, 'email');

  const panel = await openSettings(context, extensionId);
  await panel.getByRole('button', { name: 'Add override' }).click();
  await panel.getByLabel('Override 1: channel').fill('email');
  await panel.getByLabel('Override 1: first response (min)').fill('-1');
  await panel.getByRole('button', { name: 'Save targets' }).click();
  await expect(panel.getByText('must be more than 0')).toBeVisible();
  await expect(panel.getByLabel('Override 1: first response (min)')).toHaveAttribute('aria-invalid', 'true');

  await panel.getByLabel('Override 1: first response (min)').fill('2');
  await panel.getByRole('button', { name: 'Save targets' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  const inbox = await context.newPage();
  await inbox.goto(`${demo.url}/inbox`);
  await expect(badgeOf(inbox, email)).toHaveClass(/tone-breached/);
  await expect(badgeOf(inbox, chat)).toHaveClass(/tone-on_track/);
});

test('export everything downloads a valid backup; delete everything needs the typed confirmation and empties the stores; import restores', async ({
  context,
  extensionId,
}) => {
  const t0 = Date.now();
  const id = await demo.createConversation('Exported Customer', t0 - 4 * MIN);
  await demo.message(id, 'agent', t0 - 2 * MIN, 'a-1');
  const conversation = await context.newPage();
  await conversation.goto(`${demo.url}/conversations/${id}`);
  await expect(conversation.locator('[data-replyline-overlay="timer-strip"] .clock').first()).toBeVisible();

  const panel = await openSettings(context, extensionId);
  await expect.poll(async () => (await storeCounts(panel)).events ?? 0).toBeGreaterThan(0);
  // A helpdesk page left open would keep reporting (and storing) after the deletion.
  await conversation.close();

  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export everything' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^replyline-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    format: string;
    settings: { targets: { firstResponseSeconds: number } };
    timelines: unknown[];
    reviews: unknown[];
    outcomes: unknown[];
  };
  expect(backup.format).toBe('replyline.backup/1');
  expect(backup.settings.targets.firstResponseSeconds).toBe(600);
  expect(backup.timelines).toHaveLength(1);
  const timeline = timelineSchema.parse(backup.timelines[0]);
  expect(timeline.source).toEqual({ helpdesk: 'demo-desk', origin: demo.url });
  expect(timeline.conversations.map((c) => c.id)).toEqual([id]);
  expect(timeline.conversations[0].events.filter((e) => e.type === 'message').map((e) => (e.type === 'message' ? e.author : ''))).toEqual([
    'customer',
    'agent',
  ]);

  const remove = panel.getByRole('button', { name: 'Delete everything' });
  await expect(remove).toBeDisabled();
  await panel.getByLabel('Type DELETE to confirm').fill('delete');
  await expect(remove).toBeDisabled();
  await panel.getByLabel('Type DELETE to confirm').fill('DELETE');
  await remove.click();
  await expect(panel.getByText('Everything Replyline stored in this browser is deleted.')).toBeVisible();
  const counts = await storeCounts(panel);
  expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([]);
  expect(Object.keys(counts)).toContain('conversations');

  // A broken file is refused with what is wrong, and writes nothing.
  const importInput = panel.getByLabel('Import a Replyline backup (.json)');
  const broken = { ...backup, settings: { ...backup.settings, retentionDays: 0 } };
  await importInput.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(panel.getByRole('alert')).toContainText('settings.retentionDays: must be at least 1 day');
  expect((await storeCounts(panel)).conversations).toBe(0);

  // The exported file brings everything back.
  await importInput.setInputFiles(await download.path());
  await expect(
    panel.getByText(/Imported .*: settings, 1 conversation, 0 reviews, 0 outcome tags, 0 imported team exports\./),
  ).toBeVisible();
  const restored = await storeCounts(panel);
  expect([restored.conversations, restored.metrics, restored.settings]).toEqual([1, 1, 1]);
});
