/**
 * Zammad in Chromium with the built extension: the real-markup fixtures served on a self-hosted
 * hostname (https://helpdesk.example.org, answered by Playwright request routing), the
 * runtime-registered content script, row badges, the ticket's timer strip, and the side panel's
 * health line.
 *
 * Granting: chrome.permissions.request cannot be accepted in headless Chromium (tried from an
 * extension page with a real click: the prompt never resolves). So this spec loads a private
 * copy of the build whose manifest already holds the granted origin, and registers the script
 * from the service worker with chrome.scripting.registerContentScripts, exactly the registration
 * lib/background/helpdesk-access.ts makes for a binding (its id has no `replyline-` prefix so
 * that the worker's own sync leaves it alone).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, grantedTest, registerRuntimeScript } from './selfhosted-fixtures';

const ORIGIN = 'https://helpdesk.example.org';
const FIXTURES = resolve('test/fixtures/zammad');
const test = grantedTest(ORIGIN);

/** Which state of the one-page app the "server" renders; set by each test. */
let served = 'ticket-zoom.html';

test.beforeEach(async ({ context }) => {
  await context.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/api/v1/users/me') return route.fulfill({ json: { id: 7, login: 'nicole.braun@example.org' } });
    if (url.pathname === '/')
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(join(FIXTURES, served), 'utf8') });
    return route.fulfill({ status: 404, body: '' });
  });
});

test('overview rows get badges: nobody waiting where Zammad says so exactly', async ({ context, serviceWorker }) => {
  await registerRuntimeScript(serviceWorker, 'e2e-zammad', 'content-scripts/zammad.js', ORIGIN);
  served = 'overview.html';
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/#ticket/view/printer_tickets`);
  const badge = (id: string) => page.locator(`tr.item[data-id="${id}"] [data-replyline-overlay="badge"] .pill`);
  await expect(page.locator('[data-replyline-overlay="badge"]')).toHaveCount(4);
  // Agent contact after the customer's (42) and no customer contact at all (44): nobody waits.
  await expect(badge('42')).toHaveText('—');
  await expect(badge('44')).toHaveText('—');
  await expect(badge('42')).toHaveClass(/tone-idle/);
  await page.screenshot({ path: 'test-results/screenshots/zammad-overview.png' });
});

test('the ticket zoom shows the timer strip, and the side panel the page health', async ({ context, serviceWorker, extensionId }) => {
  await registerRuntimeScript(serviceWorker, 'e2e-zammad', 'content-scripts/zammad.js', ORIGIN);
  served = 'ticket-zoom.html';
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/#ticket/zoom/42`);
  const strip = page.locator('#content_permanent_Ticket-42 .ticketZoom-header + [data-replyline-overlay="timer-strip"]');
  await expect(strip).toHaveCount(1);
  // 08:50:12.345 customer → 09:02:30.500 agent: 12 min 18 s against the 10 min default target.
  const first = strip.locator('.clock').filter({ hasText: 'First response' });
  await expect(first).toHaveClass(/tone-missed/);
  await expect(first.locator('.value')).toHaveText('missed in 12m');
  await page.screenshot({ path: 'test-results/screenshots/zammad-zoom.png' });

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const health = panel.getByRole('list', { name: 'Adapter health' }).locator('li').filter({ hasText: 'zammad (conversation)' });
  await expect(health).toContainText('6 zoom.article, 5 zoom.articleTime');
  await expect(health).toContainText('0 missing');
  await expect(health).toHaveClass('health-ok');
});

test('a Zammad update that renames the article class is reported in the side panel', async ({ context, serviceWorker, extensionId }) => {
  await registerRuntimeScript(serviceWorker, 'e2e-zammad', 'content-scripts/zammad.js', ORIGIN);
  served = 'ticket-zoom-renamed-class.html';
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/#ticket/zoom/42`);
  const strip = page.locator('[data-replyline-overlay="timer-strip"]');
  await expect(strip).toHaveCount(1);

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const health = panel.getByRole('list', { name: 'Adapter health' }).locator('li').filter({ hasText: 'zammad (conversation)' });
  await expect(health).toContainText('0 zoom.article, 0 zoom.articleTime');
  await expect(health).toContainText('4 missing');
  await expect(health).toHaveClass('health-bad');
  await expect(health).toHaveAttribute('title', 'Not found: zoom.article, zoom.articleTime, zoom.owner, 42:assigneeId');
});
