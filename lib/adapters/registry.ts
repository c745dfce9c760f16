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
