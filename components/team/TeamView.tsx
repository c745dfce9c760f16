/** Team view (supervisors): live queue, per-agent table, charts, import. */
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { agentTable, channelsOf, hourOfWeekVolume, liveQueue, periodRange, teamAgents, useTeam } from '@/lib/sidepanel-state/team';
import { TeamFilters } from './TeamFilters';
import { LiveQueue } from './LiveQueue';
import { AgentTable } from './AgentTable';
import { FirstResponseChart } from './FirstResponseChart';
import { HourOfWeekHeatmap } from './HourOfWeekHeatmap';
import { ImportPanel } from './ImportPanel';
import { Insights } from './insights/Insights';
import { queueForecasts } from './insights/insights-data';
import './team.css';

/** A clock for live waits: one render per second. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export function TeamView() {
  const { status, error, data, filters, load } = useTeam();
  const now = useNow();

  useEffect(() => {
    void load();
    // Messages are hints: any data change means "re-read the database".
    const listener = (message: unknown) => {
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'bg:data-changed') void load();
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    // Plans and period figures are measured at load time; re-measure every minute.
    const refresh = setInterval(() => void load(), 60_000);
    return () => {
      browser.runtime.onMessage.removeListener(listener);
      clearInterval(refresh);
    };
  }, [load]);

  const timezone = data?.settings.calendar.timezone ?? 'UTC';
  const loadedAt = data?.loadedAt ?? 0;
  // Period figures move only with new data (or a new period), not with the 1-second clock.
  const period = useMemo(() => periodRange(filters.period, loadedAt || Date.now(), timezone), [filters.period, loadedAt, timezone]);
  const rows = useMemo(() => (data ? agentTable(data, period, filters) : []), [data, period, filters]);
  const heat = useMemo(() => (data ? hourOfWeekVolume(data.conversations, timezone, period, filters) : null), [data, timezone, period, filters]);
  const channels = useMemo(() => (data ? channelsOf(data.conversations) : []), [data]);
  const agents = useMemo(() => (data ? teamAgents(data.conversations) : []), [data]);
  // Measured at load time, like the plans: remade with every reload (at least once a minute).
  const forecasts = useMemo(() => (data ? queueForecasts(data.conversations, data.settings, data.loadedAt) : undefined), [data]);

  if (status === 'idle' || (status === 'loading' && !data)) return <p className="muted">Loading…</p>;
  if (status === 'error' && !data) return <p className="error" role="alert">Could not read stored data: {error}</p>;
  if (!data) return null;

  const queue = liveQueue(data.conversations, now, filters);
  const clock = data.settings.targets.clock;
  return (
    <section className="team" aria-label="Team">
      <TeamFilters channels={channels} agents={agents} />
      <LiveQueue queue={queue} now={now} timezone={timezone} forecasts={forecasts} />
      <AgentTable rows={rows} clock={clock} />
      <FirstResponseChart rows={rows} clock={clock} />
      {heat ? <HourOfWeekHeatmap cells={heat} timezone={timezone} /> : null}
      <Insights data={data} period={period} filters={filters} />
      <ImportPanel imports={data.imports} timezone={timezone} />
    </section>
  );
}
