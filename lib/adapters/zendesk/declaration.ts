/**
 * Zendesk: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read.
 */
import type { HelpdeskEntry } from '../registry';

export const zendeskDeclaration: HelpdeskEntry = {
  id: 'zendesk',
  name: 'Zendesk',
  access: 'manifest',
  matches: ['https://*.zendesk.com/agent/*'],
  contentScript: 'content-scripts/zendesk.js',
  conversationUrl: (origin, conversationId) => `${origin}/agent/tickets/${encodeURIComponent(conversationId)}`,
};
