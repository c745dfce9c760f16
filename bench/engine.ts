/**
 * Engine benchmarks on seeded synthetic data (bench/synthetic.ts): 100k conversations,
 * 1M events over 6 weeks, business hours on (Europe/Berlin, split shifts, holidays). Every
 * figure is a median of at least five runs, printed with its spread (min–max); wall times
 * include any other load on the machine, CPU times only this process.
 */
import type { Conversation } from '../lib/engine/events';
import { isoWeekRange } from '../lib/engine/local-time';
import { measureConversation } from '../lib/engine/conversation';
import { buildReport, reportContext, type ReportOptions } from '../lib/engine/report';
import { SummaryAccumulator, summarize } from '../lib/engine/summary';
import { toTimelineFile } from '../lib/timeline/convert';
import { parseTimeline } from '../lib/timeline/parse';
import type { BenchSection } from './run';
import { BENCH_CALENDAR, BENCH_TARGETS, countEvents, generateConversations } from './synthetic';

const WEEK = '2026-W47'; // the third of the six synthetic weeks
// Issue 10 item 6: a full weekly report over 1 M events with business hours at ≥ 2 M events/s
// (so ≤ 500 ms), and an incremental update in ≤ 20 µs.
const GOAL_EVENTS_PER_SECOND = 2_000_000;
const GOAL_REPORT_MS = 500;
const GOAL_UPDATE_US = 20;
/** Rounds of the incremental-update figures; each round times UPDATES updates. */
const MIN_RUNS = 5;
const UPDATES = 20_000;

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

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "min–max over N runs", the spread printed beside every median. */
export function spread(values: readonly number[], digits = 0): string {
  const format = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${format(Math.min(...values))}–${format(Math.max(...values))} over ${values.length} runs`;
}

function collectGarbage() {
  globalThis.gc?.();
}

const MB = 1024 * 1024;

/** Every path where two summaries differ; means may differ by a relative 1e-9 (running sums). */
function summaryDifferences(actual: unknown, expected: unknown, path = ''): string[] {
  if (typeof actual === 'number' && typeof expected === 'number' && path.endsWith('.mean')) {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? [] : [path];
  }
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].flatMap((key) =>
      summaryDifferences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return Object.is(actual, expected) ? [] : [path];
}

const fullReport: BenchSection = {
  name: 'engine: full weekly report',
  async run({ runs }) {
    const { conversations, events, options } = data();
    buildReport(conversations.slice(0, 2000), options); // warm the calendar tables and the JIT
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const heapDeltas: number[] = [];
    const rssBefore = process.memoryUsage().rss;
    let n = 0;
    for (let run = 0; run < Math.max(runs, MIN_RUNS); run++) {
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      // The whole six weeks measured, the summary over one ISO week: what `replyline report --week` asks of the engine.
      const report = buildReport(conversations, options);
      times.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      // Heap still holding the report and its garbage, before the next collection.
      heapDeltas.push((process.memoryUsage().heapUsed - heapBefore) / MB);
      n = report.summary.firstResponse.calendar.n;
    }
    const ms = median(times);
    const perSecond = events / (ms / 1000);
    const cpuMs = median(cpuTimes);
    const peakRss = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
    return [
      {
        label: 'input',
        value: events,
        unit: 'events',
        note: `${conversations.length.toLocaleString('en-US')} conversations over 6 weeks, summary for ${WEEK}: ${n.toLocaleString('en-US')} first responses`,
      },
      {
        label: 'throughput (buildReport)',
        value: perSecond,
        unit: 'events/s',
        goal: { op: '≥', value: GOAL_EVENTS_PER_SECOND },
        note: `median of ${times.length} runs; ${spread(times.map((t) => events / (t / 1000)))} events/s`,
      },
      {
        label: 'full report time',
        value: ms,
        unit: 'ms',
        goal: { op: '≤', value: GOAL_REPORT_MS },
        note: `median; ${spread(times)} ms`,
      },
      {
        label: 'CPU time per report',
        value: cpuMs,
        unit: 'ms',
        note: `median; ${spread(cpuTimes)} ms; user + system, GC threads included (${Math.round(events / (cpuMs / 1000)).toLocaleString('en-US')} events per CPU second)`,
      },
      { label: 'heap growth during a report', value: median(heapDeltas), unit: 'MB', note: 'the report and its garbage' },
      {
        label: 'peak memory (RSS)',
        value: peakRss,
        unit: 'MB',
        note: `process peak so far; ${(rssBefore / MB).toFixed(0)} MB with the data loaded`,
      },
    ];
  },
};

const timelineParse: BenchSection = {
  name: 'timeline: parse + convert',
  async run({ runs }) {
    const { conversations, events } = data();
    const json = JSON.stringify(toTimelineFile({ conversations, calendar: BENCH_CALENDAR, targets: BENCH_TARGETS }));
    const times: number[] = [];
    const jsonOnly: number[] = [];
    for (let run = 0; run < Math.max(runs, MIN_RUNS); run++) {
      collectGarbage();
      let started = performance.now();
      JSON.parse(json);
      jsonOnly.push(performance.now() - started);
      collectGarbage();
      started = performance.now();
      const result = parseTimeline(json);
      times.push(performance.now() - started);
      if (!result.ok) throw new Error(`synthetic timeline rejected: ${result.errors[0].path}: ${result.errors[0].message}`);
    }
    const ms = median(times);
    return [
      { label: 'file size', value: json.length / MB, unit: 'MB' },
      {
        label: 'JSON.parse + validate + convert',
        value: ms,
        unit: 'ms',
        note: `median; ${spread(times)} ms; ${Math.round(events / (ms / 1000)).toLocaleString('en-US')} events/s`,
      },
      { label: 'of which JSON.parse alone', value: median(jsonOnly), unit: 'ms', note: `median; ${spread(jsonOnly)} ms` },
    ];
  },
};

const incrementalUpdate: BenchSection = {
  name: 'engine: incremental update',
  async run() {
    const { conversations, options } = data();
    const ctx = reportContext(options);
    const accumulator = new SummaryAccumulator(ctx, options.period);
    const fillStarted = performance.now();
    for (const conversation of conversations) accumulator.add(measureConversation(conversation, ctx));
    accumulator.summary();
    const fillMs = performance.now() - fillStarted;
    const tenEvents = conversations.filter((conversation) => conversation.events.length === 10);

    // Re-measure alone (the per-conversation part of an update), then a full update as a
    // long-lived process would do it: re-measure, replace in the accumulator, read the summary.
    // Each round gives a median over UPDATES calls; the figure is the median of the rounds.
    const measureMedians: number[] = [];
    const updateMedians: number[] = [];
    const updateP99s: number[] = [];
    for (let round = 0; round < MIN_RUNS; round++) {
      const measureTimes: number[] = [];
      for (let i = 0; i < UPDATES; i++) {
        const conversation = tenEvents[(round * UPDATES + i) % tenEvents.length];
        const started = performance.now();
        measureConversation(conversation, ctx);
        measureTimes.push((performance.now() - started) * 1000);
      }
      measureMedians.push(median(measureTimes));
      const updateTimes: number[] = [];
      for (let i = 0; i < UPDATES; i++) {
        const conversation = tenEvents[((round * UPDATES + i) * 7919) % tenEvents.length];
        const started = performance.now();
        accumulator.add(measureConversation(conversation, ctx));
        accumulator.summary();
        updateTimes.push((performance.now() - started) * 1000);
      }
      updateMedians.push(median(updateTimes));
      updateP99s.push([...updateTimes].sort((a, b) => a - b)[Math.floor(updateTimes.length * 0.99)]);
    }
    // The figures mean nothing unless the incremental summary is the full one.
    const differences = summaryDifferences(accumulator.summary(), summarize(accumulator.metrics(), ctx, options.period));
    if (differences.length > 0) throw new Error(`incremental summary differs from summarize() at ${differences.join(', ')}`);

    return [
      {
        label: 're-measure one 10-event conversation',
        value: median(measureMedians),
        unit: 'µs',
        note: `median of ${MIN_RUNS} round medians of ${UPDATES.toLocaleString('en-US')} calls; ${spread(measureMedians, 2)} µs`,
      },
      {
        label: 'incremental update (re-measure + replace + read summary)',
        value: median(updateMedians),
        unit: 'µs',
        goal: { op: '≤', value: GOAL_UPDATE_US },
        note: `median of ${MIN_RUNS} round medians of ${UPDATES.toLocaleString('en-US')} updates; ${spread(updateMedians, 1)} µs; p99 ${median(updateP99s).toFixed(1)} µs; over ${accumulator.size.toLocaleString('en-US')} conversations; equals summarize()`,
      },
      {
        label: 'first fill of the accumulator',
        value: fillMs,
        unit: 'ms',
        note: `${accumulator.size.toLocaleString('en-US')} conversations measured and added`,
      },
    ];
  },
};

export const engineSections: BenchSection[] = [fullReport, timelineParse, incrementalUpdate];
