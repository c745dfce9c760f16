/**
 * Engine benchmarks on seeded synthetic data (bench/synthetic.ts): 100k conversations,
 * 1M events over 6 weeks, business hours on (Europe/Berlin, split shifts, holidays).
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
    for (let run = 0; run < Math.max(runs, 5); run++) {
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
        note: `median of ${times.length}`,
      },
      {
        label: 'full report time',
        value: ms,
        unit: 'ms',
        goal: { op: '≤', value: GOAL_REPORT_MS },
        note: `min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}`,
      },
      { label: 'CPU time per report', value: median(cpuTimes), unit: 'ms', note: 'user + system, GC threads included' },
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
    for (let run = 0; run < runs; run++) {
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
        note: `${Math.round(events / (ms / 1000)).toLocaleString('en-US')} events/s`,
      },
      { label: 'of which JSON.parse alone', value: median(jsonOnly), unit: 'ms' },
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

    // Re-measure alone: the per-conversation part of an update.
    const measureTimes: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const conversation = tenEvents[i % tenEvents.length];
      const started = performance.now();
      measureConversation(conversation, ctx);
      measureTimes.push((performance.now() - started) * 1000);
    }

    // A full update as the background worker does it: re-measure, replace in the accumulator,
    // read the summary again.
    const updateTimes: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const conversation = tenEvents[(i * 7919) % tenEvents.length];
      const started = performance.now();
      accumulator.add(measureConversation(conversation, ctx));
      accumulator.summary();
      updateTimes.push((performance.now() - started) * 1000);
    }
    // The figures mean nothing unless the incremental summary is the full one.
    const differences = summaryDifferences(accumulator.summary(), summarize(accumulator.metrics(), ctx, options.period));
    if (differences.length > 0) throw new Error(`incremental summary differs from summarize() at ${differences.join(', ')}`);

    const update = median(updateTimes);
    const p99 = [...updateTimes].sort((a, b) => a - b)[Math.floor(updateTimes.length * 0.99)];
    return [
      {
        label: 're-measure one 10-event conversation',
        value: median(measureTimes),
        unit: 'µs',
        note: `median of ${measureTimes.length.toLocaleString('en-US')}`,
      },
      {
        label: 'incremental update (re-measure + replace + read summary)',
        value: update,
        unit: 'µs',
        goal: { op: '≤', value: GOAL_UPDATE_US },
        note: `median of ${updateTimes.length.toLocaleString('en-US')}, p99 ${p99.toFixed(1)} µs, over ${accumulator.size.toLocaleString('en-US')} conversations; equals summarize()`,
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
