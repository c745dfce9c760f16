import { chatwootDeclaration, chatwootNames } from './chatwoot/declaration';
import { demoDeskDeclaration, demoDeskNames } from './demodesk/declaration';
import { freeScoutDeclaration, freeScoutNames } from './freescout/declaration';
import { zammadDeclaration, zammadNames } from './zammad/declaration';
import { zendeskDeclaration, zendeskNames } from './zendesk/declaration';

/**
 * Every helpdesk Replyline can read, each declared once in its adapter folder (declaration.ts)
 * and read from there by the adapter, this list and the content script's entrypoint. `access` says how the extension
 * reaches it: `manifest` adapters run from the manifest's content scripts on their cloud
 * hosts; `runtime` adapters run on origins the user grants in Settings (self-hosted).
 */
export interface HelpdeskEntry {
  id: string;
  name: string;
  access: 'manifest' | 'runtime';
  /** Match patterns of the cloud hosts (manifest) or an example of a self-hosted origin. */
  matches: string[];
  /** The content script's file in the build, for runtime registration. */
  contentScript: string;
  /**
   * The page of one conversation in this helpdesk, from its origin and Replyline's id of it (the
   * id the adapter's routes read from that page): drill-downs and notifications link to it.
   */
  conversationUrl: (site: string, conversationId: string) => string;
  /**
   * For helpdesks that may be installed under a sub-path (`https://example.com/helpdesk/…`): the
   * path their pages live under, read from one of their page addresses ('' at the origin's root;
   * null when this page does not tell). `conversationUrl` then gets origin + that path as its
   * `site`. Absent: always at the root.
   */
  basePath?: (pageUrl: URL) => string | null;
  /** Where the helpdesk's pages show display names, each adapter reading them from there (or why not). */
  names: HelpdeskNames;
}

/** What each adapter folder's declaration.ts exports as its declaration (its `names` beside it). */
export type HelpdeskDeclaration = Omit<HelpdeskEntry, 'names'>;

/** Where a kind of name is read (`readFrom`), or why this adapter does not read it (`notRead`). */
export type NameSource = { readFrom: string } | { notRead: string };

export interface HelpdeskNames {
  /** The signed-in agent's own display name. */
  self: NameSource;
  /** Other agents' (assignees') display names, by their helpdesk id. */
  agents: NameSource;
  /** Customers' display names (kept only when Settings → Privacy allows it). */
  customers: NameSource;
}

/** A content script registered at runtime for a granted origin (`browser.scripting`). */
export interface ContentScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/**
 * The Demo Desk is part of demo and test builds only (`npm start`, the end-to-end tests, unit
 * tests, the development server). Production builds (`npm run build`, `npm run zip`) leave out
 * its content script (wxt.config.ts) and this entry, so no local page is ever read there.
 */
export const DEMO_DESK_INCLUDED = import.meta.env.MODE !== 'production';

export const HELPDESKS: HelpdeskEntry[] = [
  ...(DEMO_DESK_INCLUDED ? [{ ...demoDeskDeclaration, names: demoDeskNames }] : []),
  { ...zendeskDeclaration, names: zendeskNames },
  { ...chatwootDeclaration, names: chatwootNames },
  { ...zammadDeclaration, names: zammadNames },
  { ...freeScoutDeclaration, names: freeScoutNames },
];

/**
 * The helpdesk page of a conversation, or null when no adapter declares the helpdesk (a recipe's
 * pages have no known shape) or the origin is not a web origin. `basePath` is the path the
 * helpdesk is installed under on that origin, as its pages were seen (siteKey / basePathOf).
 */
export function conversationUrl(helpdesk: string, origin: string, conversationId: string, basePath = ''): string | null {
  if (!/^https?:\/\/[^/]+$/.test(origin)) return null;
  const entry = HELPDESKS.find((h) => h.id === helpdesk);
  if (!entry) return null;
  const path = entry.basePath && /^(?:\/[^/?#]+)*$/.test(basePath) ? basePath : '';
  return entry.conversationUrl(`${origin}${path}`, conversationId);
}

/** The path a helpdesk's page address shows it installed under ('' at the root), or null when the page does not tell. */
export function basePathOf(helpdesk: string, pageUrl: string): string | null {
  const entry = HELPDESKS.find((h) => h.id === helpdesk);
  if (!entry?.basePath) return null;
  try {
    return entry.basePath(new URL(pageUrl));
  } catch {
    return null;
  }
}

/** Key of a helpdesk installation on an origin, for the base paths the worker keeps. */
export function siteKey(helpdesk: string, origin: string): string {
  return `${helpdesk}|${origin}`;
}
