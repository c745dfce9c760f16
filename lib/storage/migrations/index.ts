import type { Migration } from './types';
import { migration001Initial } from './001-initial';
import { migration002ReviewsOutcomesImports } from './002-reviews-outcomes-imports';
import { migration003PanelMetrics } from './003-panel-metrics';
import { migration004EventKeys } from './004-event-keys';
import { migration005HubOutbox } from './005-hub-outbox';

/** Every migration in order; the database version is the last one's number. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002ReviewsOutcomesImports,
  migration003PanelMetrics,
  migration004EventKeys,
  migration005HubOutbox,
];

export type { Migration };
