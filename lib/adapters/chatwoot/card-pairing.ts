/**
 * Which conversation a Chatwoot list card stands for, only where the page proves it.
 *
 * A card (`widgets/conversation/ConversationCard.vue`, every generation 2020–2025) names its
 * conversation nowhere: a `div.conversation` with a click handler, no href, id or data attribute
 * of the conversation. `components/ChatList.vue` renders the cards through a virtual list with
 * `data-index` = the card's place in the dashboard's own list (the store's conversations of the
 * assignee tab, status and order the agent chose, none of them in the URL). So a card is paired
 * with a conversation of a list read from the API (same filter, each assignee tab) only when:
 * - every card on screen has a `data-index`, and at that index the API list holds a conversation
 *   whose contact name is the card's (`h4.conversation--user`): the whole window lines up, so the
 *   lists are the same list in the same order (a shifted or other list fails on some card);
 * - the card's contact name is held by no other conversation of that list (a contact with two
 *   conversations could swap places unseen): such cards get no badge;
 * - every list that lines up names the same conversation for the card.
 * Otherwise nothing is paired and the reason is reported (health). Names are compared in the
 * page only and never leave it.
 */

export interface NamedRow {
  conversationId: string;
  /** The contact's name as the API serves it; null when it has none. */
  name: string | null;
}

export interface CardPairing {
  /** Card → conversation id, for the cards proven. */
  pairs: Map<Element, string>;
  /** Why cards are not paired (empty when every card is), for health. */
  problems: string[];
}

export const CARD_SELECTOR = '.conversations-list .conversation';
const NAME_SELECTOR = '.conversation--user';

function nameOf(card: Element): string | null {
  const text = card.querySelector(NAME_SELECTOR)?.textContent;
  const name = text?.replace(/\s+/g, ' ').trim();
  return name ? name : null;
}

function indexOf(card: Element): number | null {
  const raw = card.getAttribute('data-index');
  return raw !== null && /^\d{1,6}$/.test(raw) ? Number(raw) : null;
}

/** Pairs the cards with the lists read from the API (one per assignee tab); see the header. */
export function pairCards(cards: readonly Element[], lists: ReadonlyArray<readonly NamedRow[]>): CardPairing {
  const pairs = new Map<Element, string>();
  if (cards.length === 0) return { pairs, problems: [] };
  const shown = cards.map((card) => ({ card, index: indexOf(card), name: nameOf(card) }));
  if (shown.some((s) => s.index === null || s.name === null)) return { pairs, problems: ['list.card:unreadable'] };
  const matching = lists.filter((rows) => shown.every((s) => rows[s.index!]?.name === s.name));
  if (matching.length === 0) return { pairs, problems: ['list.card:no-list-lines-up'] };
  const problems = new Set<string>();
  for (const s of shown) {
    const ids = new Set<string>();
    let duplicated = false;
    for (const rows of matching) {
      if (rows.filter((row) => row.name === s.name).length > 1) duplicated = true;
      ids.add(rows[s.index!].conversationId);
    }
    if (duplicated) problems.add('list.card:same-contact');
    else if (ids.size > 1) problems.add('list.card:lists-disagree');
    else pairs.set(s.card, [...ids][0]);
  }
  return { pairs, problems: [...problems] };
}
