/**
 * Playwright fixtures: a fresh Chromium profile with the built extension loaded, its id read
 * from the service worker, and a Demo Desk started in-process for the test.
 */
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The demo build (`npx wxt build --mode demo`): production builds leave the Demo Desk out.
// REPLYLINE_EXTENSION points at another build of the extension.
export const EXTENSION_PATH = resolve(process.env.REPLYLINE_EXTENSION ?? '.output/chrome-mv3-demo');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchWithExtension(userDataDir: string, extensionPath = EXTENSION_PATH): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A copy of the build in `dir` whose manifest already holds `origins` as granted host permissions:
 * what a user's grant in Settings amounts to. Chromium's permission prompt cannot be answered in
 * automation, so tests of runtime-registered helpdesks start from the granted state.
 */
export function grantedExtensionCopy(dir: string, origins: string[]): string {
  const extension = join(dir, 'extension');
  cpSync(EXTENSION_PATH, extension, { recursive: true });
  const manifestPath = join(extension, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins.map((origin) => `${origin}/*`)];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return extension;
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  const [existing] = context.serviceWorkers();
  return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
}

/**
 * Watches the extension's service worker through the DevTools protocol and stops it as Chrome does
 * when it idles. `stop()` stops whatever is running, waits until nothing is, and says whether
 * anything was running.
 */
export async function serviceWorkerControl(page: Page): Promise<{ running(): boolean; stop(): Promise<boolean> }> {
  const cdp = await page.context().newCDPSession(page);
  const statusByVersion = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) statusByVersion.set(version.versionId, version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const running = () => [...statusByVersion.values()].includes('running');
  return {
    running,
    async stop() {
      const wasRunning = running();
      for (const [versionId, status] of statusByVersion)
        if (status === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId });
      await expect.poll(running).toBe(false);
      return wasRunning;
    },
  };
}

/** Stored event keys (helpdesk|origin|conversation|event), read in an extension page. */
export function storedEventKeys(panel: Page): Promise<string[]> {
  return panel.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('replyline');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB request failed'));
        open.onsuccess = () => {
          const request = open.result.transaction('events', 'readonly').objectStore('events').getAllKeys();
          request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as string[]);
          };
        };
      }),
  );
}

interface ExtensionFixtures {
  context: BrowserContext;
  userDataDir: string;
  extensionId: string;
}

export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this object pattern; none here
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'replyline-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ userDataDir }, use) => {
    const context = await launchWithExtension(userDataDir);
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    const worker = await serviceWorkerOf(context);
    await use(new URL(worker.url()).host);
  },
});

export const expect = test.expect;
