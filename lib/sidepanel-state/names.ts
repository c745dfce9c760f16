/**
 * Display names for the extension's pages (side panel, weekly review, printable report), read
 * from the names store the worker keeps (lib/storage/names.ts) and re-read when stored data
 * changes. Customer names only while Settings → Privacy allows them.
 */
import { create } from 'zustand';
import { getDb } from '../storage/db';
import { agentNames, customerNames, getNames, getSites } from '../storage/names';
import { getSettings } from '../storage/settings';

interface NamesView {
  /** Agent id → display name. */
  agents: Record<string, string>;
  /** Conversation key → customer display name (empty while not allowed). */
  customers: Record<string, string>;
  /** Paths helpdesks are installed under, for conversation links. */
  sites: Record<string, string>;
  load: () => Promise<void>;
}

export const useNamesStore = create<NamesView>((set) => ({
  agents: {},
  customers: {},
  sites: {},
  async load() {
    try {
      const db = await getDb();
      const [names, sites, settings] = await Promise.all([getNames(db), getSites(db), getSettings(db)]);
      set({ agents: agentNames(names), customers: settings.showCustomerNames ? customerNames(names) : {}, sites });
    } catch {
      // Without storage the views show ids, as before names existed.
    }
  },
}));
