/**
 * FreeScout in Chromium with the built extension: the real-markup fixtures served on a
 * self-hosted hostname (https://helpdesk.example.org, answered by Playwright request routing),
 * the runtime-registered content script reading the user's time zone from their profile page,
 * row badges, the conversation's timer strip and the side panel's health line.
 *
 * Granting: as in zammad.spec.ts, chrome.permissions.request cannot be accepted headless, so a
 * private copy of the build holds the granted origin and the script is registered from the
 * service worker the way lib/background/helpdesk-access.ts does.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDuration } from '../lib/overlay/format';
import { expect, grantedTest, registerRuntimeScript } from './selfhosted-fixtures';

const ORIGIN = 'https://helpdesk.example.org';
const FIXTURES = resolve('test/fixtures/freescout');
const test = grantedTest(ORIGIN);

/** The user's profile page as FreeScout renders its time zone select (users/profile.blade.php). */
let profileZone: string | null = 'Europe/Berlin';
let conversationFixture = 'conversation.html';

test.beforeEach(async ({ context, serviceWorker }) => {
  profileZone = 'Europe/Berlin';
  conversationFixture = 'conversation.html';
  await registerRuntimeScript(serviceWorker, 'e2e-freescout', 'content-scripts/freescout.js', ORIGIN);
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const html = (body: string) => route.fulfill({ contentType: 'text/html; charset=utf-8', body });
    if (path === '/mailbox/1/12') return html(readFileSync(join(FIXTURES, 'mailbox.html'), 'utf8'));
    if (path === '/conversation/1208') return html(readFileSync(join(FIXTURES, conversationFixture), 'utf8'));
    if (path === '/users/profile/7') {
      if (profileZone === null) return route.fulfill({ status: 403, body: 'This action is unauthorized.' });
      return html(`<!DOCTYPE html><html lang="en"><body data-auth_user_id="7"><form><select id="timezone" class="form-control input-sized" name="timezone" required autofocus>
<option value="UTC" >(GMT+00:00) UTC</option>
<option value="${profileZone}" selected="selected">(GMT+02:00) Central European Time</option>
</select></form></body></html>`);
    }
    return route.fulfill({ status: 404, body: '' });
  });
});

test('mailbox rows get badges: waiting since creation, or nobody waiting, as FreeScout states it', async ({ context }) => {
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/mailbox/1/12`);
  const badge = (id: string) =>
    page.locator(`tr.conv-row[data-conversation_id="${id}"] td.conv-date [data-replyline-overlay="badge"] .pill`);
  await expect(page.locator('[data-replyline-overlay="badge"]')).toHaveCount(6);
  // 1207 and 1211: created by the customer at 09:50 / 10:30 Berlin = 08:50 / 09:30 UTC, 24 Nov 2026.
  for (const [id, since] of [
    ['1207', '2026-11-24T08:50:00.000Z'],
    ['1211', '2026-11-24T09:30:00.000Z'],
  ] as const) {
    await expect(badge(id)).not.toHaveText('?');
    const before = formatDuration(Date.now() - Date.parse(since));
    const shown = await badge(id).textContent();
    const after = formatDuration(Date.now() - Date.parse(since));
    expect([before, after]).toContain(shown);
  }
  // 1209: an agent replied last.
  await expect(badge('1209')).toHaveText('—');
  await page.screenshot({ path: 'test-results/screenshots/freescout-mailbox.png' });
});

test('the conversation shows the timer strip, and the side panel the page health', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/conversation/1208?folder_id=12`);
  const strip = page.locator('#conv-subject .conv-subj-block + [data-replyline-overlay="timer-strip"]');
  await expect(strip).toHaveCount(1);
  // 09:50 customer → 10:02 reply (Berlin): 12 min against the 10 min default target.
  const first = strip.locator('.clock').filter({ hasText: 'First response' });
  await expect(first).toHaveClass(/tone-missed/);
  await expect(first.locator('.value')).toHaveText('missed in 12m');
  // Closed by a reply (10:06) and reopened by the customer (10:29), closed by a line item (10:40)
  // and reopened by another (10:45).
  await expect(strip.locator('.chip').filter({ hasText: 'reopened' })).toHaveText('reopened 2×');
  await page.screenshot({ path: 'test-results/screenshots/freescout-conversation.png' });

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const health = panel.getByRole('list', { name: 'Adapter health' }).locator('li').filter({ hasText: 'FreeScout' });
  await expect(health).toHaveText('FreeScout · Reading this conversation: times exact');
  await expect(health).toHaveClass('health-ok');
});

test('without a readable time zone, times are reported missing and the conversation unverified', async ({ context, extensionId }) => {
  profileZone = null;
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/conversation/1208?folder_id=12`);
  const strip = page.locator('[data-replyline-overlay="timer-strip"]');
  await expect(strip).toHaveCount(1);
  await expect(strip.locator('.chip.unverified')).toHaveText('unverified');
  await expect(strip.locator('.clock').filter({ hasText: 'First response' })).toHaveCount(0);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const health = panel.getByRole('list', { name: 'Adapter health' }).locator('li').filter({ hasText: 'FreeScout' });
  // Red only once the same part has stayed missing over several probes (HEALTH_LASTING_MS).
  await expect(health).toHaveClass('health-problem', { timeout: 20_000 });
  await expect(health).toContainText('FreeScout · Reading this conversation: some times not exact');
  await expect(health).toHaveAttribute('title', 'Not found: 1208:timezone');
});

test('a FreeScout update that drops a thread date is reported, the rest still read', async ({ context, extensionId }) => {
  conversationFixture = 'conversation-bad-title.html';
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/conversation/1208?folder_id=12`);
  await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const health = panel.getByRole('list', { name: 'Adapter health' }).locator('li').filter({ hasText: 'FreeScout' });
  await expect(health).toHaveClass('health-problem', { timeout: 20_000 });
  await expect(health).toContainText('Reading this conversation: some times not exact');
  await expect(health).toHaveAttribute('title', 'Not found: 1208:time:5516, 1208:time:5515');
});
