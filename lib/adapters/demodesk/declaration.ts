/**
 * Demo Desk: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read.
 */
import type { HelpdeskDeclaration, HelpdeskNames } from '../registry';

export const demoDeskDeclaration: HelpdeskDeclaration = {
  id: 'demo-desk',
  name: 'Demo Desk',
  access: 'manifest',
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  contentScript: 'content-scripts/demodesk.js',
  conversationUrl: (site, conversationId) => `${site}/conversations/${encodeURIComponent(conversationId)}`,
};

/**
 * Where its pages show display names (or why they are not read). Kept apart from the declaration
 * above, which the content script carries: the registry joins them for the extension's pages.
 */
export const demoDeskNames: HelpdeskNames = {
  self: { readFrom: "The top bar's agent switch `header.dd-topbar select.dd-agent-switch option[value]` (the selected agent's option)." },
  agents: { readFrom: 'The same agent switch: one option per agent, value = agent id, text = display name.' },
  customers: { readFrom: 'Inbox rows `tr.dd-row .dd-customer` and the conversation heading `h1.dd-customer-name`.' },
};
