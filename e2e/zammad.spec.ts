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
/** Zammad's API answers for ticket 42 (a null answers 404); set by each test. */
const API_42: Record<string, string | null> = {
  '/api/v1/ticket_states?expand=true': 'api-ticket-states.json',
  '/api/v1/tickets/42?expand=true': 'api-ticket-42.json',
  '/api/v1/ticket_articles/by_ticket/42': 'api-articles-42.json',
  '/api/v1/ticket_history/42': 'api-history-42.json',
};
let api: Record<string, string | null> = API_42;

test.beforeEach(async ({ context }) => {
  api = API_42;
  await context.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/api/v1/users/me') return route.fulfill({ json: { id: 7, login: 'nicole.braun@example.org' } });
    const file = api[url.pathname + url.search];
    if (file) return route.fulfill({ contentType: 'application/json', body: readFileSync(join(FIXTURES, file), 'utf8') });
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

test('the ticket zoom shows the timer strip from the API: first response, and the resolution of the closed ticket', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
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
  // Closed 09:06:30, reopened by the customer 09:40:00.020, closed by the system 10:40:00: the
  // resolution clock of the last cycle stopped after 59 min 59.98 s, within the 2 h default target.
  const resolution = strip.locator('.clock').filter({ hasText: 'Resolution' });
  await expect(resolution).toHaveClass(/tone-met/);
  await expect(resolution.locator('.value')).toHaveText('met in 59m');
  await expect(strip.locator('.chip').filter({ hasText: 'reopened' })).toHaveText('reopened 1×');
  await page.screenshot({ path: 'test-results/screenshots/zammad-zoom.png' });

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const health = panel.getByRole('list', { name: 'Adapter health' }).locator('li').filter({ hasText: 'Zammad' });
  await expect(health).toHaveText('Zammad · Reading this conversation: times exact');
  await expect(health).toHaveClass('health-ok');
});

test('a failing ticket history is reported in the side panel and nothing of the ticket is measured', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await registerRuntimeScript(serviceWorker, 'e2e-zammad', 'content-scripts/zammad.js', ORIGIN);
  served = 'ticket-zoom.html';
  api = { ...API_42, '/api/v1/ticket_history/42': null };
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/#ticket/zoom/42`);
  const strip = page.locator('[data-replyline-overlay="timer-strip"]');
  await expect(strip).toHaveCount(1);
  await expect(strip.locator('.chip.unverified')).toHaveText('unverified');
  await expect(strip.locator('.clock').filter({ hasText: 'First response' })).toHaveCount(0);

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const health = panel.getByRole('list', { name: 'Adapter health' }).locator('li').filter({ hasText: 'Zammad' });
  // Red only once the failure has lasted over several probes (HEALTH_LASTING_MS).
  await expect(health).toHaveClass('health-problem', { timeout: 20_000 });
  await expect(health).toContainText('Zammad · Reading this conversation: a request to the helpdesk failed');
  await expect(health).toHaveAttribute('title', 'Not found: 42:api:http-404:/api/v1/ticket_history/:id');
});
