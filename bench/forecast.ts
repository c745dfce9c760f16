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
 * F1        = 2 · precision · recall ÷ (precision + recall)
 * Baseline for comparison: "breach iff ≥ 50 % of the target has elapsed".
 *
 * Both are scored on the later half of the replay (held out). The forecast's constants
 * (definitions.ts, FORECAST_*) were chosen by looking at the earlier half only: the history
 * window among 2, 4 and 8 hours, and the 20 % "unlikely" bound among a handful of rules; the
 * 50 % thresholds and the 10 comparable waits were set beforehand. Note that the simulator draws
 * every reply delay independently (log-normal), so queue pressure carries no signal here.
 */
import type { Conversation } from '../lib/engine/events';
import { measureConversation } from '../lib/engine/conversation';
import { reportContext } from '../lib/engine/report';
import { forecastBreaches } from '../lib/engine/analytics/forecast';
import { FORECAST_HISTORY_HOURS } from '../lib/engine/definitions';
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
  /** Held-out instants start here (epoch ms). */
  heldOutFrom: number;
  /** Scores on the held-out later half of the replay. */
  forecast: ForecastScore;
  baseline: ForecastScore;
  /** Scores on the earlier half, where constants were looked at. */
  tuning: { forecast: ForecastScore; baseline: ForecastScore };
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
    if ((e.type === 'message' && e.author === 'agent' && e.public !== false) || (e.type === 'status' && e.status === 'resolved'))
      return e.at;
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

/** One forecast made during the replay, with what happened after it. */
export interface ForecastRecord {
  at: number;
  key: string;
  /** The model's forecast and the baseline's (elapsed ≥ 50 % of the target). */
  predicted: boolean;
  baseline: boolean;
  actual: boolean;
  /** Minutes from the forecast to the due time. */
  lead: number;
  elapsedShare: number | null;
  breachProbability: number | null;
  /** The queue model alone: expected reply after the due time (or nobody replying). */
  queueLate: boolean;
}

/** Replays the history and records every forecast; `historyHours` as ForecastInput's. */
export function replayForecasts(seed = 7, count = 1500, historyHours = FORECAST_HISTORY_HOURS) {
  const { conversations, settings } = simulatedHistory(seed, count);
  const base = reportContext({ profile: 'replyline', calendar: settings.calendar, targets: settings.targets, now: END });
  const targetSeconds = { firstResponse: settings.targets.firstResponseSeconds!, nextResponse: settings.targets.nextResponseSeconds! };
  const lastEventAt = new Map(conversations.map((c) => [c.id, c.events.length ? c.events[c.events.length - 1].at : c.createdAt]));
  const first = Math.min(...conversations.map((c) => c.createdAt));
  const start = first + 60 * MINUTE;
  // Outcomes must be known: the longest target (next response) has passed before the history ends.
  const stop = END - 30 * MINUTE;
  // A wait due in the history window started at most one (response) target before it.
  const lookBack = (historyHours * 60 + Math.max(targetSeconds.firstResponse, targetSeconds.nextResponse) / 60 + 60) * MINUTE;
  const records: ForecastRecord[] = [];
  let instants = 0;
  for (let t = start; t <= stop; t += STEP_MINUTES * MINUTE) {
    instants++;
    const ctx = { ...base, now: t };
    const active: Conversation[] = [];
    for (const c of conversations) {
      // Waiting at t, replied within the throughput window, or with a wait in the history window.
      if (c.createdAt <= t && lastEventAt.get(c.id)! >= t - lookBack) active.push(c);
    }
    const metrics = active.map((c) => measureConversation({ ...c, events: c.events.filter((e) => e.at <= t) }, ctx));
    const result = forecastBreaches({ now: t, metrics, business: ctx.business, historyHours });
    const byId = new Map(active.map((c) => [c.id, c]));
    const elapsed = new Map(metrics.map((m) => [m.id, m.open]));
    for (const f of result.forecasts) {
      if (f.likely === null || f.dueAt === null || f.dueAt > END) continue;
      const end = waitEndAfter(byId.get(f.conversationId)!, t);
      const clock = elapsed.get(f.conversationId)!.find((o) => o.kind === f.clock)!;
      records.push({
        at: t,
        key: `${f.conversationId}|${f.waitingSince}`,
        predicted: f.likely,
        baseline: clock.elapsed.businessSeconds >= 0.5 * targetSeconds[f.clock],
        actual: end === null || end > f.dueAt,
        lead: (f.dueAt - t) / MINUTE,
        elapsedShare: f.elapsedShare ?? null,
        breachProbability: f.breachProbability ?? null,
        queueLate: f.expectedReplyAt === null ? f.reason === 'no-recent-replies' : f.expectedReplyAt > f.dueAt,
      });
    }
  }
  return { conversations: conversations.length, instants, start, stop, spanHours: (END - first) / 3_600_000, records };
}

/**
 * The model and the baseline scored on the held-out part of the history: the instants in the
 * later half of the replay. The earlier half is where any constant was looked at; nothing is
 * fitted on the later half.
 */
export function evaluateForecast(seed = 7, count = 1500): ForecastEvaluation {
  const replay = replayForecasts(seed, count);
  const split = replay.start + (replay.stop - replay.start) / 2;
  const heldOut = replay.records.filter((r) => r.at >= split);
  const tuning = replay.records.filter((r) => r.at < split);
  const pairs = (rs: ForecastRecord[], pick: (r: ForecastRecord) => boolean) =>
    rs.map((r) => ({ predicted: pick(r), actual: r.actual, lead: r.lead, key: r.key }));
  return {
    conversations: replay.conversations,
    instants: replay.instants,
    spanHours: replay.spanHours,
    heldOutFrom: split,
    forecast: score(pairs(heldOut, (r) => r.predicted)),
    baseline: score(pairs(heldOut, (r) => r.baseline)),
    tuning: { forecast: score(pairs(tuning, (r) => r.predicted)), baseline: score(pairs(tuning, (r) => r.baseline)) },
  };
}

const percent = (x: number | null) => (x === null ? NaN : x * 100);

const forecastAccuracy: BenchSection = {
  name: 'forecast: breach forecast accuracy on simulated Demo Desk history',
  async run() {
    const e = evaluateForecast();
    const f1 = (s: ForecastScore) => (s.precision && s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0);
    const line = (name: string, s: ForecastScore, tuning: ForecastScore): Figure[] => [
      {
        label: `${name}: precision`,
        value: percent(s.precision),
        unit: '%',
        note: `${s.truePositives} of ${s.truePositives + s.falsePositives}; earlier half ${percent(tuning.precision).toFixed(1)} %`,
      },
      {
        label: `${name}: recall`,
        value: percent(s.recall),
        unit: '%',
        note: `${s.truePositives} of ${s.breaches}; earlier half ${percent(tuning.recall).toFixed(1)} %`,
      },
      { label: `${name}: F1`, value: f1(s) * 100, unit: '%', note: `earlier half ${(f1(tuning) * 100).toFixed(1)} %` },
    ];
    const f = e.forecast;
    const b = e.baseline;
    const figures: Figure[] = [
      ...line('forecast (held-out later half)', f, e.tuning.forecast),
      ...line('baseline: elapsed ≥ 50 % of target (held-out)', b, e.tuning.baseline),
      {
        label: 'F1 of the forecast minus the baseline (held-out)',
        value: (f1(f) - f1(b)) * 100,
        unit: 'pt',
        note: `the forecast is ${f1(f) >= f1(b) ? 'at or above' : 'below'} the baseline; breached clocks warned at least once: ${f.clocksWarned} of ${f.clocksBreached}`,
      },
      {
        label: 'forecasts evaluated (held-out)',
        value: f.forecasts,
        unit: '',
        note: `from ${new Date(e.heldOutFrom).toISOString().slice(0, 16)}Z; ${e.instants} instants every ${STEP_MINUTES} min over ${e.spanHours.toFixed(0)} h in all, ${e.conversations} conversations, ${f.breaches} held-out forecasts followed by a breach`,
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
