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
  conversationUrl: (site, conversationId) => `${site}/conversations/${encodeURIComponent(conversationId)}`,
  names: {
    self: { readFrom: "The top bar's agent switch `header.dd-topbar select.dd-agent-switch option[value]` (the selected agent's option)." },
    agents: { readFrom: 'The same agent switch: one option per agent, value = agent id, text = display name.' },
    customers: { readFrom: 'Inbox rows `tr.dd-row .dd-customer` and the conversation heading `h1.dd-customer-name`.' },
  },
};
