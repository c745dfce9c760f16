/**
 * Chatwoot: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read. Cloud from the manifest; self-hosted origins get the same script registered at runtime.
 */
import type { HelpdeskDeclaration, HelpdeskNames } from '../registry';

export const chatwootDeclaration: HelpdeskDeclaration = {
  id: 'chatwoot',
  name: 'Chatwoot',
  access: 'manifest',
  matches: ['https://app.chatwoot.com/app/*'],
  contentScript: 'content-scripts/chatwoot.js',
  // Replyline's Chatwoot id is `{accountId}:{displayId}` (routes.ts).
  // Chatwoot serves its dashboard at the origin's root (`/app/…`, FRONTEND_URL is an origin): no sub-path.
  conversationUrl: (site, conversationId) => {
    const [account, display] = conversationId.split(':');
    return display === undefined
      ? `${site}/app`
      : `${site}/app/accounts/${encodeURIComponent(account)}/conversations/${encodeURIComponent(display)}`;
  },
};

/**
 * Where its pages show display names (or why they are not read). Kept apart from the declaration
 * above, which the content script carries: the registry joins them for the extension's pages.
 */
export const chatwootNames: HelpdeskNames = {
  self: { readFrom: "`GET /api/v1/profile` (same origin, the dashboard's own auth headers): `id` and `name`." },
  agents: {
    readFrom:
      '`GET /api/v1/accounts/{a}/agents` (`id`, `name`; agents/index + models/_agent), read when a conversation has activity messages to understand.',
  },
  customers: {
    notRead:
      'List cards show the contact as `h4.conversation--user` without an id (cards are paired indirectly, card-pairing.ts): not read.',
  },
};
