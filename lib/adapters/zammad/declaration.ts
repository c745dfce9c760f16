/**
 * Zammad: the one declaration the adapter, the helpdesk registry and the content script's
 * entrypoint all read. Self-hosted only: registered at runtime on the origins the user grants.
 */
import type { HelpdeskDeclaration, HelpdeskNames } from '../registry';

export const zammadDeclaration: HelpdeskDeclaration = {
  id: 'zammad',
  name: 'Zammad',
  access: 'runtime',
  matches: ['https://helpdesk.example.org/*'],
  contentScript: 'content-scripts/zammad.js',
  // The legacy desktop app routes in the hash (routes.ts); `site` keeps a sub-path the app is served under.
  conversationUrl: (site, conversationId) => `${site}/#ticket/zoom/${encodeURIComponent(conversationId)}`,
  // The app is the page at its path (a reverse proxy may serve it under one, e.g. /zammad/); its routes are in the hash.
  basePath: (pageUrl) => pageUrl.pathname.replace(/\/(?:index\.html)?$/, ''),
};

/**
 * Where its pages show display names (or why they are not read). Kept apart from the declaration
 * above, which the content script carries: the registry joins them for the extension's pages.
 */
export const zammadNames: HelpdeskNames = {
  self: { readFrom: "`GET /api/v1/users/me` (same origin, the agent's session): `firstname` and `lastname` by `id`." },
  agents: {
    notRead:
      "Overviews' `owner` column shows the owner's name without the user id (generic/table.jst.eco), and the ticket API answers `owner_id` with the login, not the name.",
  },
  customers: {
    readFrom:
      'Overview rows: the cell under `th[data-column-key="customer"]` of `tr.item[data-id]` (generic/table.jst.eco), when the overview shows that column.',
  },
};
