/**
 * What the Zendesk adapter reads from the page itself: which ticket is in front (the URL),
 * the rows of a view (for badges) and the reply box of the ticket in front. Everything with
 * a time comes from the API (api.ts); nothing here reads text.
 */
import type { ObservedConversation } from '../../messaging/protocol';
import { zendeskRoutes } from './routes';
import { ticketLayoutSelector, zendeskSelectors as sel } from './selectors';

const TICKET_HREF = /\/agent\/tickets\/(\d{1,12})(?:[/?#]|$)/;

function currentTicketId(root: ParentNode): string | null {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const href = doc.defaultView?.location.href;
  return href ? zendeskRoutes.conversation(new URL(href)) : null;
}

/** The grid of the ticket named by the URL (other open tabs stay in the DOM, hidden). */
export function currentTicketLayout(root: ParentNode): Element | null {
  const id = currentTicketId(root);
  return id ? root.querySelector(ticketLayoutSelector(id)) : null;
}

export function listRowElements(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(sel.viewRow.selector));
}

export function rowConversationId(row: Element): string | null {
  const link = row.querySelector('a[href*="/agent/tickets/"]');
  const href = link?.getAttribute('href');
  return href ? (TICKET_HREF.exec(href)?.[1] ?? null) : null;
}

/** Rows are read through the API (api.ts); the DOM has no facts on them. */
export function listRows(): ObservedConversation[] {
  return [];
}

/** The conversation is read through the API (api.ts). */
export function conversation(): ObservedConversation | null {
  return null;
}

export function composeBox(root: ParentNode): Element | null {
  return currentTicketLayout(root)?.querySelector(sel.composeBox.selector) ?? null;
}
