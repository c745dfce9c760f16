/**
 * Renders the extension's icons (public/icon/<size>.png, picked up by WXT for the manifest's
 * `icons` and the toolbar button) from scripts/icon/replyline.svg with Debian's Chromium.
 * Run after changing the SVG: `node --import tsx scripts/render-icons.ts`.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';

const SIZES = [16, 32, 48, 96, 128];
const svg = readFileSync('scripts/icon/replyline.svg', 'utf8');

mkdirSync('public/icon', { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('width="128" height="128"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}
