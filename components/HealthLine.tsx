import type { HealthRecord } from '@/lib/storage/schema';

const HELPDESK_NAMES: Record<string, string> = { 'demo-desk': 'Demo Desk' };

export function helpdeskName(id: string): string {
  return HELPDESK_NAMES[id] ?? id;
}

/** "Demo Desk: 24 rows, 0 missing" per route, errors first. Page-derived names as text. */
export function HealthLine({ records }: { records: HealthRecord[] }) {
  if (records.length === 0) return <p className="health muted">No helpdesk page seen yet.</p>;
  const sorted = [...records].sort((a, b) => Number(Boolean(b.error)) - Number(Boolean(a.error)) || b.at - a.at);
  return (
    <ul className="health" aria-label="Adapter health">
      {sorted.slice(0, 3).map((record) => (
        <li
          key={record.key}
          className={record.error || record.missing.length ? 'health-bad' : 'health-ok'}
          title={record.missing.length ? `Not found: ${record.missing.join(', ')}` : `Page: ${record.route}`}
        >
          {record.error
            ? `${helpdeskName(record.helpdesk)}: ${record.error}`
            : `${helpdeskName(record.helpdesk)} (${record.route}): ${Object.entries(record.found)
                .map(([probe, count]) => `${count} ${probe}`)
                .join(', ')}${Object.keys(record.found).length ? ', ' : ''}${record.missing.length} missing`}
        </li>
      ))}
    </ul>
  );
}
