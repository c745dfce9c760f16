/**
 * How a stored conversation record takes in one new observation: the rule the extension's
 * worker (lib/background/ingest.ts) and the team hub (hub/src/ingest.ts) share, so a
 * conversation observed by the same pages has the same record in both.
 */
import type { ObservedConversation } from '../messaging/protocol';
import type { ConversationRecord } from './stored';

/** Facts from one observation merged over the stored record; absent fields stay as they were. */
export function mergeConversation(
  existing: ConversationRecord | undefined,
  observed: ObservedConversation,
  helpdesk: string,
  origin: string,
  now: number,
): ConversationRecord {
  // conversationKey()'s format (lib/messaging/protocol.ts), which this pure layer may not import.
  const key = `${helpdesk}|${origin}|${observed.conversationId}`;
  const record: ConversationRecord = existing
    ? { ...existing }
    : {
        key,
        helpdesk,
        origin,
        conversationId: observed.conversationId,
        hasEvents: false,
        missingFromList: [],
        missingFromView: [],
        unverified: false,
        firstSeenAt: now,
        updatedAt: now,
      };
  const missing = observed.missing ?? [];
  const has = (field: string) => !missing.includes(field);
  if (observed.channel !== undefined) record.channel = observed.channel;
  if (observed.createdAt !== undefined && has('createdAt')) record.createdAt = observed.createdAt;
  if (observed.customerId !== undefined) record.customerId = observed.customerId;
  if (observed.status !== undefined) record.status = observed.status;
  if (observed.assigneeId !== undefined) record.assigneeId = observed.assigneeId;
  if (observed.priority !== undefined) record.priority = observed.priority;
  if (observed.tags !== undefined) record.tags = [...observed.tags];
  if (has('waitingSince')) {
    if (observed.waitingSince !== undefined) record.waitingSince = observed.waitingSince;
  } else {
    // An unreadable waiting time is unknown: drop the old value rather than keep a stale one.
    delete record.waitingSince;
  }
  if (observed.events !== undefined) {
    record.hasEvents = true;
    record.missingFromView = [...missing];
  } else {
    record.missingFromList = [...missing];
  }
  record.unverified = record.missingFromList.length > 0 || record.missingFromView.length > 0;
  record.updatedAt = now;
  // Read from the page or the helpdesk's API just now (lib/measure/freshness.ts).
  record.seenAt = now;
  return record;
}
