/** Small figure components of the Insights area: every number with its n and its definition on hover. */
import type { ReactNode } from 'react';
import { METRIC_DEFINITIONS, SMALL_SAMPLE_MIN, type MetricId } from '@/lib/engine/definitions';
import type { Rate } from '@/lib/engine/analytics';
import type { Aggregate } from '@/lib/engine/types';
import { formatDuration } from '@/components/format';

/** The whole written definition, in the words of METRIC_DEFINITIONS (docs/metrics.md says the same). */
export function fullDefinition(id: MetricId): string {
  const d = METRIC_DEFINITIONS.find((m) => m.id === id);
  if (!d) return '';
  const parts = [`${d.name}.`];
  if (d.start !== '—') parts.push(`Starts: ${d.start}`);
  if (d.stop !== '—') parts.push(`Stops: ${d.stop}`);
  if (d.exclusions !== '—') parts.push(`Excluded: ${d.exclusions}`);
  if (d.time !== '—') parts.push(`Time: ${d.time}`);
  parts.push(`Figure: ${d.aggregation}`, `Period: ${d.period}`);
  return parts.join(' ');
}

export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;

export const SMALL_SAMPLE_TEXT = `Small sample: fewer than ${SMALL_SAMPLE_MIN} values, read with care`;

export function SmallFlag({ small, n }: { small: boolean; n: number }) {
  if (!small || n === 0) return null;
  return (
    <span className="small-flag" title={SMALL_SAMPLE_TEXT} aria-label="small sample">
      {' '}
      ⚠
    </span>
  );
}

/** A share with its count out of n. */
export function RateFigure({ label, rate, definition, name }: { label: string; rate: Rate; definition: MetricId; name: string }) {
  return (
    <div
      className={`stat insight-stat${rate.small ? ' is-small' : ''}`}
      title={fullDefinition(definition)}
      data-insight={name}
      data-value={rate.share ?? ''}
      data-count={rate.count}
      data-n={rate.n}
    >
      <dt>{label}</dt>
      <dd className="stat-value">{percent(rate.share)}</dd>
      <dd className="stat-sub">
        {rate.count} of n {rate.n}
        <SmallFlag small={rate.small} n={rate.n} />
      </dd>
    </div>
  );
}

export function DurationFigure({
  label,
  aggregate,
  definition,
  name,
}: {
  label: string;
  aggregate: Aggregate;
  definition: MetricId;
  name: string;
}) {
  const small = aggregate.n < SMALL_SAMPLE_MIN;
  return (
    <div
      className={`stat insight-stat${small ? ' is-small' : ''}`}
      title={fullDefinition(definition)}
      data-insight={name}
      data-value={aggregate.median ?? ''}
      data-n={aggregate.n}
    >
      <dt>{label}</dt>
      <dd className="stat-value">{formatDuration(aggregate.median)}</dd>
      <dd className="stat-sub">
        p90 {formatDuration(aggregate.p90)} · n {aggregate.n}
        <SmallFlag small={small} n={aggregate.n} />
      </dd>
    </div>
  );
}

export function ValueFigure({
  label,
  value,
  sub,
  definition,
  name,
  n,
  small,
}: {
  label: string;
  value: string;
  sub: ReactNode;
  definition: MetricId;
  name: string;
  n: number;
  small: boolean;
}) {
  return (
    <div className={`stat insight-stat${small ? ' is-small' : ''}`} title={fullDefinition(definition)} data-insight={name} data-n={n}>
      <dt>{label}</dt>
      <dd className="stat-value">{value}</dd>
      <dd className="stat-sub">
        {sub}
        <SmallFlag small={small} n={n} />
      </dd>
    </div>
  );
}

/** A table cell: the share, and count of n below it. */
export function RateCell({ rate, name }: { rate: Rate; name?: string }) {
  return (
    <td data-column={name} data-value={rate.share ?? ''} data-n={rate.n} className={rate.small && rate.n > 0 ? 'small-sample' : undefined}>
      <span className="cell-value">{percent(rate.share)}</span>
      <span className="cell-n">
        {rate.count}/{rate.n}
        <SmallFlag small={rate.small} n={rate.n} />
      </span>
    </td>
  );
}

export function money(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
