/**
 * Engine benchmarks on seeded synthetic data (bench/synthetic.ts): 100k conversations,
 * 1M events over 6 weeks, business hours on (Europe/Berlin, split shifts, holidays).
 */
import type { Conversation } from '../lib/engine/events';
import { isoWeekRange } from '../lib/engine/calendar';
import { measureConversation } from '../lib/engine/conversation';
import { buildReport, reportContext, type ReportOptions } from '../lib/engine/report';
import { SummaryAccumulator } from '../lib/engine/summary';
import { toTimelineFile } from '../lib/timeline/convert';
import { parseTimeline } from '../lib/timeline/parse';
import type { BenchSection, Figure } from './run';
import { BENCH_CALENDAR, BENCH_TARGETS, countEvents, generateConversations } from './synthetic';

const WEEK = '2026-W47'; // the third of the six synthetic weeks
const GOAL_REPORT_MS = 1500;
const GOAL_EVENTS_PER_SECOND = 700_000;
const GOAL_UPDATE_US = 20;

let dataset: { conversations: Conversation[]; events: number; options: ReportOptions } | null = null;

function data() {
  if (!dataset) {
    const conversations = generateConversations();
    const period = isoWeekRange(WEEK, BENCH_CALENDAR.timezone);
    dataset = {
      conversations,
      events: countEvents(conversations),
      // "Now" is the end of the reported week, as for a report read on Monday morning.
      options: { profile: 'replyline', calendar: BENCH_CALENDAR, targets: BENCH_TARGETS, now: period.to, period },
    };
  }
  return dataset;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function collectGarbage() {
  globalThis.gc?.();
}

const MB = 1024 * 1024;

const fullReport: BenchSection = {
  name: 'engine: full weekly report',
  async run({ runs }) {
    const { conversations, events, options } = data();
    buildReport(conversations.slice(0, 2000), options); // warm the calendar tables and the JIT
    const times: number[] = [];
    const heapDeltas: number[] = [];
    const rssBefore = process.memoryUsage().rss;
    let n = 0;
    for (let run = 0; run < runs; run++) {
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const report = buildReport(conversations, options);
      times.push(performance.now() - started);
      // Heap still holding the report and its garbage, before the next collection.
      heapDeltas.push((process.memoryUsage().heapUsed - heapBefore) / MB);
      n = report.summary.firstResponse.calendar.n;
    }
    const ms = median(times);
    const perSecond = events / (ms / 1000);
    const peakRss = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
    return [
      { label: 'conversations / events', value: events, unit: 'events', note: `${conversations.length.toLocaleString('en-US')} conversations, week ${WEEK}, ${n.toLocaleString('en-US')} first responses in the week` },
      { label: 'full report time', value: ms, unit: 'ms', goal: `≤ ${GOAL_REPORT_MS} ms`, ok: ms <= GOAL_REPORT_MS, note: `min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}` },
      { label: 'throughput', value: perSecond, unit: 'events/s', goal: `≥ ${GOAL_EVENTS_PER_SECOND.toLocaleString('en-US')}`, ok: perSecond >= GOAL_EVENTS_PER_SECOND },
      { label: 'heap delta during a report', value: median(heapDeltas), unit: 'MB' },
      { label: 'peak RSS (process)', value: peakRss, unit: 'MB', note: `RSS ${(rssBefore / MB).toFixed(0)} MB with the data loaded` },
    ];
  },
};

const timelineParse: BenchSection = {
  name: 'timeline: parse + convert',
  async run({ runs }) {
    const { conversations, events } = data();
    const json = JSON.stringify(toTimelineFile({ conversations, calendar: BENCH_CALENDAR, targets: BENCH_TARGETS }));
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      collectGarbage();
      const started = performance.now();
      const result = parseTimeline(json);
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(`synthetic timeline rejected: ${result.errors[0].path}: ${result.errors[0].message}`);
    }
    const ms = median(times);
    return [
      { label: 'file size', value: json.length / MB, unit: 'MB' },
      { label: 'JSON.parse + validate + convert', value: ms, unit: 'ms', note: `${Math.round(events / (ms / 1000)).toLocaleString('en-US')} events/s` },
    ];
  },
};

const incrementalUpdate: BenchSection = {
  name: 'engine: incremental update',
  async run() {
    const { conversations, options } = data();
    const ctx = reportContext(options);
    const accumulator = new SummaryAccumulator(ctx, options.period);
    for (const conversation of conversations) accumulator.add(measureConversation(conversation, ctx));
    accumulator.summary();
    const tenEvents = conversations.filter((conversation) => conversation.events.length === 10);

    // Re-measure alone: the per-conversation part of an update.
    const measureTimes: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const conversation = tenEvents[i % tenEvents.length];
      const started = performance.now();
      measureConversation(conversation, ctx);
      measureTimes.push((performance.now() - started) * 1000);
    }

    // A full update: re-measure, replace in the accumulator, read the summary again.
    // Time-boxed, since the summary read may be a full recomputation.
    const updateTimes: number[] = [];
    const deadline = performance.now() + 5000;
    for (let i = 0; i < 20_000 && (updateTimes.length < 5 || performance.now() < deadline); i++) {
      const conversation = tenEvents[(i * 7919) % tenEvents.length];
      const started = performance.now();
      accumulator.add(measureConversation(conversation, ctx));
      accumulator.summary();
      updateTimes.push((performance.now() - started) * 1000);
    }
    const update = median(updateTimes);
    return [
      { label: 're-measure one 10-event conversation', value: median(measureTimes), unit: 'µs', note: `median of ${measureTimes.length.toLocaleString('en-US')}` },
      { label: 're-measure + update the summary', value: update, unit: 'µs', goal: `≤ ${GOAL_UPDATE_US} µs`, ok: update <= GOAL_UPDATE_US, note: `median of ${updateTimes.length.toLocaleString('en-US')}, SummaryAccumulator over ${accumulator.size.toLocaleString('en-US')} conversations` },
    ];
  },
};

export const engineSections: BenchSection[] = [fullReport, timelineParse, incrementalUpdate];
