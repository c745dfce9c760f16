import type { Migration } from './types';
import { migration001Initial } from './001-initial';

/** Every migration in order; the database version is the last one's number. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial];

export type { Migration };
