import type { Migration } from './types';

/**
 * The team hub's outbox: accepted observation batches waiting to be sent, keyed by an
 * auto-incremented number so they leave in the order they were accepted. (Frozen: a later
 * change is a new migration.)
 */
export const migration005HubOutbox: Migration = {
  version: 5,
  name: 'hub-outbox',
  up(db) {
    db.createObjectStore('hubOutbox', { keyPath: 'id', autoIncrement: true });
  },
};
