/**
 * The in-page overlay on the Demo Desk, with the built extension loaded in Chromium:
 * badges on inbox rows, the conversation's timer strip crossing its at-risk and breach
 * points, and an agent reply stopping the first-response clock.
 *
 * Demo Desk targets (the extension's defaults): first response 10 min, at risk from 75 %
 * (7 min 30 s); business hours cover the whole day, so business time equals wall time.
 */
import type { Page } from '@playwright/test';
import { demoDeskPerTest } from './demo-client';
import { expect, test } from './fixtures';

const MIN = 60_000;
const desk = demoDeskPerTest(test);
const { ago } = desk;

function badgeOf(page: Page, conversationId: string) {
  return page.locator(`tr.dd-row[data-conversation-id="${conversationId}"] [data-replyline-overlay="badge"] .pill`);
}

function stripClock(page: Page, kind: 'firstResponse' | 'nextResponse' | 'resolution') {
  // Clocks render in the order of the plan; each carries its state as a tone class.
  return page.locator('[data-replyline-overlay="timer-strip"] .clock').filter({ hasText: kindName(kind) });
}

function kindName(kind: string): string {
  return kind === 'firstResponse' ? 'First response' : kind === 'nextResponse' ? 'Next response' : 'Resolution';
}

test('badges on inbox rows show how long each customer has waited, coloured by target state', async ({ context, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const fresh = await desk.demo.createConversation('Fresh Customer', ago(3 * MIN + 5_000));
  const atRisk = await desk.demo.createConversation('Nearly Late', ago(8 * MIN + 5_000));
  const late = await desk.demo.createConversation('Late Customer', ago(12 * MIN + 5_000));
  const answered = await desk.demo.createConversation('Answered Customer', ago(5 * MIN));
  await desk.demo.message(answered, 'agent', ago(4 * MIN), 'a-2');

  const page = await context.newPage();
  await page.goto(`${desk.demo.url}/inbox`);
  await expect(page.locator('tr.dd-row')).toHaveCount(4);

  await expect(badgeOf(page, fresh)).toHaveText('3m');
  await expect(badgeOf(page, atRisk)).toHaveText('8m');
  await expect(badgeOf(page, late)).toHaveText('12m');
  // Nobody waits on an answered conversation: a muted dash, never a zero.
  await expect(badgeOf(page, answered)).toHaveText('—');
  await expect(badgeOf(page, answered)).toHaveClass(/tone-idle/);

  // Colours arrive with the worker's clock plans.
  await expect(badgeOf(page, fresh)).toHaveClass(/tone-on_track/);
  await expect(badgeOf(page, atRisk)).toHaveClass(/tone-at_risk/);
  await expect(badgeOf(page, late)).toHaveClass(/tone-breached/);
  await expect(badgeOf(page, late)).toHaveAttribute('aria-label', /Waiting 12 min/);

  await page.screenshot({ path: 'test-results/screenshots/overlay-inbox.png' });

  // The badge does not cost the customer's name its room: no name is cut at 1280 px.
  const cut = await page
    .locator('tr.dd-row .dd-row-link .dd-customer')
    .evaluateAll((names) => names.filter((n) => n.scrollWidth > n.clientWidth).map((n) => n.textContent));
  expect(cut).toEqual([]);
  // Every waiting badge explains itself: grey ones say no target is running.
  await expect(badgeOf(page, fresh)).toHaveAttribute('title', /^Waiting 3 min · first response due .* · on track$/);
});

test('the conversation timer counts live and changes state at the at-risk and breach points', async ({ context }) => {
  // 7 min 30 s is the at-risk point; start 20 s before it (page load and plans take a few seconds).
  const atRiskId = await desk.demo.createConversation('Approaching Risk', ago(7.5 * MIN - 20_000));
  const page = await context.newPage();
  await page.goto(`${desk.demo.url}/conversations/${atRiskId}`);
  const first = stripClock(page, 'firstResponse');
  await expect(first).toHaveClass(/tone-on_track/);
  await expect(first.locator('.value')).toContainText('7m / 10m');
  // Counting live: the same clock turns at risk once 75 % of the target has passed.
  await expect(first).toHaveClass(/tone-at_risk/, { timeout: 40_000 });
  const createdAt = Date.parse((await page.locator('main.dd-conversation').getAttribute('data-created-at')) ?? '');
  expect(Date.now() - createdAt).toBeGreaterThanOrEqual(7.5 * MIN);

  // The breach point: 10 min. Start 20 s before it, from a fresh reference instant.
  desk.t0 = Date.now();
  const breachId = await desk.demo.createConversation('Approaching Breach', ago(10 * MIN - 20_000));
  await page.goto(`${desk.demo.url}/conversations/${breachId}`);
  const clock = stripClock(page, 'firstResponse');
  await expect(clock).toHaveClass(/tone-at_risk/);
  await expect(clock).toHaveClass(/tone-breached/, { timeout: 40_000 });
  await expect(clock.locator('.detail')).toContainText('overdue');
  await page.screenshot({ path: 'test-results/screenshots/overlay-conversation-breached.png' });
});

test('an agent reply stops the first-response clock', async ({ context }) => {
  const id = await desk.demo.createConversation('Waiting Customer', ago(4 * MIN));
  const page = await context.newPage();
  await page.goto(`${desk.demo.url}/conversations/${id}`);
  const first = stripClock(page, 'firstResponse');
  await expect(first).toHaveClass(/tone-on_track/);

  await page.locator('textarea.dd-compose-input').fill('Hello! Let me check that for you.');
  await page.locator('button.dd-send').click();
  await expect(page.locator('li.dd-event[data-type="message"][data-author="agent"]')).toHaveCount(1);

  // Stopped within target: met, and the value no longer moves.
  await expect(first).toHaveClass(/tone-met/);
  const stopped = await first.locator('.value').textContent();
  await page.waitForTimeout(2_500);
  await expect(first.locator('.value')).toHaveText(stopped ?? '');

  // In the inbox, nobody is waiting on it any more.
  await page.goto(`${desk.demo.url}/inbox`);
  await expect(page.locator(`tr.dd-row[data-conversation-id="${id}"]`)).toHaveAttribute('data-waiting-since', '');
  await expect(badgeOf(page, id)).toHaveText('—');
});
