/**
 * The names store: agents' display names (from the team hub and from helpdesk pages) and, only
 * while Settings → Privacy allows it, customers' display names; plus the path each helpdesk is
 * installed under. The worker is its one writer (ingest, hub sync, settings changes); views read.
 * Names are shown as text only.
 */
import type { IDBPTransaction } from 'idb';
import type { PageNames } from '../messaging/protocol';
import { conversationKey } from '../messaging/protocol';
import { basePathOf, conversationUrl, siteKey } from '../adapters/registry';
import type { ReplylineDb } from './db';
import { getSettings } from './settings';
import type { NamesState, ReplylineDB, StoreName } from './schema';

const EMPTY_NAMES: NamesState = { hub: {}, page: {}, customers: {} };

/** Customer names kept at most (the oldest read go first): a display cache, not a customer list. */
const MAX_CUSTOMER_NAMES = 5000;

type StateTx = IDBPTransaction<ReplylineDB, StoreName[], 'readwrite'>;

export async function getNames(db: ReplylineDb): Promise<NamesState> {
  return { ...EMPTY_NAMES, ...((await db.get('state', 'names')) as NamesState | undefined) };
}

/** Agent id → display name: the hub's team first (the name the team chose), then what pages show. */
export function agentNames(names: NamesState): Record<string, string> {
  return { ...names.page, ...names.hub };
}

/** Customer display names by conversation key (empty unless the user allows them). */
export function customerNames(names: NamesState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(names.customers)) out[key] = value.name;
  return out;
}

/**
 * Stores the names a page sent, inside the ingest's transaction. Customer names only when
 * `keepCustomers` (Settings → Privacy); otherwise they are dropped here, never written.
 */
export async function recordPageNames(
  tx: StateTx,
  page: { helpdesk: string; origin: string; names: PageNames },
  keepCustomers: boolean,
  now: number,
): Promise<void> {
  const store = tx.objectStore('state');
  const current = { ...EMPTY_NAMES, ...((await store.get('names')) as NamesState | undefined) };
  let changed = false;
  const pageNames = { ...current.page };
  for (const { agentId, name } of page.names.agents) {
    if (pageNames[agentId] === name) continue;
    pageNames[agentId] = name;
    changed = true;
  }
  let customers = current.customers;
  if (keepCustomers && page.names.customers.length > 0) {
    customers = { ...customers };
    for (const { conversationId, name } of page.names.customers) {
      customers[conversationKey(page.helpdesk, page.origin, conversationId)] = { name, at: now };
    }
    customers = newest(customers, MAX_CUSTOMER_NAMES);
    changed = true;
  }
  if (changed) await store.put({ ...current, page: pageNames, customers }, 'names');
}

function newest(customers: NamesState['customers'], limit: number): NamesState['customers'] {
  const entries = Object.entries(customers);
  if (entries.length <= limit) return customers;
  return Object.fromEntries(entries.sort((a, b) => b[1].at - a[1].at).slice(0, limit));
}

/** Replaces the hub's team names (hub sync). */
export async function saveHubNames(db: ReplylineDb, hub: Record<string, string>): Promise<void> {
  const tx = db.transaction('state', 'readwrite');
  const current = { ...EMPTY_NAMES, ...((await tx.store.get('names')) as NamesState | undefined) };
  await tx.store.put({ ...current, hub }, 'names');
  await tx.done;
}

/** Forgets the hub's names once no hub is connected (the worker, on `sp:hub-changed` and at every start). */
export async function deleteHubNamesUnlessConnected(db: ReplylineDb): Promise<void> {
  const tx = db.transaction('state', 'readwrite');
  const current = (await tx.store.get('names')) as NamesState | undefined;
  if (current && Object.keys(current.hub).length > 0 && !(await tx.store.get('hub'))) await tx.store.put({ ...current, hub: {} }, 'names');
  await tx.done;
}

/** Deletes every stored customer name (the setting was turned off). Returns how many were deleted. */
async function deleteCustomerNames(db: ReplylineDb): Promise<number> {
  const tx = db.transaction('state', 'readwrite');
  const current = (await tx.store.get('names')) as NamesState | undefined;
  const count = current ? Object.keys(current.customers).length : 0;
  if (current && count > 0) await tx.store.put({ ...current, customers: {} }, 'names');
  await tx.done;
  return count;
}

/** Deletes customer names read before `cutoff` (retention). Returns how many were deleted. */
export async function deleteCustomerNamesBefore(db: ReplylineDb, cutoff: number): Promise<number> {
  const tx = db.transaction('state', 'readwrite');
  const current = (await tx.store.get('names')) as NamesState | undefined;
  const kept = Object.entries(current?.customers ?? {}).filter(([, value]) => value.at >= cutoff);
  const deleted = Object.keys(current?.customers ?? {}).length - kept.length;
  if (current && deleted > 0) await tx.store.put({ ...current, customers: Object.fromEntries(kept) }, 'names');
  await tx.done;
  return deleted;
}

/** Customer names are stored only while Settings → Privacy allows them: when not allowed, the stored ones are deleted. */
export async function deleteCustomerNamesUnlessAllowed(db: ReplylineDb): Promise<number> {
  return (await getSettings(db)).showCustomerNames === true ? 0 : deleteCustomerNames(db);
}

/** Notes the path a helpdesk's page shows it installed under (the ingest's transaction). */
export async function recordSite(tx: StateTx, helpdesk: string, origin: string, pageUrl: string): Promise<void> {
  const path = basePathOf(helpdesk, pageUrl);
  if (path === null) return;
  const store = tx.objectStore('state');
  const sites = ((await store.get('sites')) as Record<string, string> | undefined) ?? {};
  const key = siteKey(helpdesk, origin);
  if (sites[key] !== path) await store.put({ ...sites, [key]: path }, 'sites');
}

export async function getSites(db: ReplylineDb): Promise<Record<string, string>> {
  return ((await db.get('state', 'sites')) as Record<string, string> | undefined) ?? {};
}

/** A conversation's helpdesk page, under the path its helpdesk was seen installed under. */
export function siteConversationUrl(
  sites: Readonly<Record<string, string>>,
  helpdesk: string,
  origin: string,
  conversationId: string,
): string | null {
  return conversationUrl(helpdesk, origin, conversationId, sites[siteKey(helpdesk, origin)] ?? '');
}
