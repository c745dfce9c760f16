/**
 * Zendesk: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read.
 */
import type { HelpdeskDeclaration, HelpdeskNames } from '../registry';

export const zendeskDeclaration: HelpdeskDeclaration = {
  id: 'zendesk',
  name: 'Zendesk',
  access: 'manifest',
  matches: ['https://*.zendesk.com/agent/*'],
  contentScript: 'content-scripts/zendesk.js',
  // Zendesk is a hosted subdomain: always at the root.
  conversationUrl: (site, conversationId) => `${site}/agent/tickets/${encodeURIComponent(conversationId)}`,
};

/**
 * Where its pages show display names (or why they are not read). Kept apart from the declaration
 * above, which the content script carries: the registry joins them for the extension's pages.
 */
export const zendeskNames: HelpdeskNames = {
  self: { readFrom: "`GET /api/v2/users/me.json` (same origin, the agent's session): `user.name` of an agent or admin." },
  agents: {
    readFrom:
      "`GET /api/v2/users/show_many.json?ids=` (already read for the authors' roles): `name` of each agent or admin author of the ticket in front.",
  },
  customers: {
    notRead:
      "The requester's name is in the Users API, but the adapter does not map requesters to tickets yet; the agent workspace's markup has no stable name element.",
  },
};
