/** Team view (supervisors): live queue, per-agent table, charts, import. */
import { useEffect, useMemo } from 'react';
import { useNow, useStoredData } from '@/components/hooks';
import { agentTable, channelsOf, hourOfWeekVolume, liveQueue, periodRange, teamAgents, useTeam } from '@/lib/sidepanel-state/team';
import { TeamFilters } from './TeamFilters';
import { LiveQueue } from './LiveQueue';
import { AgentTable } from './AgentTable';
import { FirstResponseChart } from './FirstResponseChart';
import { HourOfWeekHeatmap } from './HourOfWeekHeatmap';
import { ImportPanel } from './ImportPanel';
import { Insights } from './insights/Insights';
import { queueForecasts } from './insights/insights-data';
import { usePanel } from '@/lib/sidepanel-state/store';
import { HubTeamView, useTeamHubConnection } from './hub/HubTeamView';
import './team.css';

/** Set once the Team view shows its queue and agent table read from storage (the render benchmark reads it). */
export const TEAM_RENDERED_MARK = 'replyline:team-rendered';

/** With a hub (supervisors): the live team; without one, what this browser saw and imported files. */
export function TeamView() {
  const mode = useTeamHubConnection();
  const clock = usePanel((s) => s.settings?.targets.clock ?? 'business');
  if (mode === 'checking') return <p className="muted">Loading…</p>;
  if (mode === 'none') return <OfflineTeamView />;
  return (
    <>
      <HubTeamView clock={clock} />
      <details className="team-offline">
        <summary>Offline view: this browser and imported files (no hub)</summary>
        <OfflineTeamView />
      </details>
    </>
  );
}

/** The offline path: this browser's own observations and agents' exported files merged by hand. */
function OfflineTeamView() {
  const { status, error, data, detail, filters, load, loadDetail } = useTeam();
  const now = useNow();

  useStoredData(load);

  const timezone = data?.settings.calendar.timezone ?? 'UTC';
  const loadedAt = data?.loadedAt ?? 0;
  // Period figures move only with new data (or a new period), not with the 1-second clock.
  const period = useMemo(() => periodRange(filters.period, loadedAt || Date.now(), timezone), [filters.period, loadedAt, timezone]);
  const rows = useMemo(() => (data ? agentTable(data, period, filters) : []), [data, period, filters]);
  // The heatmap, the forecasts and the insights need each conversation's events: read after the first figures show.
  useEffect(() => {
    if (data) void loadDetail(period);
  }, [data, period, loadDetail]);
  const heat = useMemo(
    () => (data && detail ? hourOfWeekVolume(data.conversations, detail.inputs, timezone, period, filters) : null),
    [data, detail, timezone, period, filters],
  );
  const channels = useMemo(() => (data ? channelsOf(data.conversations) : []), [data]);
  const agents = useMemo(() => (data ? teamAgents(data.conversations) : []), [data]);
  // Measured at load time, like the plans: remade with every reload (at least once a minute).
  useEffect(() => {
    if (data)
      performance.mark(TEAM_RENDERED_MARK, {
        detail: { conversations: data.conversations.length, timings: data.timings, sinceNavigation: performance.now() },
      });
  }, [data]);
  const forecasts = useMemo(() => (data && detail ? queueForecasts(detail, data.settings, data.loadedAt) : undefined), [data, detail]);

  if (status === 'idle' || (status === 'loading' && !data)) return <p className="muted">Loading…</p>;
  if (status === 'error' && !data)
    return (
      <p className="error" role="alert">
        Could not read stored data: {error}
      </p>
    );
  if (!data) return null;

  const queue = liveQueue(data.conversations, now, filters);
  const clock = data.settings.targets.clock;
  return (
    <section className="team" aria-label="Team">
      <p className="small muted team-offline-note">
        Offline team view: what this browser observed plus agents’ exported files imported below. Connect a team hub in Settings → Team hub
        for the whole team live.
      </p>
      <TeamFilters channels={channels} agents={agents} />
      <LiveQueue queue={queue} now={now} timezone={timezone} forecasts={forecasts} />
      <AgentTable rows={rows} clock={clock} />
      <FirstResponseChart rows={rows} clock={clock} />
      {heat ? <HourOfWeekHeatmap cells={heat} timezone={timezone} /> : null}
      {detail ? <Insights data={data} detail={detail} period={period} filters={filters} /> : <p className="muted">Reading insights…</p>}
      <ImportPanel imports={data.imports} timezone={timezone} />
    </section>
  );
}
