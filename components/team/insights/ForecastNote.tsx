import { describeForecast, type BreachForecast } from '@/lib/engine/analytics';
import './insights.css';
import { fullDefinition } from './figures';

/** "likely to breach in ~12 min" under a waiting row, when the forecast says so. */
export function ForecastNote({ forecast }: { forecast: BreachForecast | undefined }) {
  if (!forecast || forecast.likely !== true) return null;
  const detail = `Queue position ${forecast.position} of ${forecast.queueLength}. ${fullDefinition('breachForecast')}`;
  return (
    <span className="forecast-note" data-forecast="likely" title={detail}>
      {describeForecast(forecast)}
    </span>
  );
}
