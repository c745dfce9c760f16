/**
 * What the Chatwoot adapter reads from the page itself: only the reply box. The conversation
 * in front comes from the URL, every fact from the API (api.ts); list cards carry no id and are
 * paired with the API's lists in adapter.ts (card-pairing.ts).
 */
import type { ObservedConversation } from '../../messaging/protocol';
import { chatwootSelectors as sel } from './selectors';

export function listRows(): ObservedConversation[] {
  return [];
}

export function conversation(): ObservedConversation | null {
  return null;
}

export function composeBox(root: ParentNode): Element | null {
  return root.querySelector(sel.composeBox.selector);
}
