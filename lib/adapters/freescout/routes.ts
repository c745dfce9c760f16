/**
 * FreeScout routes (Laravel, routes/web.php): mailbox folders `/mailbox/{id}` and
 * `/mailbox/{id}/{folder_id}` (list), conversations `/conversation/{id}` (often with
 * `?folder_id=`). FreeScout may be installed under a sub-path, so any path prefix is allowed.
 * Pure functions of the URL; the examples below are the tests' input.
 */
import type { AdapterRoutes, RouteExamples } from '../framework/types';

const MAILBOX = /^((?:\/[^/]+)*)\/mailbox\/\d+(?:\/\d+)?\/?$/;
const CONVERSATION = /^((?:\/[^/]+)*)\/conversation\/(\d+)\/?$/;

/** The sub-path FreeScout is installed under, from a mailbox or conversation page ('' at the root); null on other pages. */
export function freeScoutBasePath(url: URL): string | null {
  return (MAILBOX.exec(url.pathname) ?? CONVERSATION.exec(url.pathname))?.[1] ?? null;
}

export const freeScoutRoutes: AdapterRoutes = {
  list: (url) => MAILBOX.test(url.pathname),
  conversation: (url) => CONVERSATION.exec(url.pathname)?.[2] ?? null,
};

export const freeScoutRouteExamples: RouteExamples = {
  list: {
    positive: [
      'https://helpdesk.example.org/mailbox/1',
      'https://helpdesk.example.org/mailbox/1/12',
      'https://helpdesk.example.org/mailbox/3/31?page=2',
      'https://example.org/support/mailbox/1/',
    ],
    negative: [
      'https://helpdesk.example.org/conversation/1207?folder_id=12',
      'https://helpdesk.example.org/mailbox/settings/1',
      'https://helpdesk.example.org/mailboxes',
      'https://helpdesk.example.org/mailbox/1/12/extra',
      'https://helpdesk.example.org/',
    ],
  },
  conversation: {
    positive: [
      ['https://helpdesk.example.org/conversation/1207?folder_id=12', '1207'],
      ['https://helpdesk.example.org/conversation/1207#thread-5512', '1207'],
      ['https://example.org/support/conversation/88/', '88'],
    ],
    negative: [
      'https://helpdesk.example.org/conversation/create',
      'https://helpdesk.example.org/conversation/1207/edit',
      'https://helpdesk.example.org/conversations/1207',
      'https://helpdesk.example.org/mailbox/1/12',
      'https://helpdesk.example.org/conversation/',
    ],
  },
};
