import { describeHealth } from '@/lib/sidepanel-state/health';
import type { HealthRecord } from '@/lib/storage/schema';

const ORDER = { problem: 0, checking: 1, ok: 2 } as const;

/**
 * "Demo Desk · Reading this list: 8 conversations, times exact" per page, problems first. Red only
 * for a lasting problem (see lib/sidepanel-state/health.ts); the parts not found are in the tooltip.
 */
export function HealthLine({ records }: { records: HealthRecord[] }) {
  if (records.length === 0) return <p className="health muted">No helpdesk page seen yet: open your helpdesk in a tab.</p>;
  const described = records
    .map((record) => ({ record, words: describeHealth(record) }))
    .sort((a, b) => ORDER[a.words.level] - ORDER[b.words.level] || b.record.at - a.record.at);
  return (
    <ul className="health" aria-label="Adapter health">
      {described.slice(0, 3).map(({ record, words }) => (
        <li key={record.key} className={`health-${words.level}`} title={words.detail ?? `Page: ${record.route} on ${record.origin}`}>
          <span className="health-helpdesk">{words.helpdesk}</span> · {words.text}
          {words.advice ? <span className="health-advice">{words.advice}</span> : null}
        </li>
      ))}
    </ul>
  );
}
