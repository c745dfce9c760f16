import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Aggregate, ConversationMetrics, DurationAggregate, Summary } from '../../../lib/engine/types';
import {
  CSV_COLUMNS,
  formatReport,
  formatReportCsv,
  formatReportText,
  humanDuration,
  reportToJson,
  type EngineReport,
  type ReportFrame,
} from '../../../lib/export/index';

const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 24, hh, mm, ss);

const aggregate = (values: number[]): Aggregate =>
  values.length === 0
    ? { n: 0, median: null, p90: null, mean: null, min: null, max: null }
    : { n: values.length, median: values[0], p90: values[0], mean: values[0], min: values[0], max: values[0] };
const durations = (calendar: number[], business = calendar): DurationAggregate => ({
  calendar: aggregate(calendar),
  business: aggregate(business),
});
const hit = (met: number, n: number) => ({ n, met, rate: n === 0 ? null : met / n });

const resolved: ConversationMetrics = {
  id: 'c-1',
  channel: 'chat',
  createdAt: at(9, 0),
  status: 'resolved',
  unverified: false,
  firstResponse: { seconds: 300, businessSeconds: 300, startedAt: at(9, 0), stoppedAt: at(9, 5), repliedAt: at(9, 5), agentId: 'a-1' },
  handoff: { seconds: 60, businessSeconds: 60, at: at(9, 1) },
  replies: [],
  resolutions: [
    {
      seconds: 3600,
      businessSeconds: 3600,
      startedAt: at(9, 0),
      stoppedAt: at(10, 0),
      resolvedAt: at(10, 0),
      fromCreation: { seconds: 3600, businessSeconds: 3600, startedAt: at(9, 0), stoppedAt: at(10, 0), agentId: 'a-1' },
      agentId: 'a-1',
    },
  ],
  reported: {
    firstResponse: [{ seconds: 300, businessSeconds: 300, startedAt: at(9, 0), stoppedAt: at(9, 5), agentId: 'a-1' }],
    reply: [],
    resolution: [{ seconds: 3600, businessSeconds: 3600, startedAt: at(9, 0), stoppedAt: at(10, 0), agentId: 'a-1' }],
  },
  reopens: 0,
  oneTouch: true,
  botResolved: false,
  handleSeconds: 180.0004,
  handleSecondsByAgent: { 'a-1': 180.0004 },
  csat: 5,
  agentId: 'a-1',
  assigneeId: null,
  targets: {
    firstResponse: { startedAt: at(9, 0), dueAt: at(10, 0), atRiskAt: at(9, 45), stoppedAt: at(9, 5), state: 'met' },
    nextResponse: [],
    resolution: { startedAt: at(9, 0), dueAt: at(17, 0) + 86_400_000, atRiskAt: at(14, 0), stoppedAt: at(10, 0), state: 'met' },
  },
  open: [],
  waitingSince: null,
  cues: { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 },
};

const waiting: ConversationMetrics = {
  ...resolved,
  id: '=c-2',
  channel: 'email',
  createdAt: at(11, 0),
  status: 'open',
  unverified: true,
  firstResponse: null,
  handoff: null,
  resolutions: [],
  replies: [
    { seconds: 120, businessSeconds: 60, startedAt: at(11, 0), stoppedAt: at(11, 2), repliedAt: at(11, 2), agentId: 'a-2' },
    { seconds: 600, businessSeconds: 600, startedAt: at(11, 10), stoppedAt: at(11, 20), repliedAt: at(11, 20), agentId: 'a-2' },
  ],
  reported: {
    firstResponse: [],
    reply: [
      { seconds: 120, businessSeconds: 60, startedAt: at(11, 0), stoppedAt: at(11, 2), agentId: 'a-2' },
      { seconds: 600, businessSeconds: 600, startedAt: at(11, 10), stoppedAt: at(11, 20), agentId: 'a-2' },
    ],
    resolution: [],
  },
  oneTouch: false,
  handleSeconds: 0,
  handleSecondsByAgent: {},
  csat: undefined,
  ces: 6,
  agentId: undefined,
  targets: {
    firstResponse: null,
    nextResponse: [
      { startedAt: at(11, 0), dueAt: at(13, 0), atRiskAt: at(12, 30), stoppedAt: at(11, 2), state: 'met' },
      { startedAt: at(11, 30), dueAt: at(13, 30), atRiskAt: at(13, 0), stoppedAt: null, state: 'breached' },
    ],
    resolution: null,
  },
  open: [{ kind: 'nextResponse', startedAt: at(11, 30), elapsed: { seconds: 9000, businessSeconds: 9000 } }],
  waitingSince: at(11, 30),
};

const summary: Summary = {
  conversations: 2,
  firstResponse: durations([300]),
  reply: durations([360], [330]),
  resolution: durations([3600]),
  resolutionFromCreation: durations([3600]),
  resolutionCycles: durations([3600]),
  handoff: durations([60]),
  handleSeconds: aggregate([180.0004]),
  reopens: 0,
  reopenRate: 0,
  oneTouch: { count: 1, n: 1, share: 1 },
  botResolved: 0,
  csat: { n: 1, score: 1 },
  ces: { n: 1, mean: 6, shareEasy: 1 },
  targets: { firstResponse: hit(1, 1), nextResponse: hit(1, 2), resolution: hit(1, 1), all: hit(3, 4) },
};

const report: EngineReport = { profile: 'replyline', conversations: [resolved, waiting], summary };
const frame: ReportFrame = {
  timezone: 'Europe/Berlin',
  period: { week: '2026-W48', from: Date.UTC(2026, 10, 22, 23), to: Date.UTC(2026, 10, 29, 23) },
  now: at(14, 0),
};

describe('JSON report', () => {
  it('has the documented shape: ISO times in the report zone, seconds as numbers', () => {
    const json = reportToJson(report, frame);
    expect(json.profile).toBe('replyline');
    expect(json.evaluatedAt).toBe('2026-11-24T15:00:00+01:00');
    expect(json.period).toEqual({
      week: '2026-W48',
      from: '2026-11-23T00:00:00+01:00',
      to: '2026-11-30T00:00:00+01:00',
      timezone: 'Europe/Berlin',
    });
    expect(json.conversations[0]).toMatchObject({
      id: 'c-1',
      firstResponse: { seconds: 300, businessSeconds: 300, startedAt: '2026-11-24T10:00:00+01:00', repliedAt: '2026-11-24T10:05:00+01:00' },
      replies: [],
      resolutions: [{ seconds: 3600, businessSeconds: 3600, resolvedAt: '2026-11-24T11:00:00+01:00' }],
      reopens: 0,
      handleSeconds: 180,
      handleSecondsByAgent: { 'a-1': 180 },
      reported: {
        firstResponse: [
          {
            seconds: 300,
            businessSeconds: 300,
            startedAt: '2026-11-24T10:00:00+01:00',
            stoppedAt: '2026-11-24T10:05:00+01:00',
            agentId: 'a-1',
          },
        ],
        reply: [],
        resolution: [
          {
            seconds: 3600,
            businessSeconds: 3600,
            startedAt: '2026-11-24T10:00:00+01:00',
            stoppedAt: '2026-11-24T11:00:00+01:00',
            agentId: 'a-1',
          },
        ],
      },
      targets: {
        firstResponse: { dueAt: '2026-11-24T11:00:00+01:00', state: 'met', stoppedAt: '2026-11-24T10:05:00+01:00' },
        nextResponse: [],
        resolution: { dueAt: '2026-11-25T18:00:00+01:00', state: 'met' },
      },
    });
    expect(json.conversations[1]).toMatchObject({
      firstResponse: null,
      csat: null,
      ces: 6,
      agentId: null,
      targets: {
        firstResponse: null,
        nextResponse: [
          { dueAt: '2026-11-24T14:00:00+01:00', state: 'met' },
          { dueAt: '2026-11-24T14:30:00+01:00', state: 'breached', stoppedAt: null },
        ],
        resolution: null,
      },
      open: [
        { kind: 'nextResponse', startedAt: '2026-11-24T12:30:00+01:00', elapsed: { seconds: 9000, businessSeconds: 9000 }, target: null },
      ],
      waitingSince: '2026-11-24T12:30:00+01:00',
    });
    expect(json.summary.firstResponse).toEqual({
      calendar: { n: 1, median: 300, p90: 300, mean: 300, min: 300, max: 300 },
      business: { n: 1, median: 300, p90: 300, mean: 300, min: 300, max: 300 },
    });
    expect(json.summary.handleSeconds.median).toBe(180);
    expect(json.summary.csat).toEqual({ n: 1, score: 1 });
  });

  it('writes an unbounded period as nulls and UTC times with Z', () => {
    const json = reportToJson(report, { timezone: 'UTC', period: null, now: at(14, 0) });
    expect(json.period).toEqual({ week: null, from: null, to: null, timezone: 'UTC' });
    expect(json.conversations[0].createdAt).toBe('2026-11-24T09:00:00Z');
  });

  it('is pretty-printed JSON ending with a newline', () => {
    const text = formatReport(report, frame, 'json');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(reportToJson(report, frame));
  });
});

describe('CSV report', () => {
  it('states zone, period and profile, then one row per conversation', () => {
    const csv = formatReportCsv(report, frame);
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      '# Replyline report',
      '# time zone: Europe/Berlin',
      '# period: 2026-W48 2026-11-23T00:00:00+01:00 to 2026-11-30T00:00:00+01:00',
      '# profile: replyline',
      '# evaluated at: 2026-11-24T15:00:00+01:00',
    ]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data[0]).toEqual({
      id: 'c-1',
      channel: 'chat',
      created: '2026-11-24T10:00:00+01:00',
      status: 'resolved',
      first_response_s: '300',
      first_response_business_s: '300',
      replies: '0',
      median_reply_s: '',
      median_reply_business_s: '',
      resolutions: '1',
      last_resolution_s: '3600',
      last_resolution_business_s: '3600',
      last_resolution_cycle_s: '3600',
      last_resolution_cycle_business_s: '3600',
      resolution_from_creation_s: '3600',
      reopens: '0',
      one_touch: 'true',
      bot_resolved: 'false',
      csat: '5',
      ces: '',
      handle_s: '180',
      first_response_target: 'met',
      next_response_targets: '',
      resolution_target: 'met',
      agent: 'a-1',
      unverified: 'false',
    });
    expect(parsed.data[1]).toMatchObject({
      // A page-derived id that a spreadsheet would run as a formula is quoted.
      id: "'=c-2",
      first_response_s: '',
      replies: '2',
      median_reply_s: '360',
      median_reply_business_s: '330',
      next_response_targets: 'met;breached',
      ces: '6',
      agent: '',
      unverified: 'true',
    });
  });
});

describe('text report', () => {
  it('prints the weekly summary as plain tables', () => {
    const text = formatReportText(report, frame);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Replyline report (profile: replyline)',
      'Period:        2026-W48, 2026-11-23 00:00 to 2026-11-30 00:00 (Europe/Berlin)',
      'Evaluated at:  2026-11-24 15:00',
      'Conversations: 2 listed, 2 with figures in the period; 1 unverified (listed, never counted)',
    ]);
    expect(lines).toContain('First response             business  1  5m 00s  5m 00s  5m 00s');
    expect(lines).toContain('Next response              business  1  5m 30s  5m 30s  5m 30s');
    // Replyline's profile reports each cycle: no separate cycles row; every resolution from creation beside it.
    expect(lines).toContain('Resolution (per cycle)     business  1  1h 00m  1h 00m  1h 00m');
    expect(lines).toContain('Resolutions from creation  business  1  1h 00m  1h 00m  1h 00m');
    expect(lines.some((line) => line.startsWith('Resolution cycles'))).toBe(false);
    expect(lines).toContain('Next response     1 / 2       50%');
    expect(lines).toContain('CSAT (share of 4–5)     100%  1');
    expect(lines).toContain('CES mean (1–7)           6.0  1');
    expect(lines).toContain('a-1                1                            5m 00s       3m 00s');
  });

  it('humanises durations', () => {
    expect([0, 45, 300, 3725, 90_000, null].map(humanDuration)).toEqual(['0s', '45s', '5m 00s', '1h 02m', '1d 01h', '—']);
  });
});

describe('conversationsInPeriod', () => {
  it('lists conversations alive during the period, unresolved ones until now', async () => {
    const { conversationsInPeriod } = await import('../../../lib/measure/report');
    const day = (d: number, h = 12) => Date.UTC(2026, 10, d, h);
    const period = { from: day(23, 0), to: day(30, 0) };
    const ids = conversationsInPeriod(
      [
        { id: 'before', createdAt: day(16), events: [{ type: 'status', at: day(17), status: 'resolved' }] },
        { id: 'spanning', createdAt: day(20), events: [{ type: 'status', at: day(24), status: 'resolved' }] },
        { id: 'waiting', createdAt: day(18), events: [{ type: 'message', at: day(18), author: 'customer' }] },
        {
          id: 'activity-into',
          createdAt: day(22, 22),
          events: [
            { type: 'activity', at: day(22, 23), until: day(23, 1), agentId: 'a-1' },
            { type: 'status', at: day(22, 23), status: 'resolved' },
          ],
        },
        { id: 'inside', createdAt: day(25), events: [] },
        { id: 'after', createdAt: day(30, 0), events: [] },
      ],
      period,
      day(28),
    );
    expect([...ids]).toEqual(['spanning', 'waiting', 'activity-into', 'inside']);
  });
});
