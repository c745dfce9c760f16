/**
 * Zammad routes (legacy desktop app): the page is always `/` and the route lives in the URL
 * hash (`App.Config.set('ticket/zoom/:ticket_id', …, 'Routes')` in
 * app/assets/javascripts/app/controllers/ticket_zoom.coffee). Overviews are `#ticket/view` and
 * `#ticket/view/{overview link}`. The Vue 3 apps under `/desktop` and `/mobile` have another DOM
 * and are not read. Pure functions of the URL; the examples below are the tests' input.
 */
import type { AdapterRoutes, RouteExamples } from '../framework/types';

const ZOOM = /^#ticket\/zoom\/(\d+)(?:\/(\d+))?\/?$/;
const OVERVIEW = /^#ticket\/view(?:\/[A-Za-z0-9_-]+)?\/?$/;

function isLegacyApp(url: URL): boolean {
  return !/^\/(desktop|mobile)(\/|$)/.test(url.pathname);
}

export const zammadRoutes: AdapterRoutes = {
  list: (url) => isLegacyApp(url) && OVERVIEW.test(url.hash),
  conversation: (url) => (isLegacyApp(url) ? (ZOOM.exec(url.hash)?.[1] ?? null) : null),
};

export const zammadRouteExamples: RouteExamples = {
  list: {
    positive: [
      'https://helpdesk.example.org/#ticket/view',
      'https://helpdesk.example.org/#ticket/view/my_assigned',
      'https://helpdesk.example.org/#ticket/view/all_unassigned/',
      'https://support.example.com:8443/#ticket/view/my_pending_reached',
    ],
    negative: [
      'https://helpdesk.example.org/#ticket/zoom/42',
      'https://helpdesk.example.org/#dashboard',
      'https://helpdesk.example.org/#ticket/create',
      'https://helpdesk.example.org/#ticket/view/my_assigned/2/next',
      'https://helpdesk.example.org/desktop/#ticket/view/my_assigned',
      'https://helpdesk.example.org/ticket/view/my_assigned',
    ],
  },
  conversation: {
    positive: [
      ['https://helpdesk.example.org/#ticket/zoom/42', '42'],
      ['https://helpdesk.example.org/#ticket/zoom/42/305', '42'],
      ['https://support.example.com:8443/#ticket/zoom/7/', '7'],
    ],
    negative: [
      'https://helpdesk.example.org/#ticket/zoom/',
      'https://helpdesk.example.org/#ticket/zoom/abc',
      'https://helpdesk.example.org/#ticket/zoom/42/305/extra',
      'https://helpdesk.example.org/#ticket/view/my_assigned',
      'https://helpdesk.example.org/api/v1/tickets/42',
      'https://helpdesk.example.org/desktop/tickets/42',
      'https://helpdesk.example.org/mobile/tickets/42',
    ],
  },
};
