/**
 * Which tab (and frame) observed which conversations, so that "stored data changed" reaches
 * the pages showing them (`tabs.sendMessage`; `runtime.sendMessage` never reaches content
 * scripts). Kept in `storage.session`, which outlives worker stops (not browser restarts, when
 * the tabs are gone too). Like Dark Reader's tab manager, entries are per tab and frame and go
 * when the tab closes or stops answering; unlike its ports, nothing here needs the worker alive.
 */
export const TABS_SESSION_KEY = 'replyline.observingTabs';
/** A tab showing more conversations than this is told about every change. */
export const MAX_KEYS_PER_TAB = 5_000;

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

interface Entry {
  tabId: number;
  frameId: number;
  /** The page load (content script's documentId): a new page starts a new list. */
  documentId: string | null;
  keys: string[];
  /** More than MAX_KEYS_PER_TAB keys seen: every change concerns this tab. */
  all?: boolean;
}

export interface TabTarget {
  tabId: number;
  frameId: number;
  /** The changed keys this tab observed; empty = anything may have changed. */
  keys: string[];
}

export class TabTracker {
  private entries: Promise<Map<string, Entry>> | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly session: SessionArea | null) {}

  /** Notes that a tab's frame observed (or asked about) these conversations. */
  async note(tabId: number, frameId: number, documentId: string | null, keys: readonly string[]): Promise<void> {
    const entries = await this.load();
    const id = `${tabId}:${frameId}`;
    let entry = entries.get(id);
    let changed = false;
    if (!entry || (documentId !== null && entry.documentId !== null && entry.documentId !== documentId)) {
      entry = { tabId, frameId, documentId, keys: [] };
      entries.set(id, entry);
      changed = true;
    }
    if (entry.documentId === null && documentId !== null) {
      entry.documentId = documentId;
      changed = true;
    }
    if (!entry.all) {
      const known = new Set(entry.keys);
      for (const key of keys) {
        if (known.has(key)) continue;
        known.add(key);
        entry.keys.push(key);
        changed = true;
      }
      if (entry.keys.length > MAX_KEYS_PER_TAB) {
        entry.keys = [];
        entry.all = true;
      }
    }
    if (changed) await this.save(entries);
  }

  async forgetTab(tabId: number): Promise<void> {
    const entries = await this.load();
    let changed = false;
    for (const [id, entry] of entries)
      if (entry.tabId === tabId) {
        entries.delete(id);
        changed = true;
      }
    if (changed) await this.save(entries);
  }

  async forgetFrame(tabId: number, frameId: number): Promise<void> {
    const entries = await this.load();
    if (entries.delete(`${tabId}:${frameId}`)) await this.save(entries);
  }

  /** The tabs to tell about these changed keys (empty = everything changed: every tab). */
  async targets(changedKeys: readonly string[]): Promise<TabTarget[]> {
    const entries = await this.load();
    const out: TabTarget[] = [];
    for (const entry of entries.values()) {
      if (changedKeys.length === 0 || entry.all) {
        out.push({ tabId: entry.tabId, frameId: entry.frameId, keys: entry.all ? [...changedKeys] : [] });
        continue;
      }
      const mine = new Set(entry.keys);
      const keys = changedKeys.filter((key) => mine.has(key));
      if (keys.length) out.push({ tabId: entry.tabId, frameId: entry.frameId, keys });
    }
    return out;
  }

  private load(): Promise<Map<string, Entry>> {
    this.entries ??= (async () => {
      const map = new Map<string, Entry>();
      try {
        const stored = (await this.session?.get(TABS_SESSION_KEY))?.[TABS_SESSION_KEY];
        if (Array.isArray(stored))
          for (const raw of stored) {
            const entry = raw as Entry;
            if (typeof entry?.tabId === 'number' && typeof entry.frameId === 'number' && Array.isArray(entry.keys))
              map.set(`${entry.tabId}:${entry.frameId}`, entry);
          }
      } catch {
        // No session storage (tests, old browsers): tabs are tracked for this worker's life.
      }
      return map;
    })();
    return this.entries;
  }

  private save(entries: Map<string, Entry>): Promise<void> {
    const snapshot = [...entries.values()];
    this.writes = this.writes.then(() => this.session?.set({ [TABS_SESSION_KEY]: snapshot }).catch(() => undefined));
    return this.writes;
  }
}
