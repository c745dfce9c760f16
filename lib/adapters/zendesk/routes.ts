/**
 * Zendesk agent workspace routes (client-side routing under `/agent`): a ticket
 * `/agent/tickets/{id}` (also its `/events` tab), views `/agent/filters/{id}` and the
 * dashboard/home. Pure functions of the URL; the examples below are the tests' input.
 */
import type { AdapterRoutes, RouteExamples } from '../framework/types';

const ZENDESK_HOST = /^[a-z0-9][a-z0-9-]*\.zendesk\.com$/;
const TICKET_PATH = /^\/agent\/tickets\/(\d{1,12})(?:\/events)?\/?$/;
const VIEW_PATH = /^\/agent\/filters\/(\d{1,20})\/?$/;
const DASHBOARD_PATH = /^\/agent\/(?:dashboard|home(?:\/[a-z-]+)?)\/?$/;

const onZendesk = (url: URL) => url.protocol === 'https:' && ZENDESK_HOST.test(url.hostname);

export const zendeskRoutes: AdapterRoutes = {
  list: (url) => onZendesk(url) && (VIEW_PATH.test(url.pathname) || DASHBOARD_PATH.test(url.pathname)),
  conversation: (url) => (onZendesk(url) ? (TICKET_PATH.exec(url.pathname)?.[1] ?? null) : null),
};

/** The view id of a `/agent/filters/{id}` page, else null (the dashboard has no view). */
export function zendeskViewId(url: URL): string | null {
  return onZendesk(url) ? (VIEW_PATH.exec(url.pathname)?.[1] ?? null) : null;
}

export const zendeskRouteExamples: RouteExamples = {
  list: {
    positive: [
      'https://acme.zendesk.com/agent/filters/360001234567',
      'https://acme.zendesk.com/agent/filters/42/',
      'https://acme.zendesk.com/agent/dashboard',
      'https://acme.zendesk.com/agent/home/tickets',
      'https://support-eu.zendesk.com/agent/filters/7?sort=updated_at',
    ],
    negative: [
      'https://acme.zendesk.com/agent/tickets/1234',
      'https://acme.zendesk.com/agent/filters/',
      'https://acme.zendesk.com/agent/admin/views',
      'https://acme.zendesk.com/hc/en-us',
      'http://acme.zendesk.com/agent/filters/42',
      'https://acme.zendesk.com.evil.example/agent/filters/42',
      'https://app.chatwoot.com/app/accounts/1/dashboard',
    ],
  },
  conversation: {
    positive: [
      ['https://acme.zendesk.com/agent/tickets/1234', '1234'],
      ['https://acme.zendesk.com/agent/tickets/98765/', '98765'],
      ['https://acme.zendesk.com/agent/tickets/5/events', '5'],
      ['https://support-eu.zendesk.com/agent/tickets/77?brand=2#comment', '77'],
    ],
    negative: [
      'https://acme.zendesk.com/agent/tickets/new/1',
      'https://acme.zendesk.com/agent/tickets/',
      'https://acme.zendesk.com/agent/tickets/1234/print',
      'https://acme.zendesk.com/api/v2/tickets/1234.json',
      'https://acme.zendesk.com/hc/requests/1234',
      'https://zendesk.com/agent/tickets/1234',
      'https://acme.zendesk.com.evil.example/agent/tickets/1234',
      'http://localhost:4400/conversations/c-17',
    ],
  },
};
