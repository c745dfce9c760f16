import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

/** Replies per local hour today (fixed size: the panel is narrow and screenshots stay stable). */
export function HourChart({ byHour, mine }: { byHour: number[]; mine: number[] | null }) {
  const data = byHour.map((count, hour) => ({ hour: String(hour).padStart(2, '0'), everyone: count, me: mine ? mine[hour] : 0 }));
  return (
    <figure className="chart" aria-label="Replies per hour today">
      <figcaption>Replies per hour today{mine ? ' (orange: me, grey: everyone)' : ''}</figcaption>
      <BarChart width={300} height={140} data={data} margin={{ top: 4, right: 4, bottom: 0, left: -28 }}>
        <CartesianGrid strokeDasharray="2 4" vertical={false} stroke="#d0d5dd" />
        <XAxis dataKey="hour" interval={5} tick={{ fontSize: 10, fill: '#475467' }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: '#475467' }} />
        <Tooltip />
        <Bar dataKey="everyone" name="Everyone" fill="#98a2b3" isAnimationActive={false} />
        {mine ? <Bar dataKey="me" name="Me" fill="#b54708" isAnimationActive={false} /> : null}
      </BarChart>
    </figure>
  );
}
