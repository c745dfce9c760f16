/**
 * FreeScout: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read. Self-hosted only: registered at runtime on the origins the user grants.
 */
import type { HelpdeskDeclaration, HelpdeskNames } from '../registry';
import { freeScoutBasePath } from './routes';

export const freeScoutDeclaration: HelpdeskDeclaration = {
  id: 'freescout',
  name: 'FreeScout',
  access: 'runtime',
  matches: ['https://helpdesk.example.org/*'],
  contentScript: 'content-scripts/freescout.js',
  // `site` keeps the sub-path of an installation like https://example.com/helpdesk (basePath).
  conversationUrl: (site, conversationId) => `${site}/conversation/${encodeURIComponent(conversationId)}`,
  basePath: freeScoutBasePath,
};

/**
 * Where its pages show display names (or why they are not read). Kept apart from the declaration
 * above, which the content script carries: the registry joins them for the extension's pages.
 */
export const freeScoutNames: HelpdeskNames = {
  self: {
    notRead:
      'The assignee list names the signed-in user "Me" (conversations/view.blade.php); the navigation bar\'s user menu is not in the verified markup.',
  },
  agents: {
    readFrom:
      "The conversation's assignee list `#conv-assignee ul.conv-user > li > a[data-user_id]`: each assignable user's full name by user id (conversations/view.blade.php).",
  },
  customers: {
    readFrom:
      "Folder list rows: the own text of `td.conv-customer > a` (the customer's name; the `span.conv-email` address beside it is never read; conversations_table.blade.php).",
  },
};
