/**
 * Asking the Demo Desk about conversations no page shows any more: its own JSON API, same
 * origin, `GET /api/conversations?ids=c-1,c-2` (demo/server/server.ts; unknown ids are left out
 * of the answer), the same summaries its inbox renders. Times are ISO 8601 with a zone; one that
 * is not is named in `missing`, never guessed.
 */
import { z } from 'zod/mini';
import type { ObservedConversation } from '../../messaging/protocol';
import { parseShape, type FetchJson } from '../framework/api-source';
import { parseIsoTime } from '../framework/parse';
import type { AdapterReconcile } from '../framework/types';

const summarySchema = z.object({
  conversations: z.array(
    z.object({
      id: z.string().check(z.minLength(1)),
      customerId: z.string(),
      channel: z.string(),
      status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
      assigneeId: z.nullable(z.string()),
      createdAt: z.string(),
      waitingSince: z.nullable(z.string()),
    }),
  ),
});

/** Ids per request: the query string stays short (ids are `c-` and a number). */
export const DEMO_DESK_RECONCILE_BATCH = 50;

export async function readDemoDeskSummaries(ids: string[], fetchJson: FetchJson): Promise<ObservedConversation[]> {
  const query = ids.map(encodeURIComponent).join(',');
  const body = parseShape(summarySchema, await fetchJson(`/api/conversations?ids=${query}`), 'conversations');
  return body.conversations.map((row) => {
    const missing: string[] = [];
    const out: ObservedConversation = {
      conversationId: row.id,
      channel: row.channel,
      customerId: row.customerId,
      status: row.status,
      assigneeId: row.assigneeId,
    };
    const createdAt = parseIsoTime(row.createdAt);
    if (createdAt !== null) out.createdAt = createdAt;
    else missing.push('createdAt');
    if (row.waitingSince === null) out.waitingSince = null;
    else {
      const at = parseIsoTime(row.waitingSince);
      if (at !== null) out.waitingSince = at;
      else missing.push('waitingSince');
    }
    if (missing.length) out.missing = missing;
    return out;
  });
}

export const demoDeskReconcile: AdapterReconcile = { batch: DEMO_DESK_RECONCILE_BATCH, read: readDemoDeskSummaries };
