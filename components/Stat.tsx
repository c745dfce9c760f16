import type { Aggregate } from '@/lib/engine/types';
import { formatDuration } from './format';

export function CountStat({ label, value, definition }: { label: string; value: number | null; definition: string }) {
  return (
    <div className="stat" title={definition}>
      <dt>{label}</dt>
      <dd className="stat-value">{value ?? '—'}</dd>
    </div>
  );
}

/** Median first, with p90 and n beside it; no values show "—", never 0. */
export function DurationStat({ label, aggregate, definition }: { label: string; aggregate: Aggregate; definition: string }) {
  return (
    <div className="stat" title={definition}>
      <dt>{label}</dt>
      <dd className="stat-value">{formatDuration(aggregate.median)}</dd>
      <dd className="stat-sub">
        p90 {formatDuration(aggregate.p90)} · n {aggregate.n}
      </dd>
    </div>
  );
}
