import type { Migration } from './types';
import { toPanelMetricsRecord } from '../../measure/compact-metrics';
import type { MetricsRecord } from '../schema';

/**
 * The side panel's compact metrics (see panel-metrics.ts): the store with its week and
 * running-clock indexes, filled from every metrics record already stored.
 */
export const migration003PanelMetrics: Migration = {
  version: 3,
  name: 'panel-metrics',
  async up(db, tx) {
    const store = db.createObjectStore('panelMetrics', { keyPath: 'key' });
    store.createIndex('by-week', 'weeks', { multiEntry: true });
    // Sparse: only conversations with a running clock carry `running`.
    store.createIndex('by-running', 'running');
    const panel = tx.objectStore('panelMetrics');
    // Only IDB requests on tx are awaited here, so the upgrade transaction stays open.
    let cursor = await tx.objectStore('metrics').openCursor();
    while (cursor) {
      void panel.put(toPanelMetricsRecord(cursor.value as MetricsRecord));
      cursor = await cursor.continue();
    }
  },
};
