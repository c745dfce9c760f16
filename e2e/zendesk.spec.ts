/**
 * Zendesk in Chromium with the built extension: the agent workspace and its REST API are
 * served from fixtures on the real hostname (acme.zendesk.com) through request routing, so
 * the manifest's match pattern and the same-origin API reads are exercised as in production.
 * Fixture times are shifted so the ticket's last customer message was 30 s ago.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const FIXTURES = join(process.cwd(), 'test/fixtures/zendesk');
const API: Record<string, string> = {
  '/api/v2/users/me.json': 'me.json',
  '/api/v2/tickets/1234.json': 'ticket-1234.json',
  '/api/v2/tickets/1234/audits.json': 'audits-1234.json',
  '/api/v2/users/show_many.json?ids=501,601': 'users-show-many.json',
  '/api/v2/tickets/1234/metrics.json': 'metrics-1234.json',
};
const LAST_EVENT = Date.parse('2026-11-24T09:29:58Z');

function shifted(text: string, shiftMs: number): string {
  return text.replace(
    /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})Z"/g,
    (_m, iso: string) => `"${new Date(Date.parse(`${iso}Z`) + shiftMs).toISOString().replace('.000Z', 'Z')}"`,
  );
}

/** Serves a ticket page fixture and the API (times shifted so the last event was 30 s ago); returns the API paths asked. */
async function serveZendesk(context: BrowserContext, ticketPage: string): Promise<string[]> {
  const shift = Date.now() - 30_000 - LAST_EVENT;
  const apiCalls: string[] = [];
  await context.route('https://acme.zendesk.com/**', async (route) => {
    const url = new URL(route.request().url());
    const key = url.pathname + decodeURIComponent(url.search);
    if (url.pathname === '/agent/tickets/1234') {
      return route.fulfill({ contentType: 'text/html', body: readFileSync(join(FIXTURES, ticketPage), 'utf8') });
    }
    const file = API[key];
    if (file) {
      apiCalls.push(key);
      return route.fulfill({ contentType: 'application/json', body: shifted(readFileSync(join(FIXTURES, file), 'utf8'), shift) });
    }
    return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"RecordNotFound"}' });
  });
  return apiCalls;
}

test('a Zendesk ticket read from its API: timer strip in the ticket and the side panel numbers', async ({ context, extensionId }) => {
  const apiCalls = await serveZendesk(context, 'ticket.html');
  const page = await context.newPage();
  await page.goto('https://acme.zendesk.com/agent/tickets/1234');
  const strip = page.locator('[data-test-id="ticket-1234-custom-layout"] [data-test-id="column-2"] [data-replyline-overlay="timer-strip"]');
  await expect(strip).toHaveCount(1, { timeout: 15_000 });
  // The hidden tab's grid (ticket 1199) gets no strip.
  await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);
  const first = strip.locator('.clock').filter({ hasText: 'First response' });
  await expect(first.locator('.value')).toContainText('12m', { timeout: 15_000 });
  expect(apiCalls.slice(0, 5)).toEqual(Object.keys(API));

  const panel: Page = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  // Now: the ticket in front, with the engine's clocks and cues.
  const now = panel.getByRole('region', { name: 'Now' });
  await expect(now.getByRole('heading', { name: 'Conversation 1234' })).toBeVisible({ timeout: 15_000 });
  await expect(now).toContainText('CSAT 5/5');
  await expect(now.getByRole('list', { name: 'Timers' }).getByRole('listitem').first()).toContainText('First response');
  await expect(now.getByRole('list', { name: 'Timers' }).getByRole('listitem').first()).toContainText('12m 00s');
  await expect(now.getByRole('list', { name: 'Effort cues' })).toContainText('1 reopen');
  // Me / Everyone: two agent replies, one first response of 720 s.
  await panel.getByRole('tab', { name: 'Me' }).click();
  const stat = (label: string) => panel.locator(`section[aria-label="Everyone"] [data-stat="${label}"]`);
  await expect(stat('Replies').locator('.stat-value')).toHaveAttribute('data-value', '2', { timeout: 15_000 });
  await expect(stat('First response').locator('.stat-sub')).toHaveAttribute('data-n', '1');
  await expect(stat('First response').locator('.stat-value')).toHaveAttribute('data-median-seconds', '720');
});

test('the 2025 ticket page (conversation keyed by ticket id, no grid) gets the strip under the ticket header', async ({ context }) => {
  await serveZendesk(context, 'ticket-2025-side-conversations.html');
  const page = await context.newPage();
  await page.goto('https://acme.zendesk.com/agent/tickets/1234');
  const strip = page.locator(
    '[data-side-conversations-anchor-id="1234"] [data-test-id="ticket-call-controls-action-bar"] + [data-replyline-overlay="timer-strip"]',
  );
  await expect(strip).toHaveCount(1, { timeout: 15_000 });
  await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);
  await expect(strip.locator('.clock').filter({ hasText: 'First response' }).locator('.value')).toContainText('12m', { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screenshots/zendesk-2025-ticket.png' });
});
