/** Value and change texts of the Me view's headline numbers. */
import { formatDuration } from '../format';
import type { Change, ValueKind } from '../../lib/measure/week-figures';

export function formatValue(value: number | null, kind: ValueKind): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (kind === 'seconds') return formatDuration(value);
  if (kind === 'share') return `${Math.round(value * 100)}%`;
  return String(Math.round(value * 10) / 10);
}

/** "▲ 1m 20s", "▼ 5 pts", "▲ 3"; an empty string when there is nothing to compare. */
export function formatChange(change: Change, kind: ValueKind): string {
  if (change.delta === null) return '';
  if (change.delta === 0) return '= 0';
  const arrow = change.delta > 0 ? '▲' : '▼';
  const size = Math.abs(change.delta);
  if (kind === 'seconds') return `${arrow} ${formatDuration(size)}`;
  if (kind === 'share') return `${arrow} ${Math.round(size * 100)} pts`;
  return `${arrow} ${Math.round(size * 10) / 10}`;
}

export function changeTitle(change: Change): string {
  switch (change.verdict) {
    case 'better':
      return 'Better than the week before';
    case 'worse':
      return 'Worse than the week before';
    case 'same':
      return 'Same as the week before';
    case 'neutral':
      return 'Change from the week before (neither better nor worse)';
    case 'unknown':
      return 'No figure to compare with the week before';
  }
}
