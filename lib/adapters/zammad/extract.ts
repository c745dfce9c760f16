/**
 * Reads Zammad's legacy desktop app overviews into observations. Times come only from the ISO
 * `datetime` attribute Zammad writes on every `time.humanTimeFromNow` (the localized title and the
 * relative text are never read); names are never touched. Anything absent or not exact is left out
 * and named in `missing`. The ticket in front is read through the API (api.ts).
 */
import type { ObservedConversation } from '../../messaging/protocol';
import { attr, parseIsoTime } from '../framework/parse';
import { NamesCollector } from '../framework/names';
import type { PageNames } from '../../messaging/protocol';
import { zammadSelectors as sel } from './selectors';

/**
 * The signed-in agent's id and display name ("firstname lastname"), filled in by the content
 * script from same-origin `/api/v1/users/me`.
 */
export const zammadSession: { userId: string | null; userName: string | null } = { userId: null, userName: null };

type TimeCell = { kind: 'none' } | { kind: 'at'; at: number } | { kind: 'bad' };

/** A date cell: no time element = no value; a time element must carry an exact ISO datetime. */
function readTimeCell(cell: Element | undefined): TimeCell {
  const time = cell?.querySelector('time.humanTimeFromNow');
  if (!time) return { kind: 'none' };
  const at = parseIsoTime(time.getAttribute('datetime'));
  return at === null ? { kind: 'bad' } : { kind: 'at', at };
}

export function listRowElements(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(sel.row.selector));
}

export function rowConversationId(row: Element): string | null {
  const id = attr(row, 'data-id');
  return id !== null && /^\d+$/.test(id) ? id : null;
}

/** Column attribute names by cell position (the checkbox column has no key). */
function columnKeys(root: ParentNode): Array<string | null> {
  const headerRow =
    root instanceof Element && root.matches('table')
      ? root.querySelector(':scope > thead > tr')
      : root.querySelector(`${sel.overviewTable.selector} > thead > tr`);
  return headerRow ? Array.from(headerRow.children, (th) => th.getAttribute('data-column-key')) : [];
}

/** A row's cell under the column with this attribute name, for the badge. */
export function rowCell(row: Element, key: string): Element | null {
  const table = row.closest('table');
  const index = table ? columnKeys(table).indexOf(key) : -1;
  return index >= 0 ? (row.children[index] ?? null) : null;
}

export function listRows(root: ParentNode): ObservedConversation[] {
  const keys = columnKeys(root);
  const out: ObservedConversation[] = [];
  for (const row of listRowElements(root)) {
    const conversationId = rowConversationId(row);
    if (!conversationId) continue;
    const cells = new Map<string, Element>();
    Array.from(row.children).forEach((cell, index) => {
      const key = keys[index];
      if (key) cells.set(key, cell);
    });
    const item: ObservedConversation = { conversationId };
    const missing: string[] = [];

    if (cells.has('created_at')) {
      const created = readTimeCell(cells.get('created_at'));
      // Every ticket has a creation time: an empty cell is as unreadable as a bad one.
      if (created.kind === 'at') item.createdAt = created.at;
      else missing.push('createdAt');
    }
    if (cells.has('escalation_at')) {
      const escalation = readTimeCell(cells.get('escalation_at'));
      if (escalation.kind === 'bad') missing.push('escalationAt');
      else item.escalationAt = escalation.kind === 'at' ? escalation.at : null;
    }
    // Waiting-since is stated exactly only when nobody waits: the agent's last contact is not
    // older than the customer's, or the customer never wrote. When the customer wrote last, the
    // earliest unanswered message may be older than the last contact: left unknown.
    if (cells.has('last_contact_customer_at') && cells.has('last_contact_agent_at')) {
      const customer = readTimeCell(cells.get('last_contact_customer_at'));
      const agent = readTimeCell(cells.get('last_contact_agent_at'));
      if (customer.kind === 'bad' || agent.kind === 'bad') missing.push('waitingSince');
      else if (customer.kind === 'none' || (agent.kind === 'at' && agent.at >= customer.at)) item.waitingSince = null;
    }
    if (missing.length) item.missing = missing;
    out.push(item);
  }
  return out;
}

/** Tickets are read through the API (api.ts); the zoom's DOM only hosts the strip and the reply box. */
export function conversation(): ObservedConversation | null {
  return null;
}

export function currentAgent(): string | null {
  return zammadSession.userId;
}

/**
 * Names: the signed-in agent's own (from `/api/v1/users/me`), and each overview row's customer
 * (the `customer` column, when the overview shows it). The `owner` column shows the owner's name
 * without an id, so assignees' names are not read.
 */
export function names(root: ParentNode): PageNames {
  const found = new NamesCollector();
  found.agent(zammadSession.userId, zammadSession.userName);
  const index = columnKeys(root).indexOf('customer');
  if (index >= 0) for (const row of listRowElements(root)) found.customer(rowConversationId(row), row.children[index]?.textContent);
  return found.result();
}

export function composeBox(root: ParentNode): Element | null {
  return root.querySelector(sel.composeBox.selector);
}
