/**
 * Messages between the extension's contexts in a real browser: the worker tells the tabs that
 * observed changed conversations (an import in the side panel updates an open overlay without a
 * reload), and a content-script message from anything but a helpdesk tab of the claimed origin
 * is refused and stores nothing.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { demoDeskPerTest } from './demo-client';
import { expect, test } from './fixtures';

const MIN = 60_000;
const desk = demoDeskPerTest(test);

function badgeOf(page: Page, conversationId: string) {
  return page.locator(`tr.dd-row[data-conversation-id="${conversationId}"] [data-replyline-overlay="badge"] .pill`);
}

async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await expect(panel.getByRole('heading', { name: 'Targets' })).toBeVisible();
  return panel;
}

function countOf(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('replyline');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB request failed'));
        open.onsuccess = () => {
          const request = open.result.transaction(name, 'readonly').objectStore(name).count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
        };
      }),
    store,
  );
}

test('an import done in the side panel updates the open overlay without a reload', async ({ context, extensionId }) => {
  const waiting = await desk.demo.createConversation('Imported Targets', desk.ago(3 * MIN + 5_000));
  const inbox = await context.newPage();
  // The conversation's view first, so that its events are stored (and exported) too.
  await inbox.goto(`${desk.demo.url}/conversations/${waiting}`);
  await expect(inbox.locator('[data-replyline-overlay="timer-strip"] .clock').first()).toBeVisible();
  await inbox.goto(`${desk.demo.url}/inbox`);
  // The default 10-minute first-response target: a 3-minute wait is on track.
  await expect(badgeOf(inbox, waiting)).toHaveClass(/tone-on_track/);

  const panel = await openPanel(context, extensionId);
  await expect.poll(() => countOf(panel, 'conversations')).toBe(1);
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export everything' }).click()]);
  const backup = JSON.parse(readFileSync(await download.path(), 'utf8')) as { settings: { targets: { firstResponseSeconds: number } } };
  expect(backup.settings.targets.firstResponseSeconds).toBe(600);
  backup.settings.targets.firstResponseSeconds = 120;

  await panel
    .getByLabel('Import a Replyline backup (.json)')
    .setInputFiles({ name: 'two-minutes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await expect(panel.getByText(/Imported two-minutes\.json/)).toBeVisible();
  // The worker told the tab that observed the conversation; the page sent its reading again
  // (the backup has no list facts such as the status) and got the new plan back.
  await expect(badgeOf(inbox, waiting)).toHaveClass(/tone-breached/);
  await expect(badgeOf(inbox, waiting)).toHaveText('3m');
});

test('cs:observations sent from an extension page claiming https://victim.zendesk.com is refused and stores nothing', async ({
  context,
  extensionId,
}) => {
  const panel = await openPanel(context, extensionId);
  const reply = await panel.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      type: 'cs:observations',
      documentId: 'spoofed-document',
      helpdesk: 'zendesk',
      origin: 'https://victim.zendesk.com',
      seq: 0,
      url: 'https://victim.zendesk.com/agent/tickets/7',
      focusedConversationId: '7',
      conversations: [{ conversationId: '7', createdAt: 1_700_000_000_000, status: 'open', events: [] }],
      activity: [],
    }),
  );
  // The panel runs here in a tab of its own: a tab, but an extension page, not the claimed helpdesk.
  expect(reply).toEqual({ ok: false, error: 'from an extension page, not a helpdesk page', plans: [] });
  expect(await countOf(panel, 'conversations')).toBe(0);
  expect(await countOf(panel, 'batches')).toBe(0);
});
