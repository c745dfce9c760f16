/**
 * How fresh a stored conversation is: when a page last showed it (or the helpdesk's own API
 * confirmed it), and what that allows the live queue and the notifications to claim.
 *
 * A conversation leaves the page the agent looks at without the page saying why (another
 * filter, resolved elsewhere, the tab closed). What Replyline last read then stays true only
 * for a while: after STALE_AFTER_MS its state is unknown. It is shown apart ("not seen since …"),
 * never counted as open, at risk or breached, and never announced. Helpdesks whose API can be
 * asked (RECONCILED_HELPDESKS) are asked about such conversations well before that
 * (RECONCILE_AFTER_MS), so theirs stay fresh while a tab of the helpdesk is open.
 */
import type { ConversationRecord } from './stored';

/**
 * Helpdesks whose adapters declare `reconcile` (lib/adapters/*\/adapter.ts): a conversation
 * believed open and no longer seen is asked about through the helpdesk's same-origin API.
 * The others (FreeScout, recipes) are read from their pages only. A unit test keeps this list
 * equal to the adapters' declarations.
 */
export const RECONCILED_HELPDESKS: ReadonlySet<string> = new Set(['demo-desk', 'zendesk', 'chatwoot', 'zammad']);

/** A conversation believed open and not seen for this long is asked about (API-backed helpdesks). */
export const RECONCILE_AFTER_MS = 60_000;

/**
 * Not seen nor confirmed for this long: its live state is unknown. Well above the time a page
 * takes to report what it shows (SEEN_REPORT_MS plus the sender's delay, and a hidden tab's
 * timers run once a minute) and the reconcile cycle, so a conversation on screen never flickers.
 */
export const STALE_AFTER_MS = 5 * 60_000;

/** How often a page reports the conversations it shows (unchanged ones are not sent again). */
export const SEEN_REPORT_MS = 20_000;

type Seen = Pick<ConversationRecord, 'seenAt' | 'updatedAt'>;

/** When a page last showed the conversation or its helpdesk's API confirmed it. */
export function lastSeenAt(record: Seen): number {
  // Records stored before `seenAt` existed: their last observation.
  return record.seenAt ?? record.updatedAt;
}

/** Its live state is unknown at `now`: shown apart, never at risk, breached or notified. */
export function isStale(record: Seen, now: number): boolean {
  return now - lastSeenAt(record) > STALE_AFTER_MS;
}

/** Whether Replyline can ask this helpdesk about a conversation it no longer sees. */
export function isReconciled(helpdesk: string): boolean {
  return RECONCILED_HELPDESKS.has(helpdesk);
}
