import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';
import type { AgentRow } from '@/lib/sidepanel-state/team';
import { formatDuration } from '@/components/format';
import { agentText, useNames } from '../names';

/**
 * First-response median per agent, each bar labelled with its n and the agent's CSAT, so that
 * speed is never read without satisfaction beside it. Fixed size: the panel is narrow.
 */
export function FirstResponseChart({ rows, clock }: { rows: AgentRow[]; clock: 'business' | 'calendar' }) {
  const { agents } = useNames();
  const data = rows
    .filter((r) => r.firstResponse.value !== null)
    .map((r) => ({
      agent: agentText(agents, r.agentId),
      minutes: Math.round(((r.firstResponse.value ?? 0) / 60) * 10) / 10,
      label: `${formatDuration(r.firstResponse.value)} · n ${r.firstResponse.n} · CSAT ${r.csat.value === null ? '—' : `${Math.round(r.csat.value * 100)}%`}`,
    }));
  if (data.length === 0) return null;
  return (
    <figure className="chart team-chart" aria-label="First response median by agent">
      <figcaption>
        First response median by agent ({clock === 'business' ? 'business' : 'calendar'} minutes), with n and CSAT beside it.
      </figcaption>
      <BarChart
        width={380}
        height={28 * data.length + 30}
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 150, bottom: 0, left: 0 }}
      >
        <CartesianGrid strokeDasharray="2 4" horizontal={false} stroke="#d0d5dd" />
        <XAxis type="number" tick={{ fontSize: 10, fill: '#475467' }} allowDecimals={false} unit="m" />
        <YAxis type="category" dataKey="agent" width={56} tick={{ fontSize: 11, fill: '#101828' }} />
        <Bar dataKey="minutes" name="First response median (min)" fill="#98a2b3" isAnimationActive={false}>
          <LabelList dataKey="label" position="right" style={{ fontSize: 10, fill: '#475467' }} />
        </Bar>
      </BarChart>
    </figure>
  );
}
