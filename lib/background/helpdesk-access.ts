/**
 * Self-hosted helpdesks: the user grants an origin in Settings (a permission request in the
 * click handler) and saves a binding {adapterId, origin}. Here the worker keeps the registered
 * content scripts equal to the bindings whose origin permission is granted — on start, when a
 * permission is added or removed, and when the side panel says the bindings changed.
 */
import { browser } from 'wxt/browser';
import { HELPDESKS, type ContentScriptRegistration, type HelpdeskEntry } from '../adapters/registry';
import { originPattern } from '../adapters/framework/host-patterns';
import { fromExtensionPage, type MessageRouter } from '../messaging/router';
import { getDb } from '../storage/db';
import { type HelpdeskBinding } from '../settings/model';
import { getSettings } from '../storage/settings';
import { recipeRegistrations } from '../adapters/recipe/registrations';
import { readRecipes } from '../storage/recipes';

export const SCRIPT_ID_PREFIX = 'replyline-';

/** The parts of `browser.scripting` and `browser.permissions` the sync uses. */
export interface AccessApis {
  getRegisteredContentScripts(): Promise<Array<{ id: string; js?: string[]; matches?: string[] }>>;
  registerContentScripts(scripts: ContentScriptRegistration[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  containsOrigin: (pattern: string) => Promise<boolean>;
}

/** FNV-1a, 32 bits, hex: short, stable ids for registrations (ids must not contain the origin's punctuation). */
export function hashOrigin(origin: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < origin.length; i++) {
    hash ^= origin.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function scriptId(adapterId: string, origin: string): string {
  return `${SCRIPT_ID_PREFIX}${adapterId}-${hashOrigin(origin)}`;
}

/** The registrations the bindings call for, given which origins are granted. */
export function desiredRegistrations(
  bindings: readonly HelpdeskBinding[],
  granted: ReadonlySet<string>,
  helpdesks: readonly HelpdeskEntry[] = HELPDESKS,
): ContentScriptRegistration[] {
  const byId = new Map<string, ContentScriptRegistration>();
  for (const binding of bindings) {
    const entry = helpdesks.find((h) => h.id === binding.adapterId && h.access === 'runtime');
    if (!entry || !granted.has(binding.origin)) continue;
    const id = scriptId(entry.id, binding.origin);
    byId.set(id, {
      id,
      js: [entry.contentScript],
      matches: [originPattern(binding.origin)],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
  }
  return [...byId.values()];
}

function sameRegistration(a: { js?: string[]; matches?: string[] }, b: ContentScriptRegistration): boolean {
  return JSON.stringify(a.js ?? []) === JSON.stringify(b.js) && JSON.stringify(a.matches ?? []) === JSON.stringify(b.matches);
}

export interface SyncResult {
  registered: string[];
  unregistered: string[];
}

/** Makes Replyline's registered content scripts match the granted bindings; others' ids are left alone. */
export async function syncRegistrations(
  bindings: readonly HelpdeskBinding[],
  apis: AccessApis,
  helpdesks: readonly HelpdeskEntry[] = HELPDESKS,
  /** Registrations decided elsewhere (saved recipes), kept alongside the bindings' ones. */
  extra: readonly ContentScriptRegistration[] = [],
): Promise<SyncResult> {
  const granted = new Set<string>();
  for (const origin of new Set(bindings.map((b) => b.origin))) {
    if (await apis.containsOrigin(originPattern(origin))) granted.add(origin);
  }
  const desired = [...desiredRegistrations(bindings, granted, helpdesks), ...extra];
  const current = (await apis.getRegisteredContentScripts()).filter((s) => s.id.startsWith(SCRIPT_ID_PREFIX));
  const wanted = new Map(desired.map((d) => [d.id, d]));
  // A registration whose script or origin changed is replaced (unregistered, then registered).
  const stale = current.filter((s) => !wanted.has(s.id) || !sameRegistration(s, wanted.get(s.id)!)).map((s) => s.id);
  const kept = new Set(current.map((s) => s.id).filter((id) => !stale.includes(id)));
  const missing = desired.filter((d) => !kept.has(d.id));
  if (stale.length) await apis.unregisterContentScripts({ ids: stale });
  if (missing.length) await apis.registerContentScripts(missing);
  return { registered: missing.map((d) => d.id), unregistered: stale };
}

function browserApis(): AccessApis | null {
  const scripting = browser.scripting;
  const permissions = browser.permissions;
  if (!scripting?.registerContentScripts || !permissions?.contains) return null;
  return {
    getRegisteredContentScripts: async () => await scripting.getRegisteredContentScripts(),
    registerContentScripts: async (scripts) => {
      await scripting.registerContentScripts(scripts);
    },
    unregisterContentScripts: async (filter) => {
      await scripting.unregisterContentScripts(filter);
    },
    containsOrigin: (pattern) => permissions.contains({ origins: [pattern] }),
  };
}

let running: Promise<SyncResult | null> = Promise.resolve(null);

/** One sync at a time: overlapping registrations of the same id would fail. */
export function syncHelpdeskAccess(apis: AccessApis | null = browserApis()): Promise<SyncResult | null> {
  running = running
    .catch(() => null)
    .then(async () => {
      if (!apis) return null;
      const settings = await getSettings(await getDb());
      const recipeScripts = await recipeRegistrations(await readRecipes(), apis.containsOrigin);
      return syncRegistrations(settings.helpdeskBindings, apis, HELPDESKS, recipeScripts);
    });
  return running;
}

/** Listeners registered synchronously at worker start, then a first sync. */
export function startHelpdeskAccess(): void {
  const resync = () => {
    syncHelpdeskAccess().catch((error: unknown) => console.warn('Replyline: could not sync helpdesk access', error));
  };
  for (const event of [browser.permissions?.onAdded, browser.permissions?.onRemoved]) {
    try {
      event?.addListener(resync);
    } catch {
      // Browsers (and test doubles) without permission events still sync on start and on request.
    }
  }
  resync();
}

/** The side panel's "bindings changed" request (extension pages only); the panel waits for the sync to show its result. */
export function registerHelpdeskAccess(router: MessageRouter, extensionBase: string): void {
  router.on('sp:helpdesk-access-changed', {
    accept: fromExtensionPage(extensionBase),
    handle: () =>
      syncHelpdeskAccess().then(
        (result) => ({ ok: true, result }),
        (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      ),
  });
}
