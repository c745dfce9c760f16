/**
 * What the runner hands to whoever draws on the page (the overlay), and how the overlay's own
 * elements are told apart from the page's. Shared by the runner and lib/overlay/, so that
 * neither imports the other.
 */
import type { ObservedConversation } from '../../messaging/protocol';
import type { RouteKind } from './types';

/** Elements the overlay inserts into the page carry this attribute (its mutations are ignored, see overlayHosts). */
export const OVERLAY_HOST_ATTRIBUTE = 'data-replyline-overlay';

/**
 * The overlay's host elements, registered as they are made: the observer asks this set about
 * every added or removed node, a plain lookup where asking the DOM for the attribute is a call
 * into the page's bindings.
 */
export const overlayHosts = new WeakSet<Node>();

export interface RowView {
  conversationId: string;
  element: Element;
  observation: ObservedConversation | undefined;
}

export interface PageView {
  route: RouteKind | null;
  /** The Demo Desk, Zendesk…: the document the anchors are looked up in. */
  root: Element | null;
  rows: RowView[];
  conversation: ObservedConversation | null;
  agentId: string | null;
  /**
   * What differs from the previous view when only some rows changed: rows read again or whose
   * inside changed (`changed`), and rows gone (`removed`). Absent: compare every row.
   */
  rowChanges?: { changed: RowView[]; removed: Element[] };
}
