/**
 * Chatwoot dashboard routes (Vue router, `app/javascript/dashboard/helper/URLHelper.js`):
 * `/app/accounts/{a}/conversations/{id}` and its filtered variants (inbox, label, team,
 * custom_view, mentions, participating, unattended). A conversation id is only unique within
 * its account, so Replyline's id is `{accountId}:{displayId}`. Any origin: Chatwoot is often
 * self-hosted (the content script only runs where the manifest or the user allows it).
 */
import type { AdapterRoutes, RouteExamples } from '../framework/types';

const FILTER = String.raw`(?:(?:inbox|label|team|custom_view)/[^/]+/|mentions/|participating/|unattended/)?`;
const CONVERSATION_PATH = new RegExp(String.raw`^/app/accounts/(\d{1,12})/${FILTER}conversations/(\d{1,12})/?$`);
const LIST_PATH =
  /^\/app\/accounts\/(\d{1,12})\/(?:dashboard|inbox\/(\d{1,12})|label\/([^/]+)|team\/(\d{1,12})|custom_view\/\d{1,12}|(?:mentions|participating|unattended)\/conversations)\/?$/;

const onHttp = (url: URL) => url.protocol === 'https:' || url.protocol === 'http:';

export const chatwootRoutes: AdapterRoutes = {
  list: (url) => onHttp(url) && LIST_PATH.test(url.pathname),
  conversation: (url) => {
    const m = onHttp(url) ? CONVERSATION_PATH.exec(url.pathname) : null;
    return m ? `${m[1]}:${m[2]}` : null;
  },
};

/** `{accountId}:{displayId}` → its parts, else null. */
export function splitConversationId(id: string): { accountId: string; displayId: string } | null {
  const m = /^(\d{1,12}):(\d{1,12})$/.exec(id);
  return m ? { accountId: m[1], displayId: m[2] } : null;
}

/** The API filter of a list page, when Chatwoot's conversation index can serve it; else null. */
export function chatwootListFilter(url: URL): { accountId: string; query: string } | null {
  const m = onHttp(url) ? LIST_PATH.exec(url.pathname) : null;
  if (!m) return null;
  const accountId = m[1];
  const base = 'status=open&assignee_type=all&page=1';
  if (url.pathname.endsWith('/dashboard') || url.pathname.endsWith('/dashboard/')) return { accountId, query: base };
  if (m[2]) return { accountId, query: `${base}&inbox_id=${m[2]}` };
  if (m[3]) return { accountId, query: `${base}&labels[]=${encodeURIComponent(decodeURIComponent(m[3]))}` };
  if (m[4]) return { accountId, query: `${base}&team_id=${m[4]}` };
  // Custom views, mentions, participating and unattended use other endpoints: not read.
  return null;
}

export const chatwootRouteExamples: RouteExamples = {
  list: {
    positive: [
      'https://app.chatwoot.com/app/accounts/1/dashboard',
      'https://app.chatwoot.com/app/accounts/12/inbox/3',
      'https://app.chatwoot.com/app/accounts/1/label/billing',
      'https://app.chatwoot.com/app/accounts/1/team/2/',
      'https://app.chatwoot.com/app/accounts/1/custom_view/5',
      'https://app.chatwoot.com/app/accounts/1/mentions/conversations',
      'https://chat.example.org/app/accounts/1/unattended/conversations',
    ],
    negative: [
      'https://app.chatwoot.com/app/accounts/1/conversations/42',
      'https://app.chatwoot.com/app/accounts/1/contacts',
      'https://app.chatwoot.com/app/accounts/1/settings/inboxes/list',
      'https://app.chatwoot.com/app/login',
      'https://app.chatwoot.com/api/v1/accounts/1/conversations',
      'https://acme.zendesk.com/agent/filters/42',
      'http://localhost:4400/inbox',
    ],
  },
  conversation: {
    positive: [
      ['https://app.chatwoot.com/app/accounts/1/conversations/42', '1:42'],
      ['https://app.chatwoot.com/app/accounts/12/inbox/3/conversations/7', '12:7'],
      ['https://app.chatwoot.com/app/accounts/1/label/billing/conversations/42?messageId=900', '1:42'],
      ['https://app.chatwoot.com/app/accounts/1/team/2/conversations/42/', '1:42'],
      ['https://app.chatwoot.com/app/accounts/1/custom_view/5/conversations/42', '1:42'],
      ['https://app.chatwoot.com/app/accounts/1/mentions/conversations/42', '1:42'],
      ['https://app.chatwoot.com/app/accounts/1/participating/conversations/42', '1:42'],
      ['https://chat.example.org/app/accounts/3/unattended/conversations/9', '3:9'],
    ],
    negative: [
      'https://app.chatwoot.com/app/accounts/1/conversations',
      'https://app.chatwoot.com/app/accounts/1/conversations/42/messages',
      'https://app.chatwoot.com/api/v1/accounts/1/conversations/42',
      'https://app.chatwoot.com/app/accounts/1/contacts/42',
      'https://app.chatwoot.com/app/accounts/x/conversations/42',
      'https://acme.zendesk.com/agent/tickets/1234',
      'http://localhost:4400/conversations/c-17',
    ],
  },
};
