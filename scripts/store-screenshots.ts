/**
 * The store listings' screenshots (docs/store/screenshots/, 1280×800): the Demo Desk with the
 * demo build of the extension in Debian's Chromium. The inbox with its badges and a conversation
 * with its timer strip fill the frame; the side panel's Now, Me and Team views are rendered as
 * pages 400 px wide (the width of Chrome's side panel) and set beside the helpdesk page they
 * belong to, the way the panel opens beside it (that page drawn at 72 %, so that it keeps the
 * layout it has in a full window).
 *
 *   npx wxt build --mode demo && node --import tsx scripts/store-screenshots.ts
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startStagedDesk } from './staged-desk.ts';
import { launchWithExtension, serviceWorkerOf } from '../e2e/fixtures.ts';

const OUT = 'docs/store/screenshots';
const WIDTH = 1280;
const HEIGHT = 800;
const PANEL_WIDTH = 400;
/** The helpdesk's share of the frame beside the panel, less a 1 px divider. */
const PAGE_WIDTH = WIDTH - PANEL_WIDTH - 1;
/** The helpdesk page beside the panel is drawn at this scale. */
const PAGE_SCALE = 0.72;

/** The helpdesk page at the viewport that, drawn at PAGE_SCALE, fills its share of the frame. */
async function shot(page: Page): Promise<Buffer> {
  await page.setViewportSize({ width: Math.round(PAGE_WIDTH / PAGE_SCALE), height: Math.round(HEIGHT / PAGE_SCALE) });
  // Badges and timers redraw on their own clock; let a tick pass after the resize.
  await page.waitForTimeout(1200);
  return page.screenshot({ type: 'png' });
}

/** The helpdesk page and the panel side by side in one 1280×800 frame. */
async function besidePanel(context: BrowserContext, left: Buffer, right: Buffer, path: string): Promise<void> {
  const stage = await context.newPage();
  await stage.setViewportSize({ width: WIDTH, height: HEIGHT });
  const src = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  await stage.setContent(
    `<body style="margin:0;display:flex;width:${WIDTH}px;height:${HEIGHT}px;overflow:hidden;background:#fff">` +
      `<img src="${src(left)}" width="${PAGE_WIDTH}" height="${HEIGHT}" style="display:block">` +
      `<div style="width:1px;background:#d0d5dd"></div>` +
      `<img src="${src(right)}" width="${PANEL_WIDTH}" height="${HEIGHT}" style="display:block"></body>`,
  );
  await stage.screenshot({ path, type: 'png' });
  await stage.close();
  console.log(path);
}

async function openTab(panel: Page, name: string): Promise<void> {
  await panel.getByRole('tab', { name }).click();
  await panel.waitForTimeout(1500);
}

mkdirSync(OUT, { recursive: true });
const { desk, focused } = await startStagedDesk();
const profile = mkdtempSync(join(tmpdir(), 'replyline-store-shots-'));
const context = await launchWithExtension(profile);
try {
  const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
  const page = await context.newPage();
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  await page.goto(`${desk.url}/inbox`);
  await page.locator('[data-replyline-overlay="badge"]').first().waitFor();

  // Read every conversation once, so the panel has their events (what an agent's day would leave).
  const all = (await (await fetch(`${desk.url}/api/conversations?status=all`)).json()) as { conversations: Array<{ id: string }> };
  for (const { id } of all.conversations) {
    await page.goto(`${desk.url}/conversations/${id}`);
    await page.locator('[data-replyline-overlay="timer-strip"]').waitFor({ timeout: 15_000 });
  }

  await page.goto(`${desk.url}/inbox`);
  await page
    .locator('[data-replyline-overlay="badge"] .pill.tone-on_track, [data-replyline-overlay="badge"] .pill.tone-at_risk')
    .first()
    .waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${OUT}/1-inbox-badges.png` });
  console.log(`${OUT}/1-inbox-badges.png`);
  const inbox = await shot(page);

  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  await page.goto(`${desk.url}/conversations/${focused}`);
  await page.locator('[data-replyline-overlay="timer-strip"]').waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${OUT}/2-conversation-timers.png` });
  console.log(`${OUT}/2-conversation-timers.png`);
  const conversation = await shot(page);

  const panel = await context.newPage();
  await panel.setViewportSize({ width: PANEL_WIDTH, height: HEIGHT });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tabpanel').getByText(focused).first().waitFor();
  await panel.waitForTimeout(1500);
  await besidePanel(context, conversation, await panel.screenshot({ type: 'png' }), `${OUT}/3-now.png`);

  await openTab(panel, 'Me');
  await besidePanel(context, inbox, await panel.screenshot({ type: 'png' }), `${OUT}/4-me.png`);

  await openTab(panel, 'Team');
  await besidePanel(context, inbox, await panel.screenshot({ type: 'png' }), `${OUT}/5-team.png`);
} finally {
  await context.close();
  await desk.close();
  rmSync(profile, { recursive: true, force: true });
}
