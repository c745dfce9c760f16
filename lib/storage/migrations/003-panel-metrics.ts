import type { Migration } from './types';

/**
 * The side panel's compact metrics store, with its week and running-clock indexes. Schema only:
 * the store is derived, so the read model fills it. A database upgraded from version 2 carries
 * no read-model stamp, so the worker rebuilds every derived store at its next start
 * (lib/background/read-model-upkeep.ts). Frozen: imports nothing but the migration types.
 */
export const migration003PanelMetrics: Migration = {
  version: 3,
  name: 'panel-metrics',
  up(db) {
    const store = db.createObjectStore('panelMetrics', { keyPath: 'key' });
    store.createIndex('by-week', 'weeks', { multiEntry: true });
    // Sparse: only conversations with a running clock carry `running`.
    store.createIndex('by-running', 'running');
  },
};
