/**
 * Demo Desk: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read.
 */
import type { HelpdeskEntry } from '../registry';

export const demoDeskDeclaration: HelpdeskEntry = {
  id: 'demo-desk',
  name: 'Demo Desk',
  access: 'manifest',
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  contentScript: 'content-scripts/demodesk.js',
  conversationUrl: (origin, conversationId) => `${origin}/conversations/${encodeURIComponent(conversationId)}`,
};
