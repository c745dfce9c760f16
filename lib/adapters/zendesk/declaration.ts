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
  // Zendesk is a hosted subdomain: always at the root.
  conversationUrl: (site, conversationId) => `${site}/agent/tickets/${encodeURIComponent(conversationId)}`,
  names: {
    self: {
      notRead: 'In `GET /api/v2/users/me.json` (`name`), which the adapter reads for the id and role only: not carried yet.',
    },
    agents: {
      notRead: 'In `GET /api/v2/users/show_many.json` (`name`), which the adapter reads for roles only: not carried yet.',
    },
    customers: {
      notRead: 'The agent workspace is a React app without stable name markup; the users API has them, not carried yet.',
    },
  },
};
