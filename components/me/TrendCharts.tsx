import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Clock, WeekFigures } from '../../lib/measure/week-figures';
import { niceTicks } from '../chart-ticks';

const AXIS = { fontSize: 10, fill: '#475467' };
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

/** Week-by-week medians and volume; fixed sizes so the narrow panel and printed pages stay stable. */
export function TrendCharts({
  trend,
  clock,
  width = 300,
  height = 150,
}: {
  trend: WeekFigures[];
  clock: Clock;
  width?: number;
  height?: number;
}) {
  const data = trend.map((f) => ({
    week: f.week.slice(5),
    firstResponse: minutes(f.summary.firstResponse[clock].median),
    nextResponse: minutes(f.summary.reply[clock].median),
    resolution: minutes(f.summary.resolution[clock].median),
    conversations: f.summary.conversations,
    hitRate: f.summary.targets.all.rate === null ? null : Math.round(f.summary.targets.all.rate * 100),
  }));
  const minuteTicks = niceTicks(data.flatMap((d) => [d.firstResponse, d.nextResponse, d.resolution]));
  const countTicks = niceTicks(
    data.map((d) => d.conversations),
    4,
  ).filter((t) => Number.isInteger(t));
  // Room on every side for the dots (r = 2) and the first and last week's labels: nothing clipped in print.
  const margin = { top: 8, right: 16, bottom: 0, left: -12 };
  const xPadding = { left: 8, right: 8 };
  return (
    <div className="me-charts">
      <figure className="chart" aria-label="Median response times per week">
        <figcaption>Median minutes per ISO week ({clock} time)</figcaption>
        <LineChart width={width} height={height} data={data} margin={margin}>
          <CartesianGrid strokeDasharray="2 4" stroke="#d0d5dd" />
          <XAxis dataKey="week" tick={AXIS} padding={xPadding} />
          <YAxis tick={AXIS} ticks={minuteTicks} domain={[0, minuteTicks.at(-1)!]} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 10 }} />
          <Line dataKey="firstResponse" name="First response" stroke="#b54708" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
          <Line dataKey="nextResponse" name="Next response" stroke="#1570ef" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
          <Line dataKey="resolution" name="Resolution" stroke="#067647" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
        </LineChart>
      </figure>
      <figure className="chart" aria-label="Conversations per week">
        <figcaption>Conversations handled per ISO week</figcaption>
        <BarChart width={width} height={Math.round(height * 0.8)} data={data} margin={margin}>
          <CartesianGrid strokeDasharray="2 4" vertical={false} stroke="#d0d5dd" />
          <XAxis dataKey="week" tick={AXIS} />
          <YAxis allowDecimals={false} tick={AXIS} ticks={countTicks} domain={[0, countTicks.at(-1)!]} />
          <Tooltip />
          <Bar dataKey="conversations" name="Conversations" fill="#98a2b3" isAnimationActive={false} />
        </BarChart>
      </figure>
    </div>
  );
}
