import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatJsonPath, formatTimelineProblems, parseTimeline } from '../../../lib/timeline/parse';

const issueExample = readFileSync(new URL('../../../docs/examples/issue-example.json', import.meta.url), 'utf8');

function timeline(conversations: unknown[], extra: Record<string, unknown> = {}) {
  return JSON.stringify({ format: 'replyline.timeline/1', ...extra, conversations });
}

function errorsOf(text: string): string[] {
  const result = parseTimeline(text);
  if (result.ok) throw new Error('expected the timeline to be rejected');
  return result.errors.map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message));
}

describe('parseTimeline', () => {
  it('reads the issue example into engine conversations with epoch ms times', () => {
    const result = parseTimeline(issueExample);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.timeline.calendar?.timezone).toBe('Europe/Berlin');
    expect(result.conversations).toEqual([
      {
        id: 'c-1',
        channel: 'chat',
        createdAt: Date.UTC(2026, 10, 24, 9, 0, 0),
        events: [
          { type: 'message', author: 'customer', at: Date.UTC(2026, 10, 24, 9, 0, 0) },
          { type: 'message', author: 'bot', at: Date.UTC(2026, 10, 24, 9, 0, 20) },
          { type: 'handoff', at: Date.UTC(2026, 10, 24, 9, 1, 0) },
          { type: 'note', agentId: 'a-1', at: Date.UTC(2026, 10, 24, 9, 2, 0) },
          { type: 'message', author: 'agent', agentId: 'a-1', at: Date.UTC(2026, 10, 24, 9, 5, 0) },
          { type: 'status', status: 'resolved', agentId: 'a-1', at: Date.UTC(2026, 10, 24, 10, 0, 0) },
          { type: 'rating', csat: 5, at: Date.UTC(2026, 10, 24, 10, 5, 0) },
        ],
      },
    ]);
  });

  it('honours offsets and sorts events by time, keeping file order for equal times', () => {
    const result = parseTimeline(
      timeline([
        {
          id: 'c-1',
          createdAt: '2026-11-24T10:00:00+01:00',
          events: [
            { type: 'message', author: 'agent', id: 'late', at: '2026-11-24T09:10:00Z' },
            { type: 'message', author: 'customer', id: 'first-equal', at: '2026-11-24T10:00:00+01:00' },
            { type: 'status', status: 'open', id: 'second-equal', at: '2026-11-24T09:00:00Z' },
            { type: 'tag', tag: 'vip', id: 'third-equal', at: '2026-11-24T09:00:00.000Z' },
          ],
        },
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [conversation] = result.conversations;
    expect(conversation.createdAt).toBe(Date.UTC(2026, 10, 24, 9));
    expect(conversation.events.map((event) => [event.id, event.at])).toEqual([
      ['first-equal', Date.UTC(2026, 10, 24, 9)],
      ['second-equal', Date.UTC(2026, 10, 24, 9)],
      ['third-equal', Date.UTC(2026, 10, 24, 9)],
      ['late', Date.UTC(2026, 10, 24, 9, 10)],
    ]);
  });

  it('accepts a byte-order mark and an event at exactly createdAt', () => {
    const result = parseTimeline(`\ufeff${issueExample}`);
    expect(result.ok && result.conversations[0].events[0].at).toBe(result.ok && result.conversations[0].createdAt);
  });

  it('names the JSON path and the reason of every schema problem, and returns nothing partial', () => {
    const text = timeline([
      {
        id: 'c-1',
        createdAt: '2026-11-24T09:00:00Z',
        events: [
          { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
          { type: 'foo', at: '2026-11-24T09:01:00Z' },
          { type: 'message', author: 'agent', at: '2026-11-24T10:00:00' },
          { type: 'rating', at: '2026-11-24T10:00:00Z' },
          { type: 'activity', agentId: 'a-1', at: '2026-11-24T10:00:00Z', until: '2026-11-24T09:00:00Z' },
          { type: 'message', author: 'robot', at: '2026-11-24T10:00:00Z' },
          { at: '2026-11-24T10:00:00Z' },
        ],
      },
    ]);
    const result = parseTimeline(text);
    expect(result).not.toHaveProperty('conversations');
    expect(errorsOf(text)).toEqual([
      'conversations[0].events[1].type: unknown event type "foo" (expected one of message, note, status, handoff, assignment, rating, activity, tag)',
      'conversations[0].events[2].at: expected an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00Z; got "2026-11-24T10:00:00"',
      'conversations[0].events[3]: a rating needs csat (1–5) or ces (1–7)',
      'conversations[0].events[4].until: an activity span must end after it starts',
      'conversations[0].events[5].author: expected one of "customer"|"agent"|"bot"|"automation"; got "robot"',
      'conversations[0].events[6].type: missing event type (one of message, note, status, handoff, assignment, rating, activity, tag)',
    ]);
  });

  it('explains calendar problems: unknown zone, inverted window, overlapping windows, bad holiday', () => {
    const text = timeline([], {
      calendar: {
        timezone: 'Europe/Berlinn',
        week: {
          mon: [['17:00', '09:00']],
          tue: [
            ['09:00', '12:00'],
            ['11:00', '17:00'],
          ],
          wed: [['9:00', '17:00']],
        },
        holidays: ['2026-12-32'],
      },
    });
    expect(errorsOf(text)).toEqual([
      'calendar.timezone: unknown IANA time zone',
      'calendar.week.mon[0]: a window must end after it starts (and may end at "24:00")',
      'calendar.week.wed[0][0]: expected a time of day "HH:MM" (00:00 to 24:00); got "9:00"',
      'calendar.week.tue: windows of one day must not overlap',
      'calendar.holidays[0]: expected a date "YYYY-MM-DD"; got "2026-12-32"',
    ]);
  });

  it('rejects a wrong format marker and missing fields', () => {
    expect(errorsOf(JSON.stringify({ format: 'replyline.timeline/2' }))).toEqual([
      'format: expected "format": "replyline.timeline/1"; got "replyline.timeline/2"',
      'conversations: required (expected array)',
    ]);
    expect(errorsOf(JSON.stringify([]))).toEqual(['expected object, received array']);
  });

  it('rejects duplicate conversation ids, events before creation, and an inverted period', () => {
    const conversation = (id: string, at: string) => ({
      id,
      createdAt: '2026-11-24T09:00:00Z',
      events: [{ type: 'message', author: 'customer', at }],
    });
    const text = timeline(
      [
        conversation('c-1', '2026-11-24T09:00:00Z'),
        conversation('c-2', '2026-11-24T08:59:59Z'),
        conversation('c-1', '2026-11-24T09:00:00Z'),
      ],
      { period: { from: '2026-11-30T00:00:00Z', to: '2026-11-23T00:00:00Z' } },
    );
    expect(errorsOf(text)).toEqual([
      'period.to: the period must end after it starts',
      "conversations[1].events[0].at: 2026-11-24T08:59:59Z is before the conversation's createdAt 2026-11-24T09:00:00Z",
      'conversations[2].id: duplicate conversation id "c-1" (first used by conversations[0])',
    ]);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(errorsOf('{\n  "format": "replyline.timeline/1",\n  "conversations": [,]\n}')).toEqual([
      'invalid JSON at line 3, column 21: unexpected ","',
    ]);
    expect(errorsOf('{"format": "replyline.timeline/1", "conversations": [],}')).toEqual([
      "invalid JSON at line 1, column 56: trailing comma before '}'",
    ]);
    expect(errorsOf('')).toEqual(['invalid JSON at line 1, column 1: unexpected end of input']);
    expect(errorsOf('{"a": "line\nbreak"}')).toEqual([
      'invalid JSON at line 1, column 12: a control character (such as a line break) inside a string',
    ]);
  });
});

describe('formatJsonPath / formatTimelineProblems', () => {
  it('writes array indexes in brackets and odd keys quoted', () => {
    expect(formatJsonPath(['conversations', 0, 'events', 3, 'at'])).toBe('conversations[0].events[3].at');
    expect(formatJsonPath(['calendar', 'week', 'mon', 0])).toBe('calendar.week.mon[0]');
    expect(formatJsonPath(['source', 'odd key'])).toBe('source["odd key"]');
    expect(formatJsonPath([])).toBe('');
  });

  it('prints one problem per line', () => {
    expect(
      formatTimelineProblems([
        { path: 'a[0]', message: 'x' },
        { path: '', message: 'y' },
      ]),
    ).toBe('a[0]: x\ny');
  });
});

describe('parseTimeline on hostile input', () => {
  it('reports 7,000 unclosed "[" as too deep instead of overflowing the stack', () => {
    expect(parseTimeline('['.repeat(7000))).toEqual({
      ok: false,
      errors: [{ path: '', message: 'invalid JSON at line 1, column 1002: nested more than 1000 levels deep' }],
    });
  });

  it('rejects ids too long, an origin holding "|", and times outside 2000–2099', () => {
    const file = {
      format: 'replyline.timeline/1',
      source: { helpdesk: 'zendesk', origin: 'https://a|b' },
      conversations: [
        {
          id: 'c'.repeat(257),
          createdAt: '1970-01-01T00:00:00Z',
          events: [{ type: 'tag', tag: 't', at: '2026-11-24T09:00:00Z', id: 'x' }],
        },
      ],
    };
    expect(parseTimeline(JSON.stringify(file))).toEqual({
      ok: false,
      errors: [
        { path: 'source.origin', message: 'must not contain "|"' },
        { path: 'conversations[0].id', message: '257 characters long; at most 256 are accepted' },
        { path: 'conversations[0].createdAt', message: '"1970-01-01T00:00:00Z" is outside 2000–2099; not a plausible time' },
      ],
    });
  });
});
