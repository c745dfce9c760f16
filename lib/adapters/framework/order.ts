/**
 * The helpdesk's own order of a conversation's events, carried with them (`position`). Times
 * often tie (one Zendesk audit holds a reply and "solved"; FreeScout prints minutes), and the
 * events are stored by key, so their order would otherwise be lost between page and engine.
 */
import type { ObservedEvent } from '../../messaging/protocol';

/** Numbers the events 0, 1, 2… in the order given, which must be the helpdesk's, oldest first. */
export function numberInOrder(events: ObservedEvent[]): ObservedEvent[] {
  events.forEach((event, index) => {
    event.position = index;
  });
  return events;
}

/**
 * Numbers events read in page order when the page's direction is not known (recipes): a page
 * whose first event is later than its last lists the newest first, and is numbered from the end.
 */
export function numberInPageOrder(events: ObservedEvent[]): ObservedEvent[] {
  const newestFirst = events.length > 1 && events[0].at > events[events.length - 1].at;
  events.forEach((event, index) => {
    event.position = newestFirst ? events.length - 1 - index : index;
  });
  return events;
}
