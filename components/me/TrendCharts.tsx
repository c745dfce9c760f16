import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Clock, WeekFigures } from '../../lib/measure/week-figures';

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
  return (
    <div className="me-charts">
      <figure className="chart" aria-label="Median response times per week">
        <LineChart width={width} height={height} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="2 4" stroke="#d0d5dd" />
          <XAxis dataKey="week" tick={AXIS} />
          <YAxis tick={AXIS} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 10 }} />
          <Line dataKey="firstResponse" name="First response" stroke="#b54708" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
          <Line dataKey="nextResponse" name="Next response" stroke="#1570ef" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
          <Line dataKey="resolution" name="Resolution" stroke="#067647" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
        </LineChart>
        <figcaption>Median minutes per ISO week ({clock} time)</figcaption>
      </figure>
      <figure className="chart" aria-label="Conversations per week">
        <BarChart width={width} height={Math.round(height * 0.8)} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="2 4" vertical={false} stroke="#d0d5dd" />
          <XAxis dataKey="week" tick={AXIS} />
          <YAxis allowDecimals={false} tick={AXIS} />
          <Tooltip />
          <Bar dataKey="conversations" name="Conversations" fill="#98a2b3" isAnimationActive={false} />
        </BarChart>
        <figcaption>Conversations handled per ISO week</figcaption>
      </figure>
    </div>
  );
}
