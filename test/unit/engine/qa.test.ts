/** QA checklist scoring: weights, N/A, critical fail, all N/A, auto-check pre-ticks. */
import { describe, expect, it } from 'vitest';
import { scoreReview, withAutoChecks, type QaItem } from '../../../lib/engine/qa';

/** A template shaped like the settings' built-in one: weights 1, 1, 2, 3, 1, 1. */
const TEMPLATE: QaItem[] = [
  { id: 'greeting', label: 'Greeting', weight: 1, critical: false, autoCheck: 'greeting' },
  { id: 'customer-name', label: 'Used the customer’s name', weight: 1, critical: false, autoCheck: 'customerName' },
  { id: 'answered-all', label: 'Answered every question', weight: 2, critical: false, autoCheck: 'noUnansweredQuestion' },
  { id: 'correct-information', label: 'Correct information', weight: 3, critical: true },
  { id: 'closing', label: 'Clear closing', weight: 1, critical: false, autoCheck: 'closing' },
  { id: 'tone', label: 'Tone', weight: 1, critical: false },
];

const items: QaItem[] = [
  { id: 'greeting', label: 'Greeting', weight: 1, critical: false },
  { id: 'answered', label: 'Answered', weight: 2, critical: false },
  { id: 'correct', label: 'Correct', weight: 3, critical: true },
  { id: 'tone', label: 'Tone', weight: 4, critical: false },
];

describe('scoreReview', () => {
  it('weights the passed items: (1 + 3) / (1 + 2 + 3 + 4) = 0.4', () => {
    const result = scoreReview(items, { greeting: 'pass', answered: 'fail', correct: 'pass', tone: 'fail' });
    expect(result).toEqual({ score: 0.4, criticalFailed: false, passedWeight: 4, countedWeight: 10, answered: 4, total: 4 });
  });

  it('leaves N/A items out of both sums: (1 + 3) / (1 + 3 + 4) = 0.5', () => {
    const result = scoreReview(items, { greeting: 'pass', answered: 'na', correct: 'pass', tone: 'fail' });
    expect(result).toEqual({ score: 0.5, criticalFailed: false, passedWeight: 4, countedWeight: 8, answered: 4, total: 4 });
  });

  it('scores 1 when every counted item passes, whatever is N/A', () => {
    expect(scoreReview(items, { greeting: 'na', answered: 'pass', correct: 'pass', tone: 'na' }).score).toBe(1);
  });

  it('sets the review to 0 when a critical item fails, however much else passed', () => {
    const result = scoreReview(items, { greeting: 'pass', answered: 'pass', correct: 'fail', tone: 'pass' });
    expect(result).toEqual({ score: 0, criticalFailed: true, passedWeight: 7, countedWeight: 10, answered: 4, total: 4 });
  });

  it('a critical item marked N/A does not fail the review', () => {
    const result = scoreReview(items, { greeting: 'pass', answered: 'pass', correct: 'na', tone: 'fail' });
    expect(result.criticalFailed).toBe(false);
    expect(result.score).toBeCloseTo(3 / 7, 12);
  });

  it('is null (not 0) when every item is N/A, and for an empty checklist', () => {
    expect(scoreReview(items, { greeting: 'na', answered: 'na', correct: 'na', tone: 'na' })).toEqual({
      score: null,
      criticalFailed: false,
      passedWeight: 0,
      countedWeight: 0,
      answered: 4,
      total: 4,
    });
    expect(scoreReview([], {}).score).toBeNull();
  });

  it('scores only the answered items of a half-filled list, and says how many are answered', () => {
    // Only the greeting (weight 1) answered: 1 / 1, with 1 of 4 answered.
    expect(scoreReview(items, { greeting: 'pass' })).toEqual({
      score: 1,
      criticalFailed: false,
      passedWeight: 1,
      countedWeight: 1,
      answered: 1,
      total: 4,
    });
    // Greeting passed (weight 1), tone failed (weight 4), the rest unanswered: 1 / 5.
    expect(scoreReview(items, { greeting: 'pass', tone: 'fail' })).toMatchObject({ score: 0.2, answered: 2, countedWeight: 5 });
    // N/A counts as answered but not scored; nothing scorable answered is no score, not 0.
    expect(scoreReview(items, { tone: 'na' })).toMatchObject({ score: null, answered: 1 });
    expect(scoreReview(items, {})).toMatchObject({ score: null, answered: 0, total: 4 });
  });

  it('ignores answers for items that are not in the template', () => {
    expect(scoreReview(items, { greeting: 'pass', answered: 'pass', correct: 'pass', tone: 'pass', removed: 'fail' }).score).toBe(1);
  });

  it('scores a six-item template: all pass but tone N/A = 1; correct information failed = 0', () => {
    const ids = TEMPLATE.map((i) => i.id);
    const allPass = Object.fromEntries(ids.map((id) => [id, 'pass' as const]));
    expect(scoreReview(TEMPLATE, { ...allPass, tone: 'na' }).score).toBe(1);
    // Weights 1, 1, 2, 3, 1, 1: failing the closing only = 8 / 9.
    expect(scoreReview(TEMPLATE, { ...allPass, closing: 'fail' }).score).toBeCloseTo(8 / 9, 12);
    expect(scoreReview(TEMPLATE, { ...allPass, 'correct-information': 'fail' })).toMatchObject({ score: 0, criticalFailed: true });
  });
});

describe('withAutoChecks', () => {
  it('pre-ticks unanswered items whose auto-check holds; the agent’s own answer wins', () => {
    const { answers, auto } = withAutoChecks(
      TEMPLATE,
      { closing: 'fail' },
      { greeting: true, customerName: false, closing: true, noUnansweredQuestion: true },
    );
    expect(answers).toEqual({ greeting: 'pass', 'answered-all': 'pass', closing: 'fail' });
    expect([...auto].sort()).toEqual(['answered-all', 'greeting']);
  });

  it('changes nothing without compose checks', () => {
    const { answers, auto } = withAutoChecks(TEMPLATE, { tone: 'na' }, null);
    expect(answers).toEqual({ tone: 'na' });
    expect(auto.size).toBe(0);
  });
});
