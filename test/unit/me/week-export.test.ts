import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import Papa from 'papaparse';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { loadMeData, readWeekForExport, toWeekExport, type MeData } from '../../../lib/sidepanel-state/me';
import { weekCsv, weekFileName, weekJson, weekTimeline } from '../../../lib/export/week-export';
import { summaryToJson, CSV_COLUMNS } from '../../../lib/export/index';
import { runCli } from '../../../lib/cli/main';
import { parseTimeline } from '../../../lib/timeline/parse';
import { AT, seedMeFixture } from './fixture';

const DB = 'replyline-me-export-test';
let db: ReplylineDb;
let data: MeData;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  await seedMeFixture(db);
  data = await loadMeData(db, AT);
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

/** The report command on an in-memory file, as `npm run report -- FILE --week WEEK` runs it. */
async function report(fileText: string, week: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['report', 'week.json', '--week', week], {
    readFile: async () => fileText,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => 0,
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as { summary: unknown; period: unknown; evaluatedAt: string; conversations: { id: string }[] };
}

describe('week export', () => {
  it('writes one CSV row per conversation of the week under time zone, period, profile and scope lines', async () => {
    const week = toWeekExport(await readWeekForExport(db, data, '2026-W48', 'everyone'));
    expect(weekFileName(week, 'csv')).toBe('replyline-2026-W48-everyone.csv');
    const text = weekCsv(week);
    const lines = text.split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      '# Replyline report',
      '# scope: everyone',
      '# time zone: Europe/Berlin',
      '# period: 2026-W48 2026-11-23T00:00:00+01:00 to 2026-11-30T00:00:00+01:00',
      '# profile: replyline',
      '# evaluated at: 2026-11-26T13:00:00+01:00',
    ]);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, comments: '#', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data.map((row) => row.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    expect(parsed.data[0]).toEqual({
      id: 'c-1',
      channel: 'chat',
      created: '2026-11-23T10:00:00+01:00',
      status: 'resolved',
      first_response_s: '240',
      first_response_business_s: '240',
      replies: '1',
      median_reply_s: '360',
      median_reply_business_s: '360',
      resolutions: '1',
      last_resolution_s: '1200',
      last_resolution_business_s: '1200',
      last_resolution_cycle_s: '1200',
      last_resolution_cycle_business_s: '1200',
      resolution_from_creation_s: '1200',
      reopens: '0',
      one_touch: 'false',
      bot_resolved: 'false',
      csat: '5',
      ces: '',
      handle_s: '120',
      first_response_target: 'met',
      next_response_targets: 'met',
      resolution_target: 'met',
      agent: 'a-1',
      unverified: 'false',
    });
    expect(parsed.data[3]).toMatchObject({
      id: 'c-4',
      status: 'open',
      first_response_s: '',
      first_response_target: 'breached',
      resolution_target: 'on_track',
      agent: 'a-1',
    });
    expect(text).not.toContain('Hello');
  });

  it('exports my week: only conversations I am credited with, named after me', async () => {
    const week = toWeekExport(await readWeekForExport(db, data, '2026-W48', 'me'));
    expect(weekFileName(week, 'json')).toBe('replyline-2026-W48-a-1.json');
    expect(week.conversations.map((c) => c.id)).toEqual(['c-1', 'c-3', 'c-4']);
    expect(weekCsv(week).split('\r\n')[1]).toBe('# scope: agent a-1 (their replies, resolutions and rated conversations)');
    expect(week.summary).toEqual(data.mine!['2026-W48'].summary);
  });

  it('writes a timeline file whose report reproduces the view, field by field', async () => {
    const week = toWeekExport(await readWeekForExport(db, data, '2026-W48', 'everyone'));
    const text = weekJson(week);
    const parsed = parseTimeline(text);
    expect(parsed.ok).toBe(true);
    const file = weekTimeline(week);
    expect(file).toMatchObject({
      format: 'replyline.timeline/1',
      generatedAt: '2026-11-26T12:00:00.000Z',
      source: { helpdesk: 'demo-desk', origin: 'http://localhost:4400' },
      agentId: 'a-1',
      period: { from: '2026-11-22T23:00:00.000Z', to: '2026-11-29T23:00:00.000Z' },
      profile: 'replyline',
      calendar: { timezone: 'Europe/Berlin', holidays: [] },
      targets: { clock: 'business', atRiskShare: 0.75, firstResponseSeconds: 600, nextResponseSeconds: 900, resolutionSeconds: 7200 },
    });
    expect(file.conversations.map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    // Activity spans are part of the timeline (handle time), message text never is.
    expect(file.conversations[0].events.filter((e) => e.type === 'activity')).toHaveLength(1);
    expect(JSON.stringify(file)).not.toMatch(/body|text/i);

    const viewSummary = summaryToJson(data.everyone['2026-W48'].summary);
    expect(file.summary).toEqual(viewSummary);
    const cli = await report(text, '2026-W48');
    expect(cli.evaluatedAt).toBe('2026-11-26T13:00:00+01:00');
    expect(cli.period).toEqual({
      week: '2026-W48',
      from: '2026-11-23T00:00:00+01:00',
      to: '2026-11-30T00:00:00+01:00',
      timezone: 'Europe/Berlin',
    });
    expect(cli.conversations.map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    const cliSummary = cli.summary as Record<string, unknown>;
    for (const field of Object.keys(viewSummary) as (keyof typeof viewSummary)[]) {
      expect({ field, value: cliSummary[field] }).toEqual({ field, value: viewSummary[field] });
    }
    expect(Object.keys(cliSummary).sort()).toEqual(Object.keys(viewSummary).sort());
  });

  it("reproduces my week's figures from my export when only I worked its conversations", async () => {
    const week = toWeekExport(await readWeekForExport(db, data, '2026-W48', 'me'));
    const cli = await report(weekJson(week), '2026-W48');
    expect(cli.summary).toEqual(summaryToJson(data.mine!['2026-W48'].summary));
  });
});
