/**
 * Fixtures for self-hosted helpdesk specs (zammad.spec.ts, freescout.spec.ts): a private copy of
 * the build whose manifest holds the test origin as a granted host permission (what the user's
 * grant in Settings amounts to), and the worker, to register the runtime content script.
 */
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantedExtensionCopy, launchWithExtension, serviceWorkerOf } from './fixtures';

interface GrantedFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

export function grantedTest(origin: string) {
  return base.extend<GrantedFixtures>({
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this object pattern; none here
    context: async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'replyline-granted-'));
      const context = await launchWithExtension(join(dir, 'profile'), grantedExtensionCopy(dir, [origin]));
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

/**
 * What Settings → Helpdesks amounts to for a granted binding: the binding saved in the settings
 * (the worker accepts a page's observations only from a bound, granted origin) and the runtime
 * content script helpdesk-access.ts registers for it.
 */
export async function registerRuntimeScript(worker: Worker, id: string, script: string, origin: string): Promise<void> {
  await worker.evaluate(
    async ({ id, script, origin }) => {
      const scripting = (
        globalThis as unknown as {
          chrome: {
            scripting: { registerContentScripts(s: unknown[]): Promise<void>; getRegisteredContentScripts(f: unknown): Promise<unknown[]> };
          };
        }
      ).chrome.scripting;
      const adapterId = script.replace(/^content-scripts\//, '').replace(/\.js$/, '');
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('replyline');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB open failed'));
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          const store = tx.objectStore('settings');
          const read = store.get('settings');
          read.onsuccess = () => {
            const settings = (read.result ?? {}) as { helpdeskBindings?: Array<{ adapterId: string; origin: string; addedAt: number }> };
            const bindings = (settings.helpdeskBindings ?? []).filter((b) => !(b.adapterId === adapterId && b.origin === origin));
            store.put({ ...settings, helpdeskBindings: [...bindings, { adapterId, origin, addedAt: Date.now() }] }, 'settings');
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        };
      });
      if ((await scripting.getRegisteredContentScripts({ ids: [id] })).length) return;
      await scripting.registerContentScripts([
        { id, js: [script], matches: [`${origin}/*`], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    },
    { id, script, origin },
  );
}

export const expect = base.expect;
