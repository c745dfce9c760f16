import type { Aggregate } from '@/lib/engine/types';
import { formatDuration } from './format';

export function CountStat({ label, value, definition }: { label: string; value: number | null; definition: string }) {
  return (
    <div className="stat" title={definition} data-stat={label}>
      <dt>{label}</dt>
      <dd className="stat-value" data-value={value ?? ''}>
        {value ?? '—'}
      </dd>
    </div>
  );
}

/** Median first, with p90 and n beside it; no values show "—", never 0. */
export function DurationStat({ label, aggregate, definition }: { label: string; aggregate: Aggregate; definition: string }) {
  return (
    <div className="stat" title={definition} data-stat={label}>
      <dt>{label}</dt>
      <dd className="stat-value" data-median-seconds={aggregate.median ?? ''}>
        {formatDuration(aggregate.median)}
      </dd>
      <dd className="stat-sub" data-n={aggregate.n} data-p90-seconds={aggregate.p90 ?? ''}>
        p90 {formatDuration(aggregate.p90)} · n {aggregate.n}
      </dd>
    </div>
  );
}
