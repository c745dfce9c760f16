/**
 * Suggested targets beside the current ones (Settings → Targets): the p75 of the last four
 * complete weeks, with the data behind it, and an Apply button that fills the field (saved
 * with the section's own Save button).
 */
import { useEffect, useState } from 'react';
import { suggestTargets, type SuggestedTarget, type TargetMetric } from '@/lib/engine/analytics';
import type { ConversationMetrics } from '@/lib/engine/types';
import { getDb } from '@/lib/storage/db';
import type { TargetKind } from '@/lib/settings/model';
import { loadTeamHistory } from '@/lib/sidepanel-state/team';
import { formatDuration } from '@/components/format';
import { fullDefinition, SMALL_SAMPLE_TEXT } from './figures';
import './insights.css';

export const KIND_OF_METRIC: Record<TargetMetric, TargetKind> = {
  firstResponse: 'firstResponseSeconds',
  nextResponse: 'nextResponseSeconds',
  resolution: 'resolutionSeconds',
};

const METRIC_NAMES: Record<TargetMetric, string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

/** Every measured conversation (observed and imported), read once when the section opens. */
function useMeasured(): { metrics: ConversationMetrics[]; timezone: string; now: number } | null {
  const [state, setState] = useState<{ metrics: ConversationMetrics[]; timezone: string; now: number } | null>(null);
  useEffect(() => {
    let live = true;
    const now = Date.now();
    void getDb()
      .then((db) => loadTeamHistory(db, now))
      .then(({ data, detail }) => {
        if (live)
          setState({
            metrics: [...detail.metrics].map(([key, m]) => ({ ...m, id: key })),
            timezone: data.settings.calendar.timezone,
            now,
          });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return state;
}

function SuggestionRow({ s, onApply }: { s: SuggestedTarget; onApply?: () => void }) {
  return (
    <tr
      data-suggestion={`${s.metric}|${s.channel}`}
      data-suggested-seconds={s.suggestedSeconds ?? ''}
      data-n={s.n}
      className={s.small ? 'small-sample' : undefined}
    >
      <th scope="row">
        {s.channel === 'all' ? METRIC_NAMES[s.metric] : s.channel}
        {s.small && s.n > 0 ? (
          <span className="small-flag" title={SMALL_SAMPLE_TEXT} aria-label="small sample">
            {' '}
            ⚠
          </span>
        ) : null}
      </th>
      <td>{s.currentSeconds === null ? '—' : formatDuration(s.currentSeconds)}</td>
      <td className="suggested">
        <strong>{formatDuration(s.suggestedSeconds)}</strong>
      </td>
      <td className="muted">
        n {s.n} · p50 {formatDuration(s.p50)} · p75 {formatDuration(s.p75)} · p90 {formatDuration(s.p90)}
      </td>
      <td>
        {onApply && s.suggestedSeconds !== null ? (
          <button
            type="button"
            className="link"
            onClick={onApply}
            aria-label={`Apply suggested ${METRIC_NAMES[s.metric].toLowerCase()} target`}
          >
            Apply
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function SuggestedTargets({
  clock,
  current,
  onApply,
}: {
  clock: 'business' | 'calendar';
  current: Partial<Record<TargetKind, number>>;
  onApply: (kind: TargetKind, seconds: number) => void;
}) {
  const measured = useMeasured();
  if (!measured) return null;
  const suggestions = suggestTargets({
    metrics: measured.metrics,
    timezone: measured.timezone,
    clock,
    now: measured.now,
    current: {
      firstResponse: current.firstResponseSeconds,
      nextResponse: current.nextResponseSeconds,
      resolution: current.resolutionSeconds,
    },
  });
  const all = suggestions.filter((s) => s.channel === 'all');
  const perChannel = suggestions.filter((s) => s.channel !== 'all' && s.n > 0);
  const weeks = all[0]?.weeks ?? [];
  return (
    <div className="suggested-targets" title={fullDefinition('suggestedTargets')}>
      <p className="suggested-title">
        <strong>Suggested targets</strong>
      </p>
      <p className="muted small">
        The p75 of the last {weeks.length} complete weeks ({weeks[0]} to {weeks[weeks.length - 1]}), {clock} time: three conversations in
        four already meet it.
      </p>
      <table className="insights-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Current</th>
            <th scope="col">Suggested</th>
            <th scope="col">Data</th>
            <th scope="col">
              <span className="visually-hidden">Apply</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {all.map((s) => (
            <SuggestionRow key={s.metric} s={s} onApply={() => onApply(KIND_OF_METRIC[s.metric], s.suggestedSeconds as number)} />
          ))}
        </tbody>
      </table>
      {perChannel.length ? (
        <details className="drill">
          <summary>Per channel (use an override to apply)</summary>
          <table className="insights-table">
            <tbody>
              {perChannel.map((s) => (
                <SuggestionRow key={`${s.metric}|${s.channel}`} s={s} />
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
