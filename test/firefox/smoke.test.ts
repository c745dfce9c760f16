/**
 * Replyline in a real Firefox: Debian's firefox-esr, headless, driven over WebDriver BiDi by
 * puppeteer-core (no downloaded driver or browser). The Firefox MV3 demo build
 * (`npx wxt build -b firefox --mv3 --mode demo`, .output/firefox-mv3-demo) is installed as a
 * temporary add-on; a Demo Desk and a Zammad fixture page run in-process.
 *
 * Two preferences and one flag make the extension reachable from automation, none of which
 * changes the extension: `extensions.webextensions.uuids` fixes its moz-extension UUID (Firefox
 * picks a random one per profile otherwise); `extensions.webextOptionalPermissionPrompts: false`
 * answers `permissions.request` with "granted" instead of a doorhanger that automation cannot
 * click (the request still has to come from a real click); `--remote-allow-system-access` lets
 * BiDi navigate a tab to a moz-extension:// page. Firefox's sidebar itself is browser chrome,
 * not a BiDi browsing context, so the sidebar page is opened in a tab.
 *
 * FIREFOX_PATH overrides /usr/bin/firefox-esr.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoDeskClient } from '../../e2e/demo-client';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION_DIR = resolve('.output/firefox-mv3-demo');
const ADDON_ID = '@replyline';
const EXTENSION_UUID = '0f4c2a9e-5b7d-4e61-9a3c-7d2e8b1f6a05';
const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
const ZAMMAD_HOST = '127.0.0.2';
/** Screenshots to look at (beside the Playwright run's; Playwright clears test-results/ when it starts). */
const SCREENSHOTS = 'test-results/firefox';
const MIN = 60_000;

let firefox: Browser;
let demo: DemoDeskClient;
let zammad: Server;
let zammadOrigin: string;
let installedId: string;
/** The Demo Desk conversation left waiting by the inbox test, read back in the panel's Team view. */
let waitingId = '';
const timings: Record<string, number> = {};

/** Polls `read(...args)` in the page until `accept` holds; fails with the last value read. */
async function waitInPage<T, A extends Array<string | number>>(
  page: Page,
  read: (...args: A) => T,
  args: A,
  accept: (value: T) => boolean,
  what: string,
  timeout = 20_000,
): Promise<T> {
  const until = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      last = await page.evaluate(read as (...params: Array<string | number>) => T, ...args);
      if (accept(last)) return last;
    } catch (error) {
      // A page between two documents has no context for a moment.
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${what}: not seen in ${timeout} ms; last read ${JSON.stringify(last)}${lastError instanceof Error ? ` (${lastError.message})` : ''}`,
  );
}

/**
 * Opens an extension page in a new tab. BiDi reports no load for a navigation into the
 * extension's process, so the page is awaited by reading its URL instead of by `goto`.
 */
async function openExtensionPage(path: string): Promise<Page> {
  const page = await firefox.newPage();
  // The width of a sidebar.
  await page.setViewport({ width: 400, height: 900 });
  const url = `${EXTENSION_ORIGIN}/${path}`;
  void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  await waitInPage(
    page,
    () => `${location.href} ${document.readyState}`,
    [],
    (v) => v === `${url} complete`,
    `${path} loaded`,
  );
  return page;
}

interface BadgeReading {
  id: string;
  text: string | null;
  tone: string | null;
}

/** Runs in the page: each row's badge as shown, the pill inside the badge host's open shadow root. */
function readBadges(rowSelector: string, idAttribute: string): BadgeReading[] {
  return [...document.querySelectorAll(rowSelector)].map((row) => {
    const pill = row.querySelector('[data-replyline-overlay="badge"]')?.shadowRoot?.querySelector('.pill');
    const tone = pill ? ([...pill.classList].find((c) => c.startsWith('tone-')) ?? null) : null;
    return { id: row.getAttribute(idAttribute) ?? '', text: pill ? pill.textContent : null, tone };
  });
}

/** Runs in the page: the names of the panel's view tabs. */
function tabNames(): string[] {
  return [...document.querySelectorAll('[role="tab"]')].map((t) => t.textContent?.trim() ?? '');
}

/** Runs in an extension page: whether the extension holds the host permission. */
function containsOrigin(pattern: string): Promise<boolean> {
  const ext = (globalThis as unknown as { browser: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } } }).browser;
  return ext.permissions.contains({ origins: [pattern] });
}

/**
 * A stand-in self-hosted Zammad: the recorded overview page and the signed-in agent, on
 * 127.0.0.2 (loopback, but a host the demo build's content scripts do not already cover).
 */
function startZammadFixture(): Promise<Server> {
  const overview = readFileSync('test/fixtures/zammad/overview.html', 'utf8');
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fixture').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(overview);
    } else if (path === '/api/v1/users/me') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 7, login: 'nicole.braun@example.org' }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((done) => server.listen(0, ZAMMAD_HOST, () => done(server)));
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await DemoDeskClient.start();
  zammad = await startZammadFixture();
  zammadOrigin = `http://${ZAMMAD_HOST}:${(zammad.address() as AddressInfo).port}`;

  const launchedAt = Date.now();
  firefox = await puppeteer.launch({
    browser: 'firefox',
    headless: true,
    executablePath: FIREFOX_PATH,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  timings.launch = Date.now() - launchedAt;
  const installAt = Date.now();
  installedId = await firefox.installExtension(EXTENSION_DIR);
  timings.install = Date.now() - installAt;
}, 90_000);

afterAll(async () => {
  await firefox?.close();
  await demo?.close();
  await new Promise((done) => (zammad ? zammad.close(done) : done(undefined)));
  console.log(`Firefox ${timings.launch} ms to launch, ${timings.install} ms to install the add-on`);
});

describe('Replyline in Firefox (firefox-esr, headless, WebDriver BiDi)', () => {
  it('installs as a temporary add-on under its gecko id', async () => {
    expect(installedId).toBe(ADDON_ID);
    const version = await firefox.version();
    expect(version).toMatch(/^firefox\/\d+\./);
    console.log(`browser: ${version}`);
  });

  it('the Demo Desk content script badges the inbox, coloured by the worker’s clock plans', async () => {
    const t0 = Date.now();
    const waiting = await demo.createConversation('Fresh Customer', t0 - 3 * MIN - 5_000);
    waitingId = waiting;
    const answered = await demo.createConversation('Answered Customer', t0 - 5 * MIN);
    await demo.message(answered, 'agent', t0 - 4 * MIN, 'a-2');

    const page = await firefox.newPage();
    await page.goto(`${demo.url}/inbox`);
    const badges = await waitInPage(
      page,
      readBadges,
      ['tr.dd-row', 'data-conversation-id'],
      // Colours arrive with the worker's clock plans: until then a badge is neutral.
      (rows) => rows.length === 2 && rows.every((r) => r.tone !== null && r.tone !== 'tone-neutral'),
      'two coloured badges',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/firefox-demo-desk-inbox.png` });
    const byId = Object.fromEntries(badges.map((b) => [b.id, { text: b.text, tone: b.tone }]));
    // The waiting customer: 3 min, within the 10 min first-response target. Nobody waits on the
    // answered one: a dash, never a zero.
    expect(byId).toEqual({
      [waiting]: { text: '3m', tone: 'tone-on_track' },
      [answered]: { text: '—', tone: 'tone-idle' },
    });
    await page.close();
  });

  it('the sidebar page renders the panel from what the worker stored, and has the sidebar API the toolbar button toggles', async () => {
    const panel = await openExtensionPage('sidepanel.html');
    const tabs = await waitInPage(panel, tabNames, [], (names) => names.length === 4, 'the panel’s tabs');
    expect(tabs).toEqual(['Now', 'Me', 'Team', 'Settings']);
    // The Team view's live queue, from the worker's IndexedDB records of the inbox just read.
    const teamTab = await panel.$('xpath/.//*[@role="tab"][normalize-space()="Team"]');
    await teamTab!.click();
    const queue = await waitInPage(
      panel,
      () => ({
        open:
          [...document.querySelectorAll('h2, h3')].map((h) => h.textContent?.trim() ?? '').find((t) => t.startsWith('Live queue')) ?? '',
        waiting: [...document.querySelectorAll('table.queue-table[data-list="waiting"] tbody tr')].map((r) => [
          r.getAttribute('data-conversation-id'),
          r.getAttribute('data-state'),
        ]),
      }),
      [],
      (q) => q.waiting.length > 0,
      'the live queue',
    );
    // The count says how fresh it is ("as of just now", or minutes on a slow machine).
    expect(queue.open).toMatch(/^Live queue · 2 open now · as of (just now|\d+ s ago|\d+ min ago)$/);
    expect(queue.waiting).toEqual([[waitingId, 'on_track']]);
    await panel.screenshot({ path: `${SCREENSHOTS}/firefox-sidebar-team.png` });
    // lib/background/toolbar.ts picks the sidebar when there is no sidePanel API.
    const apis = await panel.evaluate(() => {
      const ext = (globalThis as unknown as { browser: Record<string, Record<string, unknown> | undefined> }).browser;
      return { sidePanel: typeof ext.sidePanel, toggle: typeof ext.sidebarAction?.toggle };
    });
    expect(apis).toEqual({ sidePanel: 'undefined', toggle: 'function' });
    await panel.close();
  });

  it('granting a self-hosted Zammad in Settings registers its content script, which badges the overview', async () => {
    const panel = await openExtensionPage('sidepanel.html');
    await waitInPage(panel, tabNames, [], (names) => names.includes('Settings'), 'the Settings tab');
    // Firefox match patterns cannot name a port: the grant covers the host (lib/adapters/framework/host-patterns.ts).
    const hostPattern = `http://${ZAMMAD_HOST}/*`;
    expect(await panel.evaluate(containsOrigin, hostPattern)).toBe(false);
    const settingsTab = await panel.$('xpath/.//*[@role="tab"][normalize-space()="Settings"]');
    await settingsTab!.click();
    const address = await panel.waitForSelector('xpath/.//input[@id=//label[normalize-space()="Zammad address"]/@for]', {
      timeout: 20_000,
    });
    await address!.type(zammadOrigin);
    // A real click: Firefox accepts permissions.request only from the user's action.
    const grant = await panel.$(
      'xpath/.//li[contains(@class, "helpdesk")][.//h3[normalize-space()="Zammad"]]//button[normalize-space()="Grant access"]',
    );
    await grant!.click();
    const status = await waitInPage(
      panel,
      () => [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent?.trim() ?? '').filter(Boolean),
      [],
      (texts) => texts.some((t) => String(t).includes('Zammad')),
      'the grant’s result',
    );
    expect(status).toContain(`Zammad is active on ${zammadOrigin}. Reload its open tabs.`);
    expect(await panel.evaluate(containsOrigin, hostPattern)).toBe(true);
    // What lib/background/helpdesk-access.ts registered through Firefox's scripting API.
    const registered = await panel.evaluate(async () => {
      const ext = (
        globalThis as unknown as {
          browser: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; js?: string[]; matches?: string[] }>> } };
        }
      ).browser;
      return (await ext.scripting.getRegisteredContentScripts()).map(({ id, js, matches }) => ({
        id: id.replace(/[0-9a-f]{8}$/, 'HASH'),
        js,
        matches,
      }));
    });
    expect(registered).toEqual([{ id: 'replyline-zammad-HASH', js: ['content-scripts/zammad.js'], matches: [hostPattern] }]);
    await panel.close();

    const page = await firefox.newPage();
    await page.goto(`${zammadOrigin}/#ticket/view/printer_tickets`);
    const badges = await waitInPage(
      page,
      readBadges,
      ['tr.item', 'data-id'],
      (rows) => rows.filter((r) => r.text !== null).length === 4,
      'four Zammad badges',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/firefox-zammad-overview.png` });
    // Agent contact after the customer's (42) and no customer contact at all (44): nobody waits.
    expect(badges.filter((b) => b.id === '42' || b.id === '44').map((b) => [b.id, b.text, b.tone])).toEqual([
      ['42', '—', 'tone-idle'],
      ['44', '—', 'tone-idle'],
    ]);
    await page.close();
  });
});
