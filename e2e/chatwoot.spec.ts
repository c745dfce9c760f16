/**
 * Chatwoot in Chromium with the built extension: the dashboard page and its API are served
 * from fixtures on app.chatwoot.com through request routing (manifest match pattern, session
 * headers from the cw_d_session_info cookie, same-origin reads). Fixture times are shifted so
 * the customer's last message was 30 s ago.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';

const FIXTURES = join(process.cwd(), 'test/fixtures/chatwoot');
const API: Record<string, string> = {
  '/api/v1/profile': 'profile.json',
  '/api/v1/accounts/1/conversations/42': 'conversation-42.json',
  '/api/v1/accounts/1/conversations/42/messages': 'messages-42.json',
  '/api/v1/accounts/1/conversations/42/messages?before=900': 'messages-42-before-900.json',
  '/api/v1/accounts/1/agents': 'agents-1.json',
  '/api/v1/accounts/1/teams': 'teams-1.json',
  '/api/v1/accounts/1/conversations/50': 'conversation-50.json',
  '/api/v1/accounts/1/conversations/50/messages': 'messages-50.json',
  '/api/v1/accounts/1/conversations/50/messages?before=1000': 'messages-50-before-1000.json',
};
const LAST_EVENT_SECONDS = 1795512598;
const TIME_FIELDS = new Set([
  'created_at',
  'waiting_since',
  'first_reply_created_at',
  'timestamp',
  'last_activity_at',
  'agent_last_seen_at',
  'assignee_last_seen_at',
  'contact_last_seen_at',
]);

function shift(value: unknown, seconds: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shift(v, seconds));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, TIME_FIELDS.has(k) && typeof v === 'number' && v > 0 ? v + seconds : shift(v, seconds)]),
    );
  }
  return value;
}

/** Serves the dashboard page and the API fixtures, times shifted by `seconds`; records the API requests' headers. */
async function serveChatwoot(context: BrowserContext, seconds: number): Promise<Array<Record<string, string>>> {
  const headersSeen: Array<Record<string, string>> = [];
  await context.route('https://app.chatwoot.com/**', async (route) => {
    const url = new URL(route.request().url());
    if (/^\/app\/accounts\/1\/conversations\/\d+$/.test(url.pathname)) {
      return route.fulfill({ contentType: 'text/html', body: readFileSync(join(FIXTURES, 'conversation.html'), 'utf8') });
    }
    const file = API[url.pathname + decodeURIComponent(url.search)];
    if (!file) return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"not found"}' });
    headersSeen.push(route.request().headers());
    const body = shift(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')), seconds);
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) });
  });
  const session = { 'access-token': 'tok', 'token-type': 'Bearer', client: 'cli', expiry: '1895600000', uid: 'sam@acme.example' };
  await context.addCookies([
    { name: 'cw_d_session_info', value: encodeURIComponent(JSON.stringify(session)), domain: 'app.chatwoot.com', path: '/', secure: true },
  ]);
  return headersSeen;
}

test('a Chatwoot conversation read from its API: timer strip and the side panel', async ({ context, extensionId }) => {
  const headersSeen = await serveChatwoot(context, Math.floor(Date.now() / 1000) - 30 - LAST_EVENT_SECONDS);
  const page = await context.newPage();
  await page.goto('https://app.chatwoot.com/app/accounts/1/conversations/42');
  const strip = page.locator('.conversation--header--actions + [data-replyline-overlay="timer-strip"]');
  await expect(strip).toHaveCount(1, { timeout: 15_000 });
  await expect(strip.locator('.clock').filter({ hasText: 'First response' }).locator('.value')).toContainText('12m', { timeout: 15_000 });
  expect(headersSeen[0]).toMatchObject({ 'access-token': 'tok', client: 'cli', uid: 'sam@acme.example' });

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const now = panel.getByRole('region', { name: 'Now' });
  await expect(now.getByRole('heading', { name: 'Conversation 1:42' })).toBeVisible({ timeout: 15_000 });
  await expect(now.getByRole('list', { name: 'Timers' }).getByRole('listitem').first()).toContainText('12m 00s');
  await panel.getByRole('tab', { name: 'Me' }).click();
  const stat = (label: string) => panel.locator(`section[aria-label="Everyone"] [data-stat="${label}"]`);
  await expect(stat('Replies').locator('.stat-value')).toHaveAttribute('data-value', '2', { timeout: 15_000 });
  await expect(stat('First response').locator('.stat-value')).toHaveAttribute('data-median-seconds', '720');
});

test('a resolved Chatwoot conversation: its activity messages give the resolution and the reopen', async ({ context }) => {
  // Conversation 50's last activity message (auto-resolved after 3 days) was 30 s ago.
  await serveChatwoot(context, Math.floor(Date.now() / 1000) - 30 - (1795514400 + 8100 + 3 * 86400));
  const page = await context.newPage();
  await page.goto('https://app.chatwoot.com/app/accounts/1/conversations/50');
  const strip = page.locator('.conversation--header--actions + [data-replyline-overlay="timer-strip"]');
  await expect(strip).toHaveCount(1, { timeout: 15_000 });
  // The last cycle: reopened by the customer at +1 h, auto-resolved 3 days after the last activity
  // at +2 h 15 min: 3 d 1 h 15 min against the 2 h default target.
  const resolution = strip.locator('.clock').filter({ hasText: 'Resolution' });
  await expect(resolution.locator('.value')).toHaveText('missed in 3d 1h', { timeout: 15_000 });
  await expect(resolution).toHaveClass(/tone-missed/);
  await expect(strip.locator('.chip').filter({ hasText: 'reopened' })).toHaveText('reopened 1×');
  await page.screenshot({ path: 'test-results/screenshots/chatwoot-resolved.png' });
});
