import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../lib/cli/main';
import type { ReportJson } from '../../../lib/export/json';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const issueExample = `${root}docs/examples/issue-example.json`;
const supportWeek = `${root}docs/examples/support-week.json`;

/** Runs the CLI in-process with files served from `files` (falling back to disk). */
async function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: Partial<CliIo> = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => (path in files ? files[path] : readFileSync(path, 'utf8')),
    now: () => Date.UTC(2026, 11, 1),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const minimal = (conversations: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'replyline.timeline/1', ...extra, conversations });

describe('replyline report (in-process)', () => {
  it('measures the issue example: 300 s first response, one 3600 s resolution, targets met, CSAT 1 of 1', async () => {
    const { code, stdout, stderr } = await run(['report', issueExample, '--now', '2026-11-24T12:00:00Z']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ReportJson;
    expect(report.profile).toBe('replyline');
    expect(report.period).toEqual({ week: null, from: null, to: null, timezone: 'Europe/Berlin' });
    expect(report.conversations).toHaveLength(1);
    const [conversation] = report.conversations;
    expect(conversation.id).toBe('c-1');
    expect(conversation.firstResponse).toMatchObject({ seconds: 300, businessSeconds: 300 });
    expect(conversation.replies).toEqual([]);
    expect(conversation.resolutions.map(({ seconds, businessSeconds }) => ({ seconds, businessSeconds }))).toEqual([
      { seconds: 3600, businessSeconds: 3600 },
    ]);
    expect(conversation.reopens).toBe(0);
    expect(conversation.targets.firstResponse).toMatchObject({ dueAt: '2026-11-24T11:00:00+01:00', state: 'met' });
    expect(conversation.targets.nextResponse).toEqual([]);
    expect(conversation.targets.resolution?.state).toBe('met');
    expect(report.summary.firstResponse.calendar).toMatchObject({ n: 1, median: 300, p90: 300, mean: 300 });
    expect(report.summary.firstResponse.business).toMatchObject({ n: 1, median: 300, p90: 300, mean: 300 });
    expect(report.summary.resolution.business).toMatchObject({ n: 1, median: 3600, p90: 3600, mean: 3600 });
    expect(report.summary.csat).toEqual({ n: 1, score: 1 });
  });

  it('accepts the form without the subcommand, and --week in the calendar zone', async () => {
    const { code, stdout } = await run([issueExample, '--week', '2026-W48', '--now', '2026-11-24T12:00:00Z']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ReportJson;
    expect(report.period).toEqual({
      week: '2026-W48',
      from: '2026-11-23T00:00:00+01:00',
      to: '2026-11-30T00:00:00+01:00',
      timezone: 'Europe/Berlin',
    });
    expect(report.summary.firstResponse.business.n).toBe(1);
  });

  it('leaves measurements outside the week out of the summary', async () => {
    const { code, stdout } = await run([issueExample, '--week', '2026-W49', '--now', '2026-12-01T12:00:00Z']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ReportJson;
    expect(report.conversations).toEqual([]);
    expect(report.summary.firstResponse.business.n).toBe(0);
    expect(report.summary.firstResponse.business.median).toBeNull();
    expect(report.summary.csat).toEqual({ n: 0, score: null });
  });

  it('uses generatedAt as now by default, and the file period', async () => {
    const { code, stdout } = await run([supportWeek]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ReportJson;
    expect(report.evaluatedAt).toBe('2026-12-27T20:00:00+01:00');
    expect(report.period).toEqual({
      week: null,
      from: '2026-12-21T00:00:00+01:00',
      to: '2026-12-28T00:00:00+01:00',
      timezone: 'Europe/Berlin',
    });
    expect(report.conversations.map((c) => c.id)).toEqual([
      'c-101',
      'c-102',
      'c-103',
      'c-104',
      'c-105',
      'c-106',
      'c-107',
      'c-108',
      'c-109',
      'c-110',
      'c-111',
      'c-112',
    ]);
  });

  it('without generatedAt or --now, evaluates at the current time', async () => {
    const { stdout } = await run([issueExample]);
    expect((JSON.parse(stdout) as ReportJson).evaluatedAt).toBe('2026-12-01T01:00:00+01:00');
  });

  it('prints CSV with a time zone and period header, one row per conversation', async () => {
    const { code, stdout } = await run(['report', supportWeek, '--format', 'csv', '--week', '2026-W52']);
    expect(code).toBe(0);
    expect(stdout.split('\r\n').slice(1, 3)).toEqual([
      '# time zone: Europe/Berlin',
      '# period: 2026-W52 2026-12-21T00:00:00+01:00 to 2026-12-28T00:00:00+01:00',
    ]);
    const rows = Papa.parse<Record<string, string>>(stdout, { header: true, comments: '#', skipEmptyLines: true });
    expect(rows.errors).toEqual([]);
    expect(rows.data).toHaveLength(12);
    expect(rows.data.find((row) => row.id === 'c-111')?.unverified).toBe('true');
  });

  it('prints the text summary for a profile', async () => {
    const { code, stdout } = await run(['report', supportWeek, '--format', 'text', '--profile', 'zendesk']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      'Replyline report (profile: zendesk)',
      'Period:        2026-12-21 00:00 to 2026-12-28 00:00 (Europe/Berlin)',
      'Evaluated at:  2026-12-27 20:00',
      'Conversations: 12 listed, 11 with figures in the period; 1 unverified (listed, never counted)',
    ]);
  });

  it('prints help on --help and on no arguments (as an error)', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npx replyline report FILE [options]');
    expect((await run(['report', '-h'])).stdout).toContain('--week YYYY-Www');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: npx replyline report FILE');
  });

  it.each([
    [['report', issueExample, '--format', 'xml'], 'replyline: unknown format "xml" (expected json, csv, text)'],
    [
      ['report', issueExample, '--profile', 'freshdesk'],
      'replyline: unknown profile "freshdesk" (expected replyline, zendesk, intercom, chatwoot, zammad)',
    ],
    [['report', issueExample, '--week', '2026-48'], 'replyline: malformed week "2026-48" (expected YYYY-Www, e.g. 2026-W48)'],
    [
      ['report', issueExample, '--now', 'yesterday'],
      'replyline: malformed --now "yesterday" (expected an ISO 8601 time with an offset, e.g. 2026-11-24T12:00:00Z)',
    ],
    [['report', issueExample, '--colour'], "replyline: Unknown option '--colour'"],
    [['report'], 'replyline: missing the timeline FILE to report on'],
    [['report', 'a.json', 'b.json'], 'replyline: expected one FILE, got 2: a.json b.json'],
  ])('rejects wrong usage %j with exit 2 and nothing on stdout', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toContain(message);
  });

  it('rejects a week that does not exist in its year', async () => {
    const { code, stdout, stderr } = await run(['report', issueExample, '--week', '2026-W54']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('replyline: --week: Malformed ISO week "2026-W54": 2026 has weeks 01 to 53\n');
  });

  it.each([
    [
      'an unparseable time',
      minimal([{ id: 'c-1', createdAt: '2026-11-24 09:00', events: [] }]),
      ['  conversations[0].createdAt: expected an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00Z; got "2026-11-24 09:00"'],
    ],
    [
      'an unknown event type',
      minimal([{ id: 'c-1', createdAt: '2026-11-24T09:00:00Z', events: [{ type: 'call', at: '2026-11-24T09:00:00Z' }] }]),
      [
        '  conversations[0].events[0].type: unknown event type "call" (expected one of message, note, status, handoff, assignment, rating, activity, tag)',
      ],
    ],
    [
      'an unknown time zone and a window ending before it starts',
      minimal([], { calendar: { timezone: 'Europe/Atlantis', week: { mon: [['17:00', '09:00']] } } }),
      ['  calendar.timezone: unknown IANA time zone', '  calendar.week.mon[0]: a window must end after it starts (and may end at "24:00")'],
    ],
    ['invalid JSON', '{"format": "replyline.timeline/1", "conversations": [}', ['  invalid JSON at line 1, column 54: unexpected "}"']],
    [
      'an unknown profile in the file',
      minimal([], { profile: 'helpscout' }),
      ['  profile: unknown profile "helpscout" (expected replyline, zendesk, intercom, chatwoot, zammad)'],
    ],
  ])('rejects %s with exit 1, the JSON path and reason on stderr, nothing on stdout', async (_label, text, problems) => {
    const { code, stdout, stderr } = await run(['report', 'week.json'], { 'week.json': text });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`replyline: week.json is not a valid timeline (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    expect(lines.slice(1)).toEqual(problems);
  });

  it('reports on a calendar with no working window (valid input) instead of failing', async () => {
    // Used to exit 1 with "The business calendar (UTC) has no working windows".
    const text = minimal(
      [
        {
          id: 'c1',
          createdAt: '2026-11-24T09:00:00Z',
          events: [
            { type: 'message', author: 'customer', at: '2026-11-24T09:00:00Z' },
            { type: 'message', author: 'agent', agentId: 'a', at: '2026-11-24T09:30:00Z' },
          ],
        },
      ],
      { calendar: { timezone: 'UTC', week: {} }, targets: { firstResponseSeconds: 3600, nextResponseSeconds: 3600 } },
    );
    for (const [profile, business, target] of [
      ['replyline', 1800, { dueAt: '2026-11-24T10:00:00Z', state: 'met' }],
      ['chatwoot', 0, { dueAt: '2026-11-24T10:00:00Z', state: 'met' }],
      ['zammad', 0, null],
    ] as const) {
      const { code, stdout, stderr } = await run(['report', 'week.json', '--profile', profile, '--now', '2026-11-25T12:00:00Z'], {
        'week.json': text,
      });
      expect({ profile, code, stderr }).toEqual({ profile, code: 0, stderr: '' });
      const [conversation] = (JSON.parse(stdout) as ReportJson).conversations;
      expect(conversation.firstResponse).toMatchObject({ seconds: 1800, businessSeconds: business });
      if (target === null) expect(conversation.targets.firstResponse).toBeNull();
      else expect(conversation.targets.firstResponse).toMatchObject(target);
    }
  });

  it('rejects a missing file with exit 1', async () => {
    const { code, stdout, stderr } = await run(['report', `${root}docs/examples/no-such-week.json`]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`replyline: cannot read ${root}docs/examples/no-such-week.json: no such file\n`);
  });
});

describe('replyline bin (spawned)', () => {
  const exec = promisify(execFile);
  const bin = `${root}bin/replyline.mjs`;

  it('reports on the issue example through the real launcher', async () => {
    const { stdout, stderr } = await exec(process.execPath, [bin, 'report', issueExample, '--now', '2026-11-24T12:00:00Z'], { cwd: root });
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as ReportJson;
    expect(report.conversations[0].firstResponse).toMatchObject({ seconds: 300, businessSeconds: 300 });
    expect(report.summary.csat).toEqual({ n: 1, score: 1 });
  }, 30_000);

  it('exits non-zero with the problem on stderr and nothing on stdout', async () => {
    const failure = await exec(process.execPath, [bin, 'report', `${root}docs/examples/no-such-week.json`], { cwd: root }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(1);
    expect(failure!.stdout).toBe('');
    expect(failure!.stderr).toContain('no-such-week.json: no such file');
  }, 30_000);
});
