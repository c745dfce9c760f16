import type { OutcomeTag } from '@/lib/storage/schema';
import { OUTCOME_TAGS } from '@/lib/storage/reviews';

const LABELS: Record<OutcomeTag, string> = {
  retention: 'Retention',
  renewal: 'Renewal',
  upsell: 'Upsell',
  'churn-risk': 'Churn risk',
};

/** Toggle buttons (aria-pressed): what this conversation meant for the account. */
export function OutcomeTags({ tags, onChange }: { tags: readonly OutcomeTag[]; onChange: (tags: OutcomeTag[]) => void }) {
  const toggle = (tag: OutcomeTag) => onChange(tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag]);
  return (
    <section className="now-card" aria-labelledby="outcome-title">
      <div className="card-head">
        <h3 id="outcome-title">Outcome</h3>
      </div>
      <div role="group" aria-labelledby="outcome-title" className="outcome-tags">
        {OUTCOME_TAGS.map((tag) => (
          <button key={tag} type="button" className={`tag-toggle tag-${tag}`} aria-pressed={tags.includes(tag)} onClick={() => toggle(tag)}>
            {LABELS[tag]}
          </button>
        ))}
      </div>
    </section>
  );
}
