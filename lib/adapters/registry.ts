import { chatwootDeclaration } from './chatwoot/declaration';
import { demoDeskDeclaration } from './demodesk/declaration';
import { freeScoutDeclaration } from './freescout/declaration';
import { zammadDeclaration } from './zammad/declaration';
import { zendeskDeclaration } from './zendesk/declaration';

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
  conversationUrl: (origin: string, conversationId: string) => string;
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
  ...(DEMO_DESK_INCLUDED ? [demoDeskDeclaration] : []),
  zendeskDeclaration,
  chatwootDeclaration,
  zammadDeclaration,
  freeScoutDeclaration,
];

/**
 * The helpdesk page of a conversation, or null when no adapter declares the helpdesk (a recipe's
 * pages have no known shape) or the origin is not a web origin.
 */
export function conversationUrl(helpdesk: string, origin: string, conversationId: string): string | null {
  if (!/^https?:\/\/[^/]+$/.test(origin)) return null;
  const entry = HELPDESKS.find((h) => h.id === helpdesk);
  return entry ? entry.conversationUrl(origin, conversationId) : null;
}
