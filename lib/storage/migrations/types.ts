import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * One numbered schema/data step. `up` runs inside the upgrade transaction and must stay
 * synchronous apart from IDB requests on `tx` (no other awaits: the transaction would close).
 */
export interface Migration {
  version: number;
  name: string;
  up(db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>): void | Promise<void>;
}
