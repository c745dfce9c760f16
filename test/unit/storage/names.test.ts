/**
 * The names store through the worker's ingest (fake-indexeddb): agents' names kept, customers'
 * names only while Settings → Privacy allows them (dropped, not hidden, when off; deleted when
 * turned off), hub names first and forgotten on disconnect; and the sub-path helpdesks are
 * installed under, kept for conversation links.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { handleContentMessage } from '../../../lib/background/ingest';
import { conversationKey } from '../../../lib/messaging/protocol';
import { conversationUrl } from '../../../lib/adapters/registry';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { deleteHubConnection, saveHubConnection, sharedBatch } from '../../../lib/storage/hub';
import {
  agentNames,
  customerNames,
  deleteCustomerNamesBefore,
  deleteCustomerNamesUnlessAllowed,
  deleteHubNamesUnlessConnected,
  getNames,
  getSites,
  saveHubNames,
  siteConversationUrl,
} from '../../../lib/storage/names';
import { getSettings, saveSettings } from '../../../lib/storage/settings';
import { DEFAULT_HUB_ALERTS } from '../../../lib/storage/schema';
import { batch, listRow, T0 } from '../../fixtures/storage/observations';

const DB = 'replyline-names-test';
let db: ReplylineDb;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

const NAMES = {
  agents: [
    { agentId: 'a-1', name: 'Alex' },
    { agentId: 'a-2', name: 'Bea' },
  ],
  customers: [{ conversationId: 'c-1', name: 'Ada Lovelace' }],
};

describe('names from helpdesk pages', () => {
  it('keeps agents’ names and, with the setting off (the default), stores no customer name at all', async () => {
    expect((await getSettings(db)).showCustomerNames).toBe(false);
    const reply = await handleContentMessage(batch('doc-00001', 0, [listRow('c-1', T0, T0)], { names: NAMES }), db, T0);
    expect(reply.reply.ok).toBe(true);
    const stored = await db.get('state', 'names');
    expect(stored).toEqual({ hub: {}, page: { 'a-1': 'Alex', 'a-2': 'Bea' }, customers: {} });
  });

  it('stores customers’ names while allowed, and turning the setting off deletes them', async () => {
    await saveSettings(db, { showCustomerNames: true });
    await handleContentMessage(batch('doc-00001', 0, [listRow('c-1', T0, T0)], { names: NAMES }), db, T0);
    const key = conversationKey('demo-desk', 'http://localhost:4400', 'c-1');
    expect(customerNames(await getNames(db))).toEqual({ [key]: 'Ada Lovelace' });
    // Allowed: nothing deleted.
    expect(await deleteCustomerNamesUnlessAllowed(db)).toBe(0);

    await saveSettings(db, { showCustomerNames: false });
    // What the worker does on sp:settings-changed and at every start.
    expect(await deleteCustomerNamesUnlessAllowed(db)).toBe(1);
    expect(await getNames(db)).toEqual({ hub: {}, page: { 'a-1': 'Alex', 'a-2': 'Bea' }, customers: {} });
  });

  it('forgets customers’ names read before the retention cut-off', async () => {
    await saveSettings(db, { showCustomerNames: true });
    await handleContentMessage(batch('doc-00001', 0, [], { names: NAMES }), db, T0);
    await handleContentMessage(
      batch('doc-00001', 1, [], { names: { agents: [], customers: [{ conversationId: 'c-2', name: 'Grace Hopper' }] } }),
      db,
      T0 + 10_000,
    );
    expect(await deleteCustomerNamesBefore(db, T0 + 5_000)).toBe(1);
    expect(Object.values(customerNames(await getNames(db)))).toEqual(['Grace Hopper']);
  });

  it('never sends names to the hub', () => {
    const shared = sharedBatch(batch('doc-00001', 0, [listRow('c-1', T0, T0)], { names: NAMES }));
    expect(shared).not.toHaveProperty('names');
    expect(JSON.stringify(shared)).not.toContain('Ada Lovelace');
  });
});

describe('names from the hub', () => {
  it('come first, and disconnecting forgets them while the pages’ names stay', async () => {
    await handleContentMessage(batch('doc-00001', 0, [], { names: NAMES }), db, T0);
    await saveHubConnection(db, {
      hubUrl: 'http://hub.test',
      origin: 'http://hub.test',
      token: 't',
      role: 'supervisor',
      name: 'Sup',
      agentId: null,
      tokenId: 'tok-1',
      connectedAt: T0,
      paused: false,
      alerts: DEFAULT_HUB_ALERTS,
    });
    await saveHubNames(db, { 'a-1': 'Alex Rivera', 'a-9': 'Noor' });
    expect(agentNames(await getNames(db))).toEqual({ 'a-1': 'Alex Rivera', 'a-2': 'Bea', 'a-9': 'Noor' });
    // Connected: the worker keeps them.
    await deleteHubNamesUnlessConnected(db);
    expect(agentNames(await getNames(db))).toEqual({ 'a-1': 'Alex Rivera', 'a-2': 'Bea', 'a-9': 'Noor' });
    await deleteHubConnection(db);
    // What the worker does on sp:hub-changed (the panel sends it after disconnecting) and at every start.
    await deleteHubNamesUnlessConnected(db);
    expect(agentNames(await getNames(db))).toEqual({ 'a-1': 'Alex', 'a-2': 'Bea' });
  });
});

describe('helpdesks installed under a sub-path', () => {
  const ORIGIN = 'https://example.com';

  it('FreeScout: the path seen on its pages is kept, and links to its conversations keep it', async () => {
    const freeScoutBatch = {
      ...batch('doc-00002', 0, [listRow('123', T0, T0)]),
      helpdesk: 'freescout',
      origin: ORIGIN,
      url: `${ORIGIN}/helpdesk/mailbox/1/12?page=2`,
    };
    expect((await handleContentMessage(freeScoutBatch, db, T0)).reply.ok).toBe(true);
    const sites = await getSites(db);
    expect(sites).toEqual({ 'freescout|https://example.com': '/helpdesk' });
    expect(siteConversationUrl(sites, 'freescout', ORIGIN, '123')).toBe('https://example.com/helpdesk/conversation/123');
    // A page that does not tell (a customer's profile) leaves the known path as it is.
    await handleContentMessage({ ...freeScoutBatch, seq: 1, url: `${ORIGIN}/helpdesk/customers/31/edit` }, db, T0 + 1);
    expect(await getSites(db)).toEqual({ 'freescout|https://example.com': '/helpdesk' });
  });

  it('FreeScout at the root and with nothing known links to the root', () => {
    expect(conversationUrl('freescout', ORIGIN, '123')).toBe('https://example.com/conversation/123');
    expect(conversationUrl('freescout', ORIGIN, '123', '/helpdesk')).toBe('https://example.com/helpdesk/conversation/123');
    expect(conversationUrl('freescout', ORIGIN, '123', '/a/b')).toBe('https://example.com/a/b/conversation/123');
  });

  it('Zammad keeps the path its app is served under; its routes stay in the hash', async () => {
    const zammadBatch = {
      ...batch('doc-00003', 0, []),
      helpdesk: 'zammad',
      origin: ORIGIN,
      url: `${ORIGIN}/zammad/#ticket/view/my_assigned`,
    };
    await handleContentMessage(zammadBatch, db, T0);
    const sites = await getSites(db);
    expect(siteConversationUrl(sites, 'zammad', ORIGIN, '42')).toBe('https://example.com/zammad/#ticket/zoom/42');
  });

  it('helpdesks served only at the root ignore a path', () => {
    expect(conversationUrl('chatwoot', ORIGIN, '1:42', '/helpdesk')).toBe('https://example.com/app/accounts/1/conversations/42');
    expect(conversationUrl('zendesk', 'https://acme.zendesk.com', '7', '/x')).toBe('https://acme.zendesk.com/agent/tickets/7');
  });

  it('a path that is not a plain path is not used', () => {
    expect(conversationUrl('freescout', ORIGIN, '1', '//evil.example')).toBe('https://example.com/conversation/1');
    expect(conversationUrl('freescout', ORIGIN, '1', '/a?b')).toBe('https://example.com/conversation/1');
  });
});
