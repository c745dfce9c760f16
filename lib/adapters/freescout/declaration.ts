/**
 * FreeScout: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read. Self-hosted only: registered at runtime on the origins the user grants.
 */
import type { HelpdeskEntry } from '../registry';

export const freeScoutDeclaration: HelpdeskEntry = {
  id: 'freescout',
  name: 'FreeScout',
  access: 'runtime',
  matches: ['https://helpdesk.example.org/*'],
  contentScript: 'content-scripts/freescout.js',
  // An installation under a sub-path is not known from the origin alone: the link opens its root's route.
  conversationUrl: (origin, conversationId) => `${origin}/conversation/${encodeURIComponent(conversationId)}`,
};
