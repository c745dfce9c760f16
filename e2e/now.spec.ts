/**
 * The Now view in Chromium: compose-box auto-checks from a draft typed in the Demo Desk, the
 * quality checklist (N/A, critical fail), outcome tags, persistence across a panel reload,
 * and no draft text anywhere in IndexedDB.
 */
import type { BrowserContext, Page } from '@playwright/test';
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

async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  return panel;
}

/** Every record of every store of the extension's database, as one JSON text. */
async function databaseJson(panel: Page): Promise<string> {
  return panel.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('replyline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
    const out: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      out[name] = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
    }
    db.close();
    return JSON.stringify(out);
  });
}

const item = (panel: Page, label: string) => panel.getByRole('radiogroup', { name: label });
const score = (panel: Page) => panel.locator('.qa-score');

test('checklist auto-checks from the draft, N/A, a critical fail, outcome tags, all kept across a reload', async ({
  context,
  extensionId,
}) => {
  const t0 = Date.now();
  const id = await demo.createConversation('Maya Jensen', t0 - 6 * MIN);
  // A follow-up with a question: one unanswered follow-up (effort 1), and the draft must answer it.
  await demo.message(id, 'customer', t0 - 4 * MIN);

  const page = await context.newPage();
  await page.goto(`${demo.url}/conversations/${id}`);
  await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);

  const panel = await openPanel(context, extensionId);
  await expect(panel.getByRole('tabpanel')).toContainText(id);
  await expect(panel.locator('[data-effort-score]')).toHaveAttribute('data-effort-score', '1');

  // Nothing typed yet: nothing pre-ticked.
  await expect(item(panel, 'Greets the customer').getByRole('radio', { name: 'Pass' })).not.toBeChecked();

  const sentence = 'Your parcel left our warehouse this morning and arrives on Monday.';
  await page.bringToFront();
  await page.locator('textarea.dd-compose-input').fill(`Hello Maya,\n${sentence}`);

  await expect(item(panel, 'Greets the customer').getByRole('radio', { name: 'Pass' })).toBeChecked();
  await expect(item(panel, 'Uses the customer’s name').getByRole('radio', { name: 'Pass' })).toBeChecked();
  await expect(item(panel, 'Answers every question the customer asked').getByRole('radio', { name: 'Pass' })).toBeChecked();
  // No sign-off in the draft: the closing stays unanswered.
  const closing = item(panel, 'Closes with an offer of further help');
  for (const name of ['Pass', 'Fail']) await expect(closing.getByRole('radio', { name })).not.toBeChecked();
  await expect(panel.locator('.qa-badge-auto')).toHaveCount(3);
  // Three of seven answered, all passed: the score counts the answered items only.
  await expect(score(panel)).toHaveAttribute('data-qa-score', '1');
  await expect(panel.locator('.qa-progress')).toContainText('3 of 7 answered · 100 % of answered passed');

  // The effort score, one click away.
  await panel.getByRole('button', { name: 'How is this computed?' }).click();
  await expect(panel.locator('tr[data-cue="unanswered-follow-ups"] [data-contribution]')).toHaveAttribute('data-contribution', '1');
  await expect(panel.locator('.effort-table tfoot td')).toHaveText('1');
  await panel.screenshot({ path: 'test-results/screenshots/sidepanel-now.png', fullPage: true });

  // Tick the rest by keyboard and pointer; next steps N/A.
  await item(panel, 'Information is correct and complete').getByRole('radio', { name: 'Pass' }).check();
  await item(panel, 'Tone fits the customer and the situation').getByRole('radio', { name: 'Pass' }).focus();
  await panel.keyboard.press('Space');
  await expect(item(panel, 'Tone fits the customer and the situation').getByRole('radio', { name: 'Pass' })).toBeChecked();
  await closing.getByRole('radio', { name: 'Pass' }).check();
  await item(panel, 'Sets clear expectations for next steps').getByRole('radio', { name: 'N/A' }).check();
  await expect(score(panel)).toHaveText('100 %');
  await expect(score(panel)).toHaveAttribute('data-qa-score', '1');

  // The critical item fails: the whole review scores 0.
  await item(panel, 'Information is correct and complete').getByRole('radio', { name: 'Fail' }).check();
  await expect(score(panel)).toHaveText('0 %');
  await expect(score(panel)).toHaveAttribute('data-critical-failed', 'true');
  await expect(panel.getByText('A critical item failed: the review scores 0.')).toBeVisible();

  const upsell = panel.getByRole('group', { name: 'Outcome' }).getByRole('button', { name: 'Upsell' });
  await upsell.click();
  await expect(upsell).toHaveAttribute('aria-pressed', 'true');
  // By keyboard: Enter turns a tag on, Space turns it off again.
  const retention = panel.getByRole('group', { name: 'Outcome' }).getByRole('button', { name: 'Retention' });
  await retention.focus();
  await panel.keyboard.press('Enter');
  await expect(retention).toHaveAttribute('aria-pressed', 'true');
  await panel.keyboard.press('Space');
  await expect(retention).toHaveAttribute('aria-pressed', 'false');

  await expect
    .poll(async () => JSON.parse(await databaseJson(panel)).reviews)
    .toEqual([
      expect.objectContaining({
        answers: {
          greeting: 'pass',
          'customer-name': 'pass',
          'answers-all': 'pass',
          accurate: 'fail',
          tone: 'pass',
          'next-steps': 'na',
          closing: 'pass',
        },
        score: 0,
        criticalFailed: true,
      }),
    ]);

  await panel.reload();
  await expect(score(panel)).toHaveText('0 %');
  await expect(item(panel, 'Information is correct and complete').getByRole('radio', { name: 'Fail' })).toBeChecked();
  await expect(item(panel, 'Sets clear expectations for next steps').getByRole('radio', { name: 'N/A' })).toBeChecked();
  await expect(item(panel, 'Greets the customer').getByRole('radio', { name: 'Pass' })).toBeChecked();
  await expect(panel.getByRole('group', { name: 'Outcome' }).getByRole('button', { name: 'Upsell' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(panel.getByRole('group', { name: 'Outcome' }).getByRole('button', { name: 'Retention' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  // The draft never reached storage: only booleans did.
  const stored = await databaseJson(panel);
  expect(stored).not.toContain('warehouse');
  expect(stored).not.toContain('Hello Maya');
  expect(stored).not.toContain('Maya');
  expect(stored).toContain('"greeting":true');
});
