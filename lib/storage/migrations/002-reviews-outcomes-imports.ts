import type { Migration } from './types';

/**
 * Quality reviews and outcome tags per conversation (set in the Now view), and team imports:
 * conversations merged from agents' exported weeks, kept apart from what this browser observed.
 */
export const migration002ReviewsOutcomesImports: Migration = {
  version: 2,
  name: 'reviews-outcomes-imports',
  up(db) {
    db.createObjectStore('reviews', { keyPath: 'conversationKey' }).createIndex('by-reviewedAt', 'reviewedAt');
    db.createObjectStore('outcomes', { keyPath: 'conversationKey' }).createIndex('by-tag', 'tags', { multiEntry: true });
    db.createObjectStore('importFiles', { keyPath: 'fileId' }).createIndex('by-importedAt', 'importedAt');
    const imported = db.createObjectStore('importedConversations', { keyPath: 'key' });
    imported.createIndex('by-file', 'fileId');
    imported.createIndex('by-agent', 'sourceAgentId');
  },
};
