/**
 * Screenshots of names in the side panel: the staged Demo Desk sending to a team hub (its
 * simulated agents, by name), a supervisor's browser connected to it, once with customer names off
 * (ticket numbers) and once with them allowed in Settings → Privacy. Written to `OUT_DIR` (default
 * /tmp/replyline-names), to be looked at, not committed.
 *
 *   npx wxt build --mode demo && node --import tsx scripts/names-screenshots.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createHub } from '../hub/src/server.ts';
import { createAgentTokens, startHubSync } from '../demo/server/hub-sync.ts';
import { createSupervisorInvite } from './demo-supervisor.ts';
import { startStagedDesk } from './staged-desk.ts';
import { launchWithExtension, serviceWorkerOf } from '../e2e/fixtures.ts';

const OUT = process.env.OUT_DIR ?? '/tmp/replyline-names';

async function save(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${OUT}/${name}`, fullPage: true });
  console.log(`${OUT}/${name}`);
}

mkdirSync(OUT, { recursive: true });
const { desk } = await startStagedDesk();
const adminToken = randomBytes(24).toString('base64url');
const hub = await createHub({ adminToken, logger: false });
const hubUrl = await hub.listen(0, '127.0.0.1');
const sync = startHubSync(desk, { hubUrl, tokens: await createAgentTokens(hubUrl, adminToken, desk) });
await sync.flush();
const invite = await createSupervisorInvite(hubUrl, adminToken, 'Sam Supervisor');

const profile = mkdtempSync(join(tmpdir(), 'replyline-names-shots-'));
const context = await launchWithExtension(profile);
try {
  const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
  const connect = await context.newPage();
  await connect.goto(`chrome-extension://${extensionId}/connect.html#invite=${encodeURIComponent(invite)}`);
  await connect.getByTestId('connected').waitFor();

  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${desk.url}/inbox`);
  await page.locator('[data-replyline-overlay="badge"]').first().waitFor();
  await page.waitForTimeout(2000);

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Team' }).click();
  await panel.locator('[data-stream="live"]').waitFor({ timeout: 30_000 });
  await panel.locator('.hub-figures').waitFor({ timeout: 30_000 });
  await panel.waitForTimeout(1500);
  await save(panel, 'team-hub-names.png');

  await panel.getByRole('tab', { name: 'Me' }).click();
  await panel.waitForTimeout(2000);
  await save(panel, 'me-names.png');

  // Customer names allowed: the inbox is read again and the queue names customers.
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.getByLabel('Show customers’ names').check();
  await panel.getByText('Customer names are kept from now on').waitFor();
  await page.reload();
  await page.locator('[data-replyline-overlay="badge"]').first().waitFor();
  await page.waitForTimeout(3000);
  await panel.getByRole('tab', { name: 'Team' }).click();
  await panel.locator('[data-conversation-label="customer"]').first().waitFor({ timeout: 30_000 });
  await panel.getByLabel('Rows').selectOption('day');
  await panel.locator('tr[data-day]').first().waitFor({ timeout: 30_000 });
  await panel.waitForTimeout(1500);
  await save(panel, 'team-hub-customer-names-by-day.png');
} finally {
  await context.close();
  await sync.stop();
  await hub.close();
  await desk.close();
  rmSync(profile, { recursive: true, force: true });
}
