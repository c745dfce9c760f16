/**
 * The streamed reading of timeline files (issue 14, point 6): chunks may end anywhere (inside a
 * string, an escape, a multi-byte character, a number, a literal), problems still name their
 * JSON path, and a report over a streamed file is the report the whole-file path made.
 * Expectations come from JSON.parse + zod (an independent path) or are written out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../lib/cli/main';
import { measureReport } from '../../../lib/measure/report';
import { reportToJson } from '../../../lib/export/json';
import { conversationFromTimeline } from '../../../lib/timeline/convert';
import { TimelineReader, MAX_LISTED_PROBLEMS } from '../../../lib/timeline/parse';
import { timelineSchema } from '../../../lib/timeline/schema';
import { isoToMs } from '../../../lib/timeline/convert';

const root = new URL('../../../', import.meta.url);
const fixture = (path: string) => readFileSync(new URL(path, root), 'utf8');
const ISSUE_EXAMPLE = fixture('docs/examples/issue-example.json');
const SUPPORT_WEEK = fixture('docs/examples/support-week.json');

/** The file's bytes cut at the given offsets. */
function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [0, ...at, bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

function read(chunks: ReadonlyArray<Uint8Array | string>) {
  const reader = new TimelineReader({ engine: true, timeline: true });
  for (const chunk of chunks) reader.write(chunk);
  return reader.end();
}

/** What JSON.parse and zod make of a valid text: the expectation, by another path. */
function expected(text: string) {
  const timeline = timelineSchema.parse(JSON.parse(text.replace(/^\ufeff/, '')));
  return { conversations: timeline.conversations, engine: timeline.conversations.map(conversationFromTimeline) };
}

/** A timeline whose strings hold escapes, multi-byte characters and surrogate pairs, with numbers of several forms. */
const TRICKY = JSON.stringify(
  {
    format: 'replyline.timeline/1',
    source: { helpdesk: 'zendesk', origin: 'https://acme.zendesk.com' },
    targets: { firstResponseSeconds: 1.5e3, atRiskShare: 0.75 },
    conversations: [
      {
        id: 'c-é😀\u0001"\\/\n\t',
        channel: 'mail ✉',
        createdAt: '2026-11-24T09:00:00+01:00',
        tags: ['straße', '\ud83d\ude00', 'a\u2028b'],
        events: [
          { type: 'message', id: 'm-ü', at: '2026-11-24T08:00:00Z', author: 'customer' },
          { type: 'rating', id: 'r1', at: '2026-11-24T08:30:00.250Z', csat: 5, ces: 7 },
          { type: 'message', id: 'm2', at: '2026-11-24T09:10:00+01:00', author: 'agent', agentId: 'agent-日本', public: false },
        ],
      },
    ],
  },
  null,
  1,
).replace('"csat": 5', '"csat": 5.0e0'); // still 5: a number written with a fraction and exponent

describe('streamed timeline reading', () => {
  it('reads the tricky file the same wherever a two-chunk cut falls (every byte)', () => {
    const bytes = new TextEncoder().encode(TRICKY);
    const want = expected(TRICKY);
    expect(want.engine[0].events).toHaveLength(3);
    for (let at = 0; at <= bytes.length; at++) {
      const result = read(cut(bytes, [at]));
      if (!result.ok) throw new Error(`cut at ${at}: ${JSON.stringify(result.errors)}`);
      expect(result.timeline, `cut at ${at}`).toEqual(want.conversations);
      expect(result.engine, `cut at ${at}`).toEqual(want.engine);
    }
  });

  it('reads files one byte at a time, and text in chunks that split surrogate pairs', () => {
    for (const text of [TRICKY, ISSUE_EXAMPLE, SUPPORT_WEEK, `\ufeff${ISSUE_EXAMPLE}`]) {
      const bytes = new TextEncoder().encode(text);
      const oneByOne = read(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)));
      expect(oneByOne.ok && oneByOne.engine).toEqual(expected(text).engine);
      const inUnits = read(Array.from({ length: Math.ceil(text.length / 3) }, (_, i) => text.slice(i * 3, i * 3 + 3)));
      expect(inUnits.ok && inUnits.timeline).toEqual(expected(text).conversations);
    }
  });

  it('gives the issue example the figures written out in parse.test.ts, in 5-byte chunks', () => {
    const bytes = new TextEncoder().encode(ISSUE_EXAMPLE);
    const result = read(Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) => bytes.subarray(i * 5, i * 5 + 5)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.head.calendar?.timezone).toBe('Europe/Berlin');
    expect(result.engine.map((c) => [c.id, c.createdAt, c.events.length])).toEqual([['c-1', Date.UTC(2026, 10, 24, 9), 7]]);
    expect(result.engine[0].events.at(-1)).toEqual({ type: 'rating', csat: 5, at: Date.UTC(2026, 10, 24, 10, 5, 0) });
  });

  it('names the same syntax error, at the same line and column, wherever the chunks end', () => {
    const cases: Array<[string, string]> = [
      ['{\n  "format": "replyline.timeline/1",\n  "conversations": [,]\n}', 'invalid JSON at line 3, column 21: unexpected ","'],
      ['{"format": "replyline.timeline/1", "conversations": [],}', "invalid JSON at line 1, column 56: trailing comma before '}'"],
      ['{"a": "line\nbreak"}', 'invalid JSON at line 1, column 12: a control character (such as a line break) inside a string'],
      ['{"a": "bad \\x escape"}', 'invalid JSON at line 1, column 12: invalid escape in a string'],
      ['{"a": "bad \\u12G4"}', 'invalid JSON at line 1, column 12: invalid \\u escape in a string'],
      ['{"é": 1 2}', "invalid JSON at line 1, column 9: expected ',' or '}' after a property value, found \"2\""],
      ['{"a": 1, "a": 2}', 'invalid JSON at line 1, column 10: the key "a" is given twice in one object'],
      ['{"a": [1, 2', "invalid JSON at line 1, column 12: expected ',' or ']' after an array element, found end of input"],
      ['{"a": "open', 'invalid JSON at line 1, column 12: a string is not closed'],
      ['{"a": -x}', 'invalid JSON at line 1, column 8: invalid number: unexpected "x"'],
      ['{} {}', 'invalid JSON at line 1, column 4: unexpected "{" after the end of the JSON value'],
      ['{"a": NaN}', 'invalid JSON at line 1, column 7: unexpected "N"'],
      [`${'['.repeat(1001)}1${']'.repeat(1001)}`, 'invalid JSON at line 1, column 1002: nested more than 1000 levels deep'],
    ];
    for (const [text, message] of cases) {
      const bytes = new TextEncoder().encode(text);
      for (let at = 0; at <= bytes.length; at++) {
        expect(read(cut(bytes, [at])), `${JSON.stringify(text)} cut at ${at}`).toEqual({ ok: false, errors: [{ path: '', message }] });
      }
    }
  });

  it('names the JSON path of schema and consistency problems in a chunked file', () => {
    const file = JSON.parse(SUPPORT_WEEK) as { conversations: Array<{ events: Array<Record<string, unknown>> }> };
    file.conversations[2].events[1].author = 'robot';
    const text = JSON.stringify(file, null, 2);
    const bytes = new TextEncoder().encode(text);
    expect(read(cut(bytes, [100, 2000, 2001, 5000]))).toEqual({
      ok: false,
      errors: [
        { path: 'conversations[2].events[1].author', message: 'expected one of "customer"|"agent"|"bot"|"automation"; got "robot"' },
      ],
    });
    file.conversations[2].events[1].author = 'agent';
    file.conversations[4].events[0].at = '2020-01-01T00:00:00Z';
    const early = JSON.stringify(file);
    const result = read(cut(new TextEncoder().encode(early), [777]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['conversations[4].events[0].at']);
    expect(!result.ok && result.errors[0].message).toMatch(/^2020-01-01T00:00:00Z is before the conversation's createdAt /);
  });

  it('checks events against createdAt even when createdAt comes after them', () => {
    const text = `{"format":"replyline.timeline/1","conversations":[{"events":[
      {"type":"message","author":"customer","at":"2026-11-24T08:59:00Z"}],"id":"c-1","createdAt":"2026-11-24T09:00:00Z"}]}`;
    expect(read([text])).toEqual({
      ok: false,
      errors: [
        {
          path: 'conversations[0].events[0].at',
          message: "2026-11-24T08:59:00Z is before the conversation's createdAt 2026-11-24T09:00:00Z",
        },
      ],
    });
  });

  it('refuses "conversations" or "events" that are objects instead of arrays, naming them', () => {
    expect(read(['{"format":"replyline.timeline/1","conversations":{"0":{"id":"c"}}}'])).toEqual({
      ok: false,
      errors: [{ path: 'conversations', message: 'expected array, received object' }],
    });
    expect(
      read(['{"format":"replyline.timeline/1","conversations":[{"id":"c","createdAt":"2026-11-24T09:00:00Z","events":{"a":{}}}]}']),
    ).toEqual({ ok: false, errors: [{ path: 'conversations[0].events', message: 'expected array, received object' }] });
  });

  it(`lists at most ${MAX_LISTED_PROBLEMS} problems and says how many more there are`, () => {
    const events = Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, () => ({ type: 'message', at: 'soon', author: 'customer' }));
    const text = JSON.stringify({
      format: 'replyline.timeline/1',
      conversations: [{ id: 'c', createdAt: '2026-11-24T09:00:00Z', events }],
    });
    const result = read([text]);
    expect(!result.ok && result.errors.length).toBe(MAX_LISTED_PROBLEMS + 1);
    expect(!result.ok && result.errors.at(-1)).toEqual({ path: '', message: '… and 5 more problems' });
  });
});

describe('replyline report on a streamed file', () => {
  /** The report as the whole-file path made it: JSON.parse, zod, the measuring code, JSON.stringify. */
  function wholeFileReport(text: string, now: number) {
    const timeline = timelineSchema.parse(JSON.parse(text));
    const { report, frame } = measureReport({
      conversations: timeline.conversations.map(conversationFromTimeline),
      profile: 'replyline',
      ...(timeline.calendar && { calendar: timeline.calendar }),
      ...(timeline.targets && { targets: timeline.targets }),
      period: timeline.period ? { from: isoToMs(timeline.period.from), to: isoToMs(timeline.period.to) } : null,
      now,
    });
    return `${JSON.stringify(reportToJson(report, frame), null, 2)}\n`;
  }

  it.each([
    ['docs/examples/issue-example.json', ISSUE_EXAMPLE, Date.parse('2026-11-24T12:00:00Z')],
    ['docs/examples/support-week.json', SUPPORT_WEEK, Date.parse('2026-12-27T19:00:00Z')],
  ])('reports %s, read in 7-byte chunks, exactly as the whole-file path did', async (path, text, now) => {
    const bytes = new TextEncoder().encode(text);
    let stdout = '';
    const code = await runCli(['report', path, '--now', new Date(now).toISOString()], {
      readChunks: async function* () {
        for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
      },
      stdout: (part) => void (stdout += part),
      stderr: (part) => void (stdout += `stderr: ${part}`),
    });
    expect(code).toBe(0);
    expect(stdout).toBe(wholeFileReport(text, now));
    // And the figures report.test.ts writes out for the issue example.
    if (path.endsWith('issue-example.json')) {
      const report = JSON.parse(stdout) as { summary: { firstResponse: { business: { median: number } }; csat: unknown } };
      expect(report.summary.firstResponse.business.median).toBe(300);
      expect(report.summary.csat).toEqual({ n: 1, score: 1 });
    }
  });
});
