import type { Migration } from './types';

/** The first schema: every store Replyline keeps, with the indexes its queries use. */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    const conversations = db.createObjectStore('conversations', { keyPath: 'key' });
    conversations.createIndex('by-helpdesk', 'helpdesk');
    conversations.createIndex('by-updatedAt', 'updatedAt');
    conversations.createIndex('by-status', 'status');

    db.createObjectStore('events', { keyPath: 'key' }).createIndex('by-conversation', 'conversationKey');
    db.createObjectStore('batches', { keyPath: 'key' }).createIndex('by-appliedAt', 'appliedAt');
    db.createObjectStore('activity', { keyPath: 'key' }).createIndex('by-conversation', 'conversationKey');
    db.createObjectStore('metrics', { keyPath: 'key' }).createIndex('by-day', 'days', { multiEntry: true });
    db.createObjectStore('rollups', { keyPath: 'key' }).createIndex('by-day', 'day');
    db.createObjectStore('health', { keyPath: 'key' }).createIndex('by-helpdesk', 'helpdesk');
    db.createObjectStore('settings');
    db.createObjectStore('state');

    const notifications = db.createObjectStore('notifications', { keyPath: 'key' });
    // Sparse: only records still waiting to be shown carry `pendingAt`.
    notifications.createIndex('by-pending', 'pendingAt');
    notifications.createIndex('by-conversation', 'conversationKey');
  },
};
