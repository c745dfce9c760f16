/**
 * Fixtures for self-hosted helpdesk specs (zammad.spec.ts, freescout.spec.ts): a private copy of
 * the build whose manifest holds the test origin as a granted host permission (what the user's
 * grant in Settings amounts to), and the worker, to register the runtime content script.
 */
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, EXTENSION_PATH, serviceWorkerOf } from './fixtures';

interface GrantedFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

export function grantedTest(origin: string) {
  return base.extend<GrantedFixtures>({
    context: async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'replyline-granted-'));
      const extension = join(dir, 'extension');
      cpSync(EXTENSION_PATH, extension, { recursive: true });
      const manifestPath = join(extension, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      manifest.host_permissions = [...(manifest.host_permissions ?? []), `${origin}/*`];
      writeFileSync(manifestPath, JSON.stringify(manifest));
      const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
        executablePath: CHROMIUM_PATH,
        headless: true,
        viewport: { width: 1280, height: 860 },
        args: [
          `--disable-extensions-except=${extension}`,
          `--load-extension=${extension}`,
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      await use(context);
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
    serviceWorker: async ({ context }, use) => {
      await use(await serviceWorkerOf(context));
    },
    extensionId: async ({ serviceWorker }, use) => {
      await use(new URL(serviceWorker.url()).host);
    },
  });
}

/** The registration helpdesk-access.ts makes for a granted binding. */
export async function registerRuntimeScript(worker: Worker, id: string, script: string, origin: string): Promise<void> {
  await worker.evaluate(
    async ({ id, script, origin }) => {
      const scripting = (globalThis as unknown as { chrome: { scripting: { registerContentScripts(s: unknown[]): Promise<void>; getRegisteredContentScripts(f: unknown): Promise<unknown[]> } } }).chrome.scripting;
      if ((await scripting.getRegisteredContentScripts({ ids: [id] })).length) return;
      await scripting.registerContentScripts([{ id, js: [script], matches: [`${origin}/*`], runAt: 'document_idle', persistAcrossSessions: true }]);
    },
    { id, script, origin },
  );
}

export const expect = base.expect;
