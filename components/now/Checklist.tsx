import { useId } from 'react';
import { scoreReview, withAutoChecks, type AutoCheckKey, type QaAnswer } from '@/lib/engine/qa';
import type { ChecklistTemplate } from '@/lib/settings/model';
import type { ReviewRecord } from '@/lib/storage/schema';
import { definitionText } from '../format';

const ANSWERS: Array<{ value: QaAnswer; label: string }> = [
  { value: 'pass', label: 'Pass' },
  { value: 'fail', label: 'Fail' },
  { value: 'na', label: 'N/A' },
];

export function formatQaScore(score: number | null): string {
  return score === null ? '—' : `${Math.round(score * 100)} %`;
}

/** "3 of 8 answered · 100 % of answered passed"; the whole list answered reads "8 of 8 answered · 88 %". */
export function checklistProgress(result: { score: number | null; answered: number; total: number; criticalFailed: boolean }): string {
  const head = `${result.answered} of ${result.total} answered`;
  if (result.score === null) return result.answered === 0 ? `${head} · no score yet` : `${head} · all N/A, no score`;
  if (result.criticalFailed) return `${head} · a critical item failed`;
  return result.answered < result.total
    ? `${head} · ${formatQaScore(result.score)} of answered passed`
    : `${head} · ${formatQaScore(result.score)}`;
}

/**
 * The quality checklist of the conversation in front: one radio group per item (Pass / Fail /
 * N/A), items with an auto-check pre-ticked from the reply draft's checks until answered.
 */
export function Checklist({
  template,
  review,
  autoChecks,
  onAnswers,
}: {
  template: ChecklistTemplate;
  review: ReviewRecord | null;
  autoChecks: Partial<Record<AutoCheckKey, boolean>> | null;
  onAnswers: (answers: Record<string, QaAnswer>) => void;
}) {
  const baseId = useId();
  const { answers, auto } = withAutoChecks(template.items, review?.answers ?? {}, autoChecks);
  const result = scoreReview(template.items, answers);
  const state = result.criticalFailed ? 'failed' : result.score === null ? 'none' : result.score >= 0.8 ? 'good' : 'fair';
  return (
    <section className="now-card checklist" aria-labelledby={`${baseId}-title`}>
      <div className="card-head">
        <h3 id={`${baseId}-title`} title={definitionText('qaScore')}>
          Quality checklist
        </h3>
        <span className="muted small">{template.name}</span>
        <span
          className={`qa-score qa-${state}${result.answered < result.total ? ' qa-partial' : ''}`}
          data-qa-score={result.score ?? ''}
          data-critical-failed={result.criticalFailed}
          aria-live="polite"
          data-complete={result.answered === result.total}
          aria-label={`Quality score ${formatQaScore(result.score)}${result.answered < result.total ? ` of the ${result.answered} answered items` : ''}${result.criticalFailed ? ', a critical item failed' : ''}`}
          title={result.answered < result.total ? 'Scored over the answered items only; unanswered items do not count yet.' : undefined}
        >
          {formatQaScore(result.score)}
        </span>
      </div>
      {result.criticalFailed ? (
        <p className="qa-critical" role="status">
          A critical item failed: the review scores 0.
        </p>
      ) : null}
      <ul className="qa-items">
        {template.items.map((item) => {
          const labelId = `${baseId}-${item.id}`;
          const answer = answers[item.id];
          const choices = item.allowNa === false ? ANSWERS.filter((a) => a.value !== 'na') : ANSWERS;
          return (
            <li key={item.id} className={`qa-item qa-answer-${answer ?? 'none'}`} data-item={item.id}>
              <div className="qa-label">
                <span id={labelId}>{item.label}</span>
                <span className="qa-meta">
                  {item.critical ? <span className="qa-badge qa-badge-critical">critical</span> : null}
                  {auto.has(item.id) ? (
                    <span
                      className="qa-badge qa-badge-auto"
                      title="Ticked from checks of your reply draft, made in the page; the draft is not stored."
                    >
                      auto
                    </span>
                  ) : null}
                  <span className="qa-weight" title="Weight in the score">
                    ×{item.weight}
                  </span>
                </span>
              </div>
              <div
                role="radiogroup"
                aria-labelledby={labelId}
                className={`qa-choices ${choices.length < ANSWERS.length ? 'qa-choices-no-na' : ''}`}
              >
                {choices.map((choice) => (
                  <label key={choice.value} className={`qa-choice qa-choice-${choice.value}`}>
                    <input
                      type="radio"
                      name={labelId}
                      value={choice.value}
                      checked={answer === choice.value}
                      onChange={() => onAnswers({ ...answers, [item.id]: choice.value })}
                    />
                    <span>{choice.label}</span>
                  </label>
                ))}
              </div>
              {/* Keeps Pass / Fail in one column when an item has no N/A. */}
              {choices.length < ANSWERS.length ? <span className="qa-choice-gap" aria-hidden="true" /> : null}
            </li>
          );
        })}
      </ul>
      <p className="muted small qa-progress" data-answered={result.answered} data-total={result.total}>
        <progress className="qa-progress-bar" max={Math.max(1, result.total)} value={result.answered} aria-hidden="true" />
        {checklistProgress(result)}
        {review ? ' · saved' : ''}
      </p>
    </section>
  );
}
