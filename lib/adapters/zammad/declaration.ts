/**
 * Zammad: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read. Self-hosted only: registered at runtime on the origins the user grants.
 */
import type { HelpdeskEntry } from '../registry';

export const zammadDeclaration: HelpdeskEntry = {
  id: 'zammad',
  name: 'Zammad',
  access: 'runtime',
  matches: ['https://helpdesk.example.org/*'],
  contentScript: 'content-scripts/zammad.js',
  // The legacy desktop app routes in the hash (routes.ts).
  conversationUrl: (origin, conversationId) => `${origin}/#ticket/zoom/${encodeURIComponent(conversationId)}`,
};
