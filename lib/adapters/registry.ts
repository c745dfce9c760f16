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
  /**
   * The page of one conversation in this helpdesk, from its origin and Replyline's id of it (the
   * id the adapter's routes read from that page): drill-downs and notifications link to it.
   */
  conversationUrl(origin: string, conversationId: string): string;
}

const id = (value: string) => encodeURIComponent(value);

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
  conversationUrl: (origin, conversationId) => `${origin}/conversations/${id(conversationId)}`,
};

export const HELPDESKS: HelpdeskEntry[] = [
  ...(DEMO_DESK_INCLUDED ? [DEMO_DESK] : []),
  {
    id: 'zendesk',
    name: 'Zendesk',
    access: 'manifest',
    matches: ['https://*.zendesk.com/agent/*'],
    contentScript: 'content-scripts/zendesk.js',
    conversationUrl: (origin, conversationId) => `${origin}/agent/tickets/${id(conversationId)}`,
  },
  {
    // Cloud from the manifest; self-hosted origins get the same script registered at runtime.
    id: 'chatwoot',
    name: 'Chatwoot',
    access: 'manifest',
    matches: ['https://app.chatwoot.com/app/*'],
    contentScript: 'content-scripts/chatwoot.js',
    // Replyline's Chatwoot id is `{accountId}:{displayId}` (chatwoot/routes.ts).
    conversationUrl: (origin, conversationId) => {
      const [account, display] = conversationId.split(':');
      return display === undefined ? `${origin}/app` : `${origin}/app/accounts/${id(account)}/conversations/${id(display)}`;
    },
  },
  {
    id: 'zammad',
    name: 'Zammad',
    access: 'runtime',
    matches: ['https://helpdesk.example.org/*'],
    contentScript: 'content-scripts/zammad.js',
    // The legacy desktop app routes in the hash (zammad/routes.ts).
    conversationUrl: (origin, conversationId) => `${origin}/#ticket/zoom/${id(conversationId)}`,
  },
  {
    id: 'freescout',
    name: 'FreeScout',
    access: 'runtime',
    matches: ['https://helpdesk.example.org/*'],
    contentScript: 'content-scripts/freescout.js',
    // An installation under a sub-path is not known from the origin alone: the link opens its root's route.
    conversationUrl: (origin, conversationId) => `${origin}/conversation/${id(conversationId)}`,
  },
];

/**
 * The helpdesk page of a conversation, or null when no adapter declares the helpdesk (a recipe's
 * pages have no known shape) or the origin is not a web origin.
 */
export function conversationUrl(helpdesk: string, origin: string, conversationId: string): string | null {
  if (!/^https?:\/\/[^/]+$/.test(origin)) return null;
  const entry = HELPDESKS.find((h) => h.id === helpdesk) ?? (helpdesk === DEMO_DESK.id ? DEMO_DESK : undefined);
  return entry ? entry.conversationUrl(origin, conversationId) : null;
}
