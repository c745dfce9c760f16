/**
 * Quality checklist (QA scorecard) scoring, as Zendesk QA and MaestroQA define it:
 *
 *   score = Σ weight × pass / Σ weight, over the items not marked N/A
 *
 * - An item answered 'pass' contributes its weight; 'fail' contributes 0.
 * - Unanswered items leave both sums, as items marked 'na' do (Zendesk QA: N/A categories are
 *   excluded): a half-filled list scores what was checked, and `answered` of `total` says how
 *   far the review is (an unfinished list is not a bad one).
 * - Nothing answered, or every answered item N/A: score null — nothing to score, which is not 0.
 * - Any critical item answered 'fail' sets the score to 0 and criticalFailed (Zendesk QA: a
 *   critical category below 50 % sets the review to 0; MaestroQA: auto-fail sections).
 *   Binary items have a category score of 0 % or 100 %, so "below 50 %" is simply 'fail'.
 *
 * Pure: no browser APIs, relative imports only.
 */

export type QaAnswer = 'pass' | 'fail' | 'na';

/**
 * Compose-box checks the content script can compute; an item with one is pre-ticked. The same
 * keys as the settings' checklist items (lib/storage/settings.ts AutoCheckKey).
 */
export type AutoCheckKey = 'greeting' | 'customerName' | 'closing' | 'noUnansweredQuestion';

/** One checklist item; structurally the settings' ChecklistItem. */
export interface QaItem {
  id: string;
  label: string;
  /** Relative weight, > 0. */
  weight: number;
  /** A failed critical item fails the whole review (score 0). */
  critical: boolean;
  /** Whether N/A may be answered; absent = allowed. */
  allowNa?: boolean;
  autoCheck?: AutoCheckKey;
}

export interface QaScore {
  /** 0–1 over the answered items; null when nothing is answered or every answer is N/A. */
  score: number | null;
  criticalFailed: boolean;
  /** Σ weight of the passed items, and of the items counted (answered pass or fail). */
  passedWeight: number;
  countedWeight: number;
  /** Items with an answer (pass, fail or N/A) out of all items. */
  answered: number;
  total: number;
}

export function scoreReview(items: readonly QaItem[], answers: Readonly<Record<string, QaAnswer | undefined>>): QaScore {
  let passedWeight = 0;
  let countedWeight = 0;
  let answered = 0;
  let criticalFailed = false;
  for (const item of items) {
    const answer = answers[item.id];
    if (answer === undefined || answer === 'na') {
      if (answer === 'na') answered++;
      continue;
    }
    answered++;
    const weight = Math.max(0, item.weight);
    countedWeight += weight;
    if (answer === 'pass') passedWeight += weight;
    if (answer === 'fail' && item.critical) criticalFailed = true;
  }
  let score: number | null = countedWeight > 0 ? passedWeight / countedWeight : null;
  if (criticalFailed) score = 0;
  return { score, criticalFailed, passedWeight, countedWeight, answered, total: items.length };
}

/**
 * The answers shown for a review: the stored answers, with items whose auto-check holds
 * pre-ticked as 'pass' where nobody answered them yet (an agent's own answer always wins).
 */
export function withAutoChecks(
  items: readonly QaItem[],
  stored: Readonly<Record<string, QaAnswer>>,
  checks: Readonly<Partial<Record<AutoCheckKey, boolean>>> | null,
): { answers: Record<string, QaAnswer>; auto: Set<string> } {
  const answers: Record<string, QaAnswer> = { ...stored };
  const auto = new Set<string>();
  if (!checks) return { answers, auto };
  for (const item of items) {
    if (item.autoCheck && answers[item.id] === undefined && checks[item.autoCheck] === true) {
      answers[item.id] = 'pass';
      auto.add(item.id);
    }
  }
  return { answers, auto };
}
