/**
 * The worker's half of reconciling (the page's half: lib/adapters/framework/reconcile.ts): which
 * conversations should a page ask its helpdesk about? Those stored as open, pending or snoozed
 * for that helpdesk and origin that no page showed for RECONCILE_AFTER_MS, oldest seen first;
 * the ones the asking page just stopped showing come first, whatever their age. Only
 * unresolved records are read (the `by-status` index), so a long history costs nothing here.
 */
import { csStaleOpenSchema, type BgStaleOpen } from '../messaging/protocol';
import { RECONCILE_AFTER_MS, lastSeenAt } from '../measure/freshness';
import type { ConversationRecord } from '../measure/stored';
import type { ReplylineDb } from '../storage/db';

const UNRESOLVED = ['open', 'pending', 'snoozed'] as const;

/** Validates the question and answers it from storage. Never throws. */
export async function answerStaleOpen(raw: unknown, db: ReplylineDb, now: number): Promise<BgStaleOpen> {
  const parsed = csStaleOpenSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'invalid message: cs:get-stale-open', conversationIds: [] };
  const { helpdesk, origin, departed, visible, limit } = parsed.data;
  try {
    const tx = db.transaction('conversations', 'readonly');
    const index = tx.store.index('by-status');
    const lists = await Promise.all(UNRESOLVED.map((status) => index.getAll(status)));
    await tx.done;
    const shown = new Set(visible);
    const gone = new Set(departed);
    const mine = (record: ConversationRecord) =>
      record.helpdesk === helpdesk && record.origin === origin && !shown.has(record.conversationId);
    const first: ConversationRecord[] = [];
    const stale: ConversationRecord[] = [];
    for (const record of lists.flat()) {
      if (!mine(record)) continue;
      if (gone.has(record.conversationId)) first.push(record);
      else if (now - lastSeenAt(record) >= RECONCILE_AFTER_MS) stale.push(record);
    }
    const bySeen = (a: ConversationRecord, b: ConversationRecord) => lastSeenAt(a) - lastSeenAt(b) || a.key.localeCompare(b.key);
    first.sort(bySeen);
    stale.sort(bySeen);
    return { ok: true, conversationIds: [...first, ...stale].slice(0, limit).map((r) => r.conversationId) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), conversationIds: [] };
  }
}
