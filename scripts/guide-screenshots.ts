/**
 * The user guides' screenshots (docs/guide/images/): the Demo Desk with the demo build of the
 * extension in Debian's Chromium, each screen the guides describe, as a user sees it.
 *
 *   npx wxt build --mode demo && node --import tsx scripts/guide-screenshots.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startStagedDesk } from './staged-desk.ts';
import { launchWithExtension, serviceWorkerOf } from '../e2e/fixtures.ts';

const OUT = 'docs/guide/images';

async function save(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `${OUT}/${name}`, fullPage });
  console.log(`${OUT}/${name}`);
}

mkdirSync(OUT, { recursive: true });
const { desk, focused } = await startStagedDesk();

const profile = mkdtempSync(join(tmpdir(), 'replyline-guide-shots-'));
const context = await launchWithExtension(profile);
try {
  const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${desk.url}/inbox`);
  await page.locator('[data-replyline-overlay="badge"]').first().waitFor();
  const all = (await (await fetch(`${desk.url}/api/conversations?status=all`)).json()) as { conversations: Array<{ id: string }> };
  for (const { id } of all.conversations) {
    await page.goto(`${desk.url}/conversations/${id}`);
    await page.locator('[data-replyline-overlay="timer-strip"]').waitFor({ timeout: 15_000 });
  }
  await page.goto(`${desk.url}/inbox`);
  await page
    .locator('[data-replyline-overlay="badge"] .pill.tone-at_risk, [data-replyline-overlay="badge"] .pill.tone-on_track')
    .first()
    .waitFor();
  await page.waitForTimeout(1500);
  await save(page, 'inbox-badges.png');

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 800 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  // The inbox in front: the health line reads the list.
  await panel.getByRole('list', { name: 'Adapter health' }).waitFor();
  await panel.waitForTimeout(10_000);
  await panel.reload();
  await panel.getByRole('list', { name: 'Adapter health' }).waitFor();
  await panel.getByText('What the inbox badges mean').click();
  await save(panel, 'now-inbox-health-legend.png', true);

  await page.goto(`${desk.url}/conversations/${focused}`);
  await page.locator('[data-replyline-overlay="timer-strip"]').waitFor();
  await page.locator('textarea.dd-compose-input').fill('Hello Amara,\nI have refunded the second charge.');
  await page.waitForTimeout(2000);
  await save(page, 'conversation-timer-strip.png');
  await panel.bringToFront();
  await panel.getByRole('tabpanel').getByText(focused).first().waitFor();
  await panel.waitForTimeout(2000);
  await save(panel, 'now-conversation.png', true);

  await panel.getByRole('tab', { name: 'Me' }).click();
  await panel.waitForTimeout(2000);
  await save(panel, 'me.png', true);
  await panel.getByRole('tab', { name: 'Team' }).click();
  await panel.waitForTimeout(2000);
  await save(panel, 'team.png', true);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.waitForTimeout(1500);
  const helpdesks = panel.locator('section[aria-labelledby="settings-helpdesks"]');
  await helpdesks.scrollIntoViewIfNeeded();
  await helpdesks.screenshot({ path: `${OUT}/settings-helpdesks.png` });
  console.log(`${OUT}/settings-helpdesks.png`);
} finally {
  await context.close();
  await desk.close();
  rmSync(profile, { recursive: true, force: true });
}
