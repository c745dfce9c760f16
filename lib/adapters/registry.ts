/**
 * Every helpdesk Replyline can read, declared the same way. `access` says how the extension
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

const DEMO_DESK: HelpdeskEntry = {
  id: 'demo-desk',
  name: 'Demo Desk',
  access: 'manifest',
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  contentScript: 'content-scripts/demodesk.js',
};

export const HELPDESKS: HelpdeskEntry[] = [
  ...(DEMO_DESK_INCLUDED ? [DEMO_DESK] : []),
  {
    id: 'zendesk',
    name: 'Zendesk',
    access: 'manifest',
    matches: ['https://*.zendesk.com/agent/*'],
    contentScript: 'content-scripts/zendesk.js',
  },
  {
    // Cloud from the manifest; self-hosted origins get the same script registered at runtime.
    id: 'chatwoot',
    name: 'Chatwoot',
    access: 'manifest',
    matches: ['https://app.chatwoot.com/app/*'],
    contentScript: 'content-scripts/chatwoot.js',
  },
  {
    id: 'zammad',
    name: 'Zammad',
    access: 'runtime',
    matches: ['https://helpdesk.example.org/*'],
    contentScript: 'content-scripts/zammad.js',
  },
  {
    id: 'freescout',
    name: 'FreeScout',
    access: 'runtime',
    matches: ['https://helpdesk.example.org/*'],
    contentScript: 'content-scripts/freescout.js',
  },
];
