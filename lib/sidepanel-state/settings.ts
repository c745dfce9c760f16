/**
 * The Settings view's state: the stored settings, saved section by section after validation,
 * plus the helpdesk health records shown beside each helpdesk.
 */
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import type { SpSettingsChanged } from '../messaging/protocol';
import { tellDataChanged } from './messages';
import { getDb } from '../storage/db';
import type { HealthRecord } from '../storage/schema';
import { mergeSettings, validateSettings, type Settings, type SettingsIssue } from '../settings/model';
import { getSettings, saveSettings } from '../storage/settings';
import { usePanel } from './store';

interface SettingsState {
  settings: Settings | null;
  health: HealthRecord[];
  error: string | null;
  /** Bumped by every load: sections keyed by it start their drafts afresh (after an import or delete). */
  generation: number;
  load: () => Promise<void>;
  /** Validates the patched fields; saves and returns [] when valid, else returns their issues. */
  save: (patch: Partial<Settings>) => Promise<SettingsIssue[]>;
}

export const useSettingsState = create<SettingsState>((set, get) => ({
  settings: null,
  health: [],
  error: null,
  generation: 0,
  async load() {
    try {
      const db = await getDb();
      const [settings, health] = await Promise.all([getSettings(db), db.getAll('health')]);
      set({ settings, health: health.sort((a, b) => b.at - a.at), error: null, generation: get().generation + 1 });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  async save(patch) {
    const current = get().settings ?? mergeSettings(undefined);
    // Only the fields being saved can block the save: a section never fails on another's values.
    const keys = Object.keys(patch);
    const issues = validateSettings(mergeSettings({ ...current, ...patch })).filter((issue) =>
      keys.some((key) => issue.path === key || issue.path.startsWith(`${key}.`)),
    );
    if (issues.length) return issues;
    const db = await getDb();
    const settings = await saveSettings(db, patch);
    set({ settings });
    // The worker re-measures what is stored when measuring changed; then the other views
    // re-read and open helpdesk pages re-plan (the worker tells the tabs that observe).
    void tellWorker().finally(() => {
      void usePanel.getState().load();
      void tellDataChanged();
    });
    return [];
  },
}));

/** Issues under one settings path prefix, keyed by the rest of the path ('' for the prefix itself). */
export function issuesUnder(issues: readonly SettingsIssue[], prefix: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const issue of issues) {
    if (issue.path === prefix || issue.path.startsWith(`${prefix}.`)) {
      const rest = issue.path.slice(prefix.length).replace(/^\./, '');
      if (!map.has(rest)) map.set(rest, issue.message);
    }
  }
  return map;
}

/** The worker is the one writer of derived stores: it decides whether the save needs a rebuild. */
async function tellWorker(): Promise<void> {
  const message: SpSettingsChanged = { type: 'sp:settings-changed' };
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // No worker listening (tests): it rebuilds at its next start (the read model's stamp).
  }
}
