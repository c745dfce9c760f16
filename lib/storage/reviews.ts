/**
 * Quality reviews and outcome tags, one record each per conversation (stores `reviews` and
 * `outcomes`), and the compose-box checks the worker keeps in `state`. Answers, scores, tags
 * and booleans only: no message or draft text is ever part of these records.
 */
import { scoreReview, type QaAnswer, type QaItem } from '../engine/qa';
import type { ReplylineDb } from './db';
import { composeStateKey, type ComposeChecksState, type OutcomeRecord, type OutcomeTag, type ReviewRecord } from './schema';

export const OUTCOME_TAGS: readonly OutcomeTag[] = ['retention', 'renewal', 'upsell', 'churn-risk'];

export async function readReview(db: ReplylineDb, conversationKey: string): Promise<ReviewRecord | null> {
  return (await db.get('reviews', conversationKey)) ?? null;
}

export interface ReviewInput {
  conversationKey: string;
  templateId: string;
  items: readonly QaItem[];
  answers: Record<string, QaAnswer>;
  reviewerId: string | null;
  at: number;
}

/**
 * Stores a review with its score computed from the template's items (never a score passed
 * in): answers for items no longer in the template are dropped.
 */
export async function saveReview(db: ReplylineDb, input: ReviewInput): Promise<ReviewRecord> {
  const ids = new Set(input.items.map((item) => item.id));
  const answers: Record<string, QaAnswer> = {};
  for (const [id, answer] of Object.entries(input.answers)) {
    if (ids.has(id) && (answer === 'pass' || answer === 'fail' || answer === 'na')) answers[id] = answer;
  }
  const { score, criticalFailed } = scoreReview(input.items, answers);
  const record: ReviewRecord = {
    conversationKey: input.conversationKey,
    templateId: input.templateId,
    answers,
    score,
    criticalFailed,
    reviewerId: input.reviewerId,
    reviewedAt: input.at,
  };
  await db.put('reviews', record);
  return record;
}

export async function readOutcome(db: ReplylineDb, conversationKey: string): Promise<OutcomeRecord | null> {
  return (await db.get('outcomes', conversationKey)) ?? null;
}

/** Stores the conversation's outcome tags (known tags only, in a fixed order, no duplicates). */
export async function saveOutcome(
  db: ReplylineDb,
  conversationKey: string,
  tags: readonly OutcomeTag[],
  agentId: string | null,
  at: number,
): Promise<OutcomeRecord> {
  const record: OutcomeRecord = { conversationKey, tags: OUTCOME_TAGS.filter((tag) => tags.includes(tag)), agentId, updatedAt: at };
  await db.put('outcomes', record);
  return record;
}

/** Conversation keys carrying an outcome tag (the `by-tag` multi-entry index). */
export async function conversationsTagged(db: ReplylineDb, tag: OutcomeTag): Promise<string[]> {
  return (await db.getAllFromIndex('outcomes', 'by-tag', tag)).map((record) => record.conversationKey);
}

export async function readComposeChecks(db: ReplylineDb, conversationKey: string): Promise<ComposeChecksState | null> {
  return ((await db.get('state', composeStateKey(conversationKey))) as ComposeChecksState | undefined) ?? null;
}
