/**
 * Accuracy of the breach forecast (lib/engine/analytics/forecast.ts) on the Demo Desk's
 * simulated history: the simulator fills a desk in-process (seeded, events stamped in the
 * past at real-life pace), the history is replayed in time order, and every 5 simulated
 * minutes each waiting conversation with a running response target gets a forecast, made
 * from the events up to that instant only. Each forecast is then compared with what happened:
 * a breach is a wait not ended (public human reply or resolution) by its due time.
 *
 * precision = forecast breaches that happened ÷ forecast breaches
 * recall    = actual breaches that were forecast ÷ actual breaches   (per forecast instant)
 * Baseline for comparison: "breach iff ≥ 50 % of the target has elapsed".
 */
import type { Conversation } from '../lib/engine/events';
import { measureConversation } from '../lib/engine/conversation';
import { reportContext } from '../lib/engine/report';
import { forecastBreaches } from '../lib/engine/analytics/forecast';
import { conversationFromTimeline } from '../lib/timeline/convert';
import { DeskClock } from '../demo/server/clock';
import { defaultSettings } from '../demo/server/settings';
import { Simulator } from '../demo/server/simulator';
import { DeskStore } from '../demo/server/store';
import type { BenchSection, Figure } from './run';

const MINUTE = 60_000;
const STEP_MINUTES = 5;
const END = Date.UTC(2026, 2, 2, 9, 0); // a fixed "now" for the desk: the history ends here

export interface ForecastScore {
  forecasts: number;
  breaches: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number | null;
  recall: number | null;
  /** Actual breaches (clocks) warned about at least once before their due time. */
  clocksBreached: number;
  clocksWarned: number;
  /** Median minutes from a correct warning to the due time. */
  medianLeadMinutes: number | null;
  maxMinutesToDue: number;
}

export interface ForecastEvaluation {
  conversations: number;
  instants: number;
  spanHours: number;
  forecast: ForecastScore;
  baseline: ForecastScore;
}

/** A seeded Demo Desk history as engine conversations, plus the desk's settings. */
export function simulatedHistory(seed: number, count: number) {
  const clock = new DeskClock('manual', END);
  const store = new DeskStore(clock);
  const simulator = new Simulator(store, clock, { seed });
  simulator.generateHistory(count);
  simulator.dispose();
  const settings = defaultSettings({ timezone: 'UTC' });
  const conversations = store.toTimeline(settings).conversations.map(conversationFromTimeline);
  return { conversations, settings };
}

/** The first event after `t` that ends a wait: a public human reply or a resolution. */
function waitEndAfter(c: Conversation, t: number): number | null {
  for (const e of c.events) {
    if (e.at <= t) continue;
    if ((e.type === 'message' && e.author === 'agent' && e.public !== false) || (e.type === 'status' && e.status === 'resolved')) return e.at;
  }
  return null;
}

function score(pairs: { predicted: boolean; actual: boolean; lead: number; key: string }[]): ForecastScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const leads: number[] = [];
  const breached = new Set<string>();
  const warned = new Set<string>();
  let maxMinutesToDue = 0;
  for (const p of pairs) {
    maxMinutesToDue = Math.max(maxMinutesToDue, p.lead);
    if (p.actual) breached.add(p.key);
    if (p.predicted && p.actual) {
      tp++;
      leads.push(p.lead);
      warned.add(p.key);
    } else if (p.predicted) fp++;
    else if (p.actual) fn++;
  }
  leads.sort((a, b) => a - b);
  return {
    forecasts: pairs.length,
    breaches: tp + fn,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
    clocksBreached: breached.size,
    clocksWarned: warned.size,
    medianLeadMinutes: leads.length ? leads[leads.length >> 1] : null,
    maxMinutesToDue,
  };
}

export function evaluateForecast(seed = 7, count = 1500): ForecastEvaluation {
  const { conversations, settings } = simulatedHistory(seed, count);
  const base = reportContext({ profile: 'replyline', calendar: settings.calendar, targets: settings.targets, now: END });
  const targetSeconds = { firstResponse: settings.targets.firstResponseSeconds!, nextResponse: settings.targets.nextResponseSeconds! };
  const lastEventAt = new Map(conversations.map((c) => [c.id, c.events.length ? c.events[c.events.length - 1].at : c.createdAt]));
  const start = Math.min(...conversations.map((c) => c.createdAt)) + 60 * MINUTE;
  // Outcomes must be known: the longest target (next response) has passed before the history ends.
  const stop = END - 30 * MINUTE;
  const model: { predicted: boolean; actual: boolean; lead: number; key: string }[] = [];
  const baseline: typeof model = [];
  let instants = 0;
  for (let t = start; t <= stop; t += STEP_MINUTES * MINUTE) {
    instants++;
    const ctx = { ...base, now: t };
    const active: Conversation[] = [];
    for (const c of conversations) {
      // Waiting at t (the reply comes later) or replied within the throughput window.
      if (c.createdAt <= t && lastEventAt.get(c.id)! >= t - 60 * MINUTE) active.push(c);
    }
    const metrics = active.map((c) => measureConversation({ ...c, events: c.events.filter((e) => e.at <= t) }, ctx));
    const result = forecastBreaches({ now: t, metrics, business: ctx.business });
    const byId = new Map(active.map((c) => [c.id, c]));
    const elapsed = new Map(metrics.map((m) => [m.id, m.open]));
    for (const f of result.forecasts) {
      if (f.likely === null || f.dueAt === null || f.dueAt > END) continue;
      const end = waitEndAfter(byId.get(f.conversationId)!, t);
      const actual = end === null || end > f.dueAt;
      const key = `${f.conversationId}|${f.waitingSince}`;
      const lead = (f.dueAt - t) / MINUTE;
      model.push({ predicted: f.likely, actual, lead, key });
      const clock = elapsed.get(f.conversationId)!.find((o) => o.kind === f.clock)!;
      baseline.push({ predicted: clock.elapsed.businessSeconds >= 0.5 * targetSeconds[f.clock], actual, lead, key });
    }
  }
  return {
    conversations: conversations.length,
    instants,
    spanHours: (END - Math.min(...conversations.map((c) => c.createdAt))) / 3_600_000,
    forecast: score(model),
    baseline: score(baseline),
  };
}

const percent = (x: number | null) => (x === null ? NaN : x * 100);

const forecastAccuracy: BenchSection = {
  name: 'forecast: breach forecast accuracy on simulated Demo Desk history',
  async run() {
    const e = evaluateForecast();
    const f = e.forecast;
    const b = e.baseline;
    const f1 = (s: ForecastScore) => (s.precision && s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0);
    const figures: Figure[] = [
      {
        label: 'precision (forecast breaches that happened)',
        value: percent(f.precision),
        unit: '%',
        note: `${f.truePositives} of ${f.truePositives + f.falsePositives}; baseline ${percent(b.precision).toFixed(1)} %`,
      },
      {
        label: 'recall (actual breaches that were forecast)',
        value: percent(f.recall),
        unit: '%',
        note: `${f.truePositives} of ${f.breaches}; baseline ${percent(b.recall).toFixed(1)} %; breached clocks warned at least once: ${f.clocksWarned} of ${f.clocksBreached}`,
      },
      {
        label: 'F1 against the baseline (elapsed ≥ 50 % of target)',
        value: f1(f) * 100,
        unit: '%',
        note: `baseline ${(f1(b) * 100).toFixed(1)} %: the forecast is ${f1(f) >= f1(b) ? 'above' : 'below'} it`,
      },
      {
        label: 'forecasts evaluated',
        value: f.forecasts,
        unit: '',
        note: `${e.instants} instants every ${STEP_MINUTES} min over ${e.spanHours.toFixed(0)} h, ${e.conversations} conversations, ${f.breaches} forecasts followed by a breach`,
      },
      {
        label: 'horizon: time to due at forecast (max)',
        value: f.maxMinutesToDue,
        unit: 'min',
        note: `median lead of a correct warning ${f.medianLeadMinutes === null ? '—' : f.medianLeadMinutes.toFixed(1)} min`,
      },
    ];
    return figures;
  },
};

export const forecastSections: BenchSection[] = [forecastAccuracy];
