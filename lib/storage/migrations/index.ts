import type { Migration } from './types';
import { migration001Initial } from './001-initial';
import { migration002ReviewsOutcomesImports } from './002-reviews-outcomes-imports';

/** Every migration in order; the database version is the last one's number. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002ReviewsOutcomesImports];

export type { Migration };
