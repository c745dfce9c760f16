import { PERIODS, useTeam, type PeriodId } from '@/lib/sidepanel-state/team';
import { agentText, useNames } from '../names';

/** Channel, agent and period: every part of the Team view follows them (the queue ignores the period: it is now). */
export function TeamFilters({ channels, agents }: { channels: string[]; agents: string[] }) {
  const { filters, setFilters } = useTeam();
  const names = useNames().agents;
  return (
    <form className="team-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>Period</span>
        <select value={filters.period} onChange={(e) => setFilters({ period: e.target.value as PeriodId })}>
          {PERIODS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Channel</span>
        <select value={filters.channel ?? ''} onChange={(e) => setFilters({ channel: e.target.value || null })}>
          <option value="">All channels</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Agent</span>
        <select value={filters.agent ?? ''} onChange={(e) => setFilters({ agent: e.target.value || null })}>
          <option value="">All agents</option>
          {agents.map((a) => (
            <option key={a} value={a}>
              {agentText(names, a)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
