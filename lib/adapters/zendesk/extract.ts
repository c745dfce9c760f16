/**
 * What the Zendesk adapter reads from the page itself: which ticket is in front (the URL),
 * the rows of a view (for badges) and the reply box of the ticket in front. Everything with
 * a time comes from the API (api.ts); nothing here reads text.
 */
import type { ObservedConversation } from '../../messaging/protocol';
import { zendeskRoutes } from './routes';
import { COMPOSE_BOX, STRIP_PLACEMENTS, ticketScopeCandidates, zendeskSelectors as sel } from './selectors';
import type { OverlayPlacement } from '../framework/types';

/** `/agent/tickets/{id}` or the relative `tickets/{id}` of newer view rows. */
const TICKET_HREF = /(?:^|\/)tickets\/(\d{1,12})(?:[/?#]|$)/;
const ID_CELL = /^#(\d{1,12})$/;

function currentTicketId(root: ParentNode): string | null {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const href = doc.defaultView?.location.href;
  return href ? zendeskRoutes.conversation(new URL(href)) : null;
}

/** The container of the ticket named by the URL, in whichever generation the page is (selectors.ts). */
export function currentTicketScope(root: ParentNode): Element | null {
  const id = currentTicketId(root);
  if (!id) return null;
  for (const candidate of ticketScopeCandidates(id)) {
    const scope = root.querySelector(candidate);
    if (scope) return scope;
  }
  return null;
}

/** Where the timer strip goes in the ticket in front. */
export function stripPlacement(root: ParentNode): OverlayPlacement | null {
  const scope = currentTicketScope(root);
  if (!scope) return null;
  for (const { selector, position } of STRIP_PLACEMENTS) {
    const anchor = scope.querySelector(selector);
    if (anchor) return { anchor, position };
  }
  return null;
}

/** The row's ticket link, else its "#{id}" cell: where its badge goes. */
export function rowTicketAnchor(row: Element): OverlayPlacement | null {
  const link = row.querySelector('a[href*="tickets/"]');
  if (link && TICKET_HREF.test(link.getAttribute('href') ?? '')) return { anchor: link, position: 'afterend' };
  const cell = row.querySelector('td[data-test-id="generic-table-cells-id"]');
  return cell && ID_CELL.test(cell.textContent?.trim() ?? '') ? { anchor: cell, position: 'beforeend' } : null;
}

export function listRowElements(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(sel.viewRow.selector));
}

export function rowConversationId(row: Element): string | null {
  const href = row.querySelector('a[href*="tickets/"]')?.getAttribute('href');
  const fromLink = href ? TICKET_HREF.exec(href)?.[1] : undefined;
  if (fromLink) return fromLink;
  const cell = row.querySelector('td[data-test-id="generic-table-cells-id"]')?.textContent?.trim();
  return cell ? (ID_CELL.exec(cell)?.[1] ?? null) : null;
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
  return currentTicketScope(root)?.querySelector(COMPOSE_BOX) ?? null;
}
