import { useEffect } from 'react';
import { useStoredData } from '@/components/hooks';
import { selectedFigures, useMe } from '@/lib/sidepanel-state/me';
import { TodayBlocks } from './me/TodayBlocks';
import { WeekStats } from './me/WeekStats';
import { TrendCharts } from './me/TrendCharts';
import { ExportBar } from './me/ExportBar';
import { ValueSummary } from './me-value/ValueSummary';
import type { Scope } from '../lib/measure/week-figures';
import './me/me.css';
import { agentText, useNames } from './names';

/** Set once the Me view shows numbers read from storage (the render benchmark reads it). */
export const ME_RENDERED_MARK = 'replyline:me-rendered';

export function MeView() {
  const state = useMe();
  const { status, error, data, scope, week, load, setScope, setWeek } = state;
  const { agents } = useNames();

  useStoredData(load);

  useEffect(() => {
    if (data)
      performance.mark(ME_RENDERED_MARK, {
        detail: {
          at: data.at,
          current: data.current,
          metrics: data.inputs.metrics.length,
          timings: data.timings,
          sinceNavigation: performance.now(),
        },
      });
  }, [data]);

  if (!data) {
    if (status === 'error')
      return (
        <p className="error" role="alert">
          Could not read stored data: {error}
        </p>
      );
    return <p className="muted">Loading…</p>;
  }
  const clock = data.settings.targets.clock;
  const selected = selectedFigures(state);
  const myName = agentText(agents, data.agentId, '');
  const scopeLabel = scope === 'me' && data.agentId ? `Me · ${myName}` : 'Everyone';
  return (
    <section aria-label="Me" className="me" data-at={data.at} data-agent-id={data.agentId ?? ''}>
      <p className="muted small">
        Medians on {clock === 'business' ? 'business' : 'calendar'} time · {data.timezone}
      </p>
      <TodayBlocks today={data.today} agentName={data.agentId ? myName : null} clock={clock} />

      <div className="me-controls">
        <label>
          Whose
          <select value={scope} onChange={(e) => setScope(e.target.value as Scope)} aria-label="Whose figures">
            <option value="me" disabled={!data.agentId}>
              {data.agentId ? `Me (${myName})` : 'Me (not signed in)'}
            </option>
            <option value="everyone">Everyone</option>
          </select>
        </label>
        <label>
          Week
          <select value={week ?? ''} onChange={(e) => setWeek(e.target.value)} aria-label="Week">
            {[...data.weeks].reverse().map((w, i) => (
              <option key={w} value={w} disabled={!data.everyone[w]}>
                {i === 0 ? `${w} (this week)` : w}
              </option>
            ))}
          </select>
        </label>
      </div>

      {selected && week ? (
        <>
          <WeekStats
            current={selected.current}
            previous={selected.previous}
            clock={clock}
            targets={data.settings.targets}
            label={`Week ${week} · ${scopeLabel}`}
          />
          <TrendCharts trend={selected.trend} clock={clock} />
          {data.complete ? null : <p className="muted small">Reading earlier weeks…</p>}
          <ExportBar data={data} week={week} scope={scope} />
        </>
      ) : null}
      <ValueSummary agentId={data.agentId} />
    </section>
  );
}
