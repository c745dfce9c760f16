import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { deleteDB } from 'idb';
import type { ContentScriptRegistration, HelpdeskEntry } from '../../../lib/adapters/registry';
import { desiredRegistrations, hashOrigin, scriptId, syncRegistrations, type AccessApis } from '../../../lib/background/helpdesk-access';
import type { HelpdeskBinding } from '../../../lib/settings/model';

const NO_NAMES: HelpdeskEntry['names'] = { self: { notRead: 'test' }, agents: { notRead: 'test' }, customers: { notRead: 'test' } };

const HELPDESKS: HelpdeskEntry[] = [
  {
    id: 'demo-desk',
    name: 'Demo Desk',
    access: 'manifest',
    matches: ['http://localhost/*'],
    contentScript: 'content-scripts/demodesk.js',
    conversationUrl: () => '',
    names: NO_NAMES,
  },
  {
    id: 'zammad',
    name: 'Zammad',
    access: 'runtime',
    matches: ['https://zammad.example.com/*'],
    contentScript: 'content-scripts/zammad.js',
    conversationUrl: () => '',
    names: NO_NAMES,
  },
  {
    id: 'freescout',
    name: 'FreeScout',
    access: 'runtime',
    matches: ['https://freescout.example.com/*'],
    contentScript: 'content-scripts/freescout.js',
    conversationUrl: () => '',
    names: NO_NAMES,
  },
];
const ZAMMAD = 'https://support.example.com';
const FREESCOUT = 'http://helpdesk.internal:8080';

function binding(adapterId: string, origin: string): HelpdeskBinding {
  return { adapterId, origin, addedAt: 1 };
}

/** An in-memory scripting + permissions pair with the calls recorded. */
function fakeApis(granted: string[], registered: Array<{ id: string; js?: string[]; matches?: string[] }> = []) {
  const scripts = new Map(registered.map((s) => [s.id, s]));
  const apis = {
    getRegisteredContentScripts: vi.fn(async () => [...scripts.values()]),
    registerContentScripts: vi.fn(async (list: ContentScriptRegistration[]) => {
      for (const s of list) {
        if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        scripts.set(s.id, s);
      }
    }),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
      for (const id of ids) scripts.delete(id);
    }),
    containsOrigin: vi.fn(async (pattern: string) => granted.includes(pattern)),
  } satisfies AccessApis;
  return { apis, scripts };
}

describe('helpdesk access', () => {
  it('names registrations by adapter and a stable hash of the origin', () => {
    expect(hashOrigin(ZAMMAD)).toMatch(/^[0-9a-f]{8}$/);
    expect(hashOrigin(ZAMMAD)).toBe(hashOrigin(ZAMMAD));
    expect(hashOrigin(ZAMMAD)).not.toBe(hashOrigin('https://support.example.org'));
    expect(scriptId('zammad', ZAMMAD)).toBe(`replyline-zammad-${hashOrigin(ZAMMAD)}`);
  });

  it('registers only granted bindings of runtime adapters', () => {
    const bindings = [
      binding('zammad', ZAMMAD),
      binding('freescout', FREESCOUT),
      binding('demo-desk', 'http://localhost:4400'),
      binding('gone', 'https://x.example.com'),
    ];
    expect(desiredRegistrations(bindings, new Set([ZAMMAD, 'http://localhost:4400', 'https://x.example.com']), HELPDESKS)).toEqual([
      {
        id: scriptId('zammad', ZAMMAD),
        js: ['content-scripts/zammad.js'],
        matches: [`${ZAMMAD}/*`],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('registers what is missing, unregisters what is revoked or changed, and leaves other ids alone', async () => {
    const staleFreescout = { id: scriptId('freescout', FREESCOUT), js: ['content-scripts/old.js'], matches: [`${FREESCOUT}/*`] };
    const revoked = {
      id: scriptId('zammad', 'https://old.example.com'),
      js: ['content-scripts/zammad.js'],
      matches: ['https://old.example.com/*'],
    };
    const foreign = { id: 'someone-else', js: ['x.js'], matches: ['https://a.example.com/*'] };
    const { apis, scripts } = fakeApis([`${ZAMMAD}/*`, `${FREESCOUT}/*`], [staleFreescout, revoked, foreign]);
    const bindings = [binding('zammad', ZAMMAD), binding('freescout', FREESCOUT), binding('zammad', 'https://old.example.com')];

    const result = await syncRegistrations(bindings, apis, HELPDESKS);
    expect(result).toEqual({
      unregistered: [staleFreescout.id, revoked.id],
      registered: [scriptId('zammad', ZAMMAD), scriptId('freescout', FREESCOUT)],
    });
    expect([...scripts.keys()].sort()).toEqual([scriptId('freescout', FREESCOUT), scriptId('zammad', ZAMMAD), 'someone-else'].sort());
    expect(scripts.get(scriptId('freescout', FREESCOUT))).toEqual({
      id: scriptId('freescout', FREESCOUT),
      js: ['content-scripts/freescout.js'],
      matches: [`${FREESCOUT}/*`],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });

    // A second sync with nothing changed touches nothing.
    apis.registerContentScripts.mockClear();
    apis.unregisterContentScripts.mockClear();
    expect(await syncRegistrations(bindings, apis, HELPDESKS)).toEqual({ registered: [], unregistered: [] });
    expect(apis.registerContentScripts).not.toHaveBeenCalled();
    expect(apis.unregisterContentScripts).not.toHaveBeenCalled();

    // Revoking the permission (binding kept) unregisters on the next sync.
    const after = fakeApis([`${FREESCOUT}/*`], [...scripts.values()]);
    expect(await syncRegistrations(bindings, after.apis, HELPDESKS)).toEqual({
      registered: [],
      unregistered: [scriptId('zammad', ZAMMAD)],
    });
  });
});

describe('helpdesk access in the worker', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });
  afterEach(async () => {
    vi.doUnmock('../../../lib/adapters/registry');
    const db = await import('../../../lib/storage/db');
    await db.closeDb();
    await deleteDB('replyline');
  });

  it('syncs on start and on sp:helpdesk-access-changed, from the saved bindings and granted origins', async () => {
    const registered = new Map<string, { id: string; js?: string[]; matches?: string[] }>();
    // fakeBrowser has no scripting or permission implementation: stub what the worker calls.
    const scripting = {
      getRegisteredContentScripts: vi.fn(async () => [...registered.values()]),
      registerContentScripts: vi.fn(async (list: ContentScriptRegistration[]) => list.forEach((s) => registered.set(s.id, s))),
      unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => ids.forEach((id) => registered.delete(id))),
    };
    const granted = new Set<string>();
    const permissions = {
      contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o))),
      onAdded: { addListener: vi.fn() },
      onRemoved: { addListener: vi.fn() },
    };
    vi.spyOn(browser, 'scripting', 'get').mockReturnValue(scripting as never);
    vi.spyOn(browser, 'permissions', 'get').mockReturnValue(permissions as never);

    // The registry as it stands while adapters are being added: pin it to the test's list.
    vi.doMock('../../../lib/adapters/registry', () => ({ HELPDESKS }));
    const access = await import('../../../lib/background/helpdesk-access');
    const { getDb } = await import('../../../lib/storage/db');
    const { saveSettings } = await import('../../../lib/storage/settings');
    const { MessageRouter } = await import('../../../lib/messaging/router');
    const router = new MessageRouter();
    access.registerHelpdeskAccess(router, 'chrome-extension://replyline/');
    access.startHelpdeskAccess();
    await access.syncHelpdeskAccess();
    expect(permissions.onAdded.addListener).toHaveBeenCalledTimes(1);
    expect(permissions.onRemoved.addListener).toHaveBeenCalledTimes(1);
    expect(scripting.registerContentScripts).not.toHaveBeenCalled();

    await saveSettings(await getDb(), { helpdeskBindings: [binding('zammad', ZAMMAD)] });
    granted.add(`${ZAMMAD}/*`);
    // A web page's content script may not ask for a sync; the side panel may.
    const refused = await router.dispatch(
      { type: 'sp:helpdesk-access-changed' },
      { id: 'replyline', url: 'https://evil.example/', tab: { id: 4 } },
    );
    expect(refused).toEqual({ handled: true, reply: { ok: false, error: 'not from an extension page (https://evil.example/)' } });
    expect(scripting.registerContentScripts).not.toHaveBeenCalled();
    const dispatched = await router.dispatch(
      { type: 'sp:helpdesk-access-changed' },
      { id: 'replyline', url: 'chrome-extension://replyline/sidepanel.html' },
    );
    const reply = (dispatched.handled ? dispatched.reply : null) as { ok: boolean; result: { registered: string[] } };
    expect(reply.ok).toBe(true);
    expect(reply.result.registered).toEqual([scriptId('zammad', ZAMMAD)]);
    expect([...registered.values()]).toEqual([
      {
        id: scriptId('zammad', ZAMMAD),
        js: ['content-scripts/zammad.js'],
        matches: [`${ZAMMAD}/*`],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);

    // The permission removed outside Replyline: the next sync unregisters the script.
    granted.clear();
    await access.syncHelpdeskAccess();
    expect(registered.size).toBe(0);
  });
});
