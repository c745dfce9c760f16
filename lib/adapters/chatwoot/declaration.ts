/**
 * Chatwoot: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read. Cloud from the manifest; self-hosted origins get the same script registered at runtime.
 */
import type { HelpdeskEntry } from '../registry';

export const chatwootDeclaration: HelpdeskEntry = {
  id: 'chatwoot',
  name: 'Chatwoot',
  access: 'manifest',
  matches: ['https://app.chatwoot.com/app/*'],
  contentScript: 'content-scripts/chatwoot.js',
  // Replyline's Chatwoot id is `{accountId}:{displayId}` (routes.ts).
  conversationUrl: (origin, conversationId) => {
    const [account, display] = conversationId.split(':');
    return display === undefined
      ? `${origin}/app`
      : `${origin}/app/accounts/${encodeURIComponent(account)}/conversations/${encodeURIComponent(display)}`;
  },
};
