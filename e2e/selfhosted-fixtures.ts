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

/** The registration helpdesk-access.ts makes for a granted binding. */
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
      if ((await scripting.getRegisteredContentScripts({ ids: [id] })).length) return;
      await scripting.registerContentScripts([
        { id, js: [script], matches: [`${origin}/*`], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    },
    { id, script, origin },
  );
}

export const expect = base.expect;
