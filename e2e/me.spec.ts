/**
 * The Me view in Chromium against the Demo Desk: this week's figures equal the engine's on
 * the desk's true timeline, the CSV and JSON exports download with the same numbers (the JSON
 * one reproduced by the report command), and the printable report prints to an A4 PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import Papa from 'papaparse';
import { buildReport, reportContext } from '../lib/engine/report.ts';
import { isoWeekRange } from '../lib/engine/local-time.ts';
import { summarize } from '../lib/engine/summary.ts';
import { conversationCsvRow, CSV_COLUMNS } from '../lib/export/csv.ts';
import { summaryToJson } from '../lib/export/json.ts';
import { runCli } from '../lib/cli/main.ts';
import { parseTimeline } from '../lib/timeline/parse.ts';
import { demoDeskPerTest } from './demo-client';
import { expect, test } from './fixtures';

const MIN = 60_000;
const desk = demoDeskPerTest(test);
const { ago } = desk;

/** The engine on the Demo Desk's truth for one ISO week, evaluated at the panel's own time. */
async function truthWeek(conversationIds: string[], week: string, now: number) {
  const parsed = parseTimeline(await desk.demo.timelineText());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const timezone = parsed.timeline.calendar?.timezone ?? 'UTC';
  const options = {
    profile: 'replyline' as const,
    calendar: parsed.timeline.calendar,
    targets: parsed.timeline.targets,
    now,
    period: isoWeekRange(week, timezone),
  };
  const report = buildReport(
    parsed.conversations.filter((c) => conversationIds.includes(c.id)),
    options,
  );
  const ctx = reportContext(options);
  const forAgent = (agentId: string) => summarize(report.conversations, { ...ctx, business: { timezone } }, options.period, { agentId });
  return { timezone, report, forAgent };
}

async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  return panel;
}

const weekStat = (panel: Page, id: string) => panel.locator(`[data-week-stat="${id}"]`);

async function download(panel: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: button, exact: true }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('the Me view shows this week as the engine computes it, exports it and prints it', async ({ context, extensionId }) => {
  const a = await desk.demo.createConversation('Asha Rao', ago(20 * MIN));
  await desk.demo.message(a, 'agent', ago(18 * MIN), 'a-1');
  await desk.demo.message(a, 'customer', ago(10 * MIN));
  await desk.demo.message(a, 'agent', ago(6 * MIN), 'a-1');
  const b = await desk.demo.createConversation('Bruno Diaz', ago(15 * MIN));
  await desk.demo.message(b, 'agent', ago(3 * MIN), 'a-2');
  await desk.demo.status(b, 'resolved', ago(2 * MIN), 'a-2');
  const c = await desk.demo.createConversation('Carla Meyer', ago(9 * MIN), 'email');
  await desk.demo.message(c, 'agent', ago(8.5 * MIN), 'a-1');
  await desk.demo.status(c, 'resolved', ago(4 * MIN), 'a-1');
  const ids = [a, b, c];

  const page = await context.newPage();
  for (const id of ids) {
    await page.goto(`${desk.demo.url}/conversations/${id}`);
    await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);
  }

  const panel = await openPanel(context, extensionId);
  await panel.getByRole('tab', { name: 'Me' }).click();
  const me = panel.locator('section[aria-label="Me"]');
  // Everyone's week has all three first responses once the worker has stored every view.
  await panel.getByLabel('Whose figures', { exact: true }).selectOption('everyone');
  await expect(weekStat(panel, 'firstResponse').locator('.stat-sub')).toHaveAttribute('data-n', '3');
  const at = Number(await me.getAttribute('data-at'));
  const week = await panel.getByLabel('Week', { exact: true }).inputValue();
  // The view names the agent; its id is on the view's section.
  const agentId = (await me.getAttribute('data-agent-id'))!;
  await expect(panel.locator('section[aria-label^="Me · "]').first()).toHaveAttribute('aria-label', /^Me · \S/);
  const truth = await truthWeek(ids, week, at);
  const everyone = truth.report.summary;
  const mine = truth.forAgent(agentId);
  // Worked values, so that a wrong truth cannot pass: first responses 2 min, 12 min, 30 s.
  expect(everyone.firstResponse.business).toMatchObject({ n: 3, median: 120 });
  expect(everyone.reply.business).toMatchObject({ n: 1, median: 240 });
  expect(everyone.targets.firstResponse).toMatchObject({ n: 3, met: 2 });

  const expectWeek = async (summary: typeof everyone) => {
    for (const [id, aggregate] of [
      ['firstResponse', summary.firstResponse.business],
      ['nextResponse', summary.reply.business],
      ['resolution', summary.resolution.business],
    ] as const) {
      await expect(weekStat(panel, id).locator('.stat-value')).toHaveAttribute('data-value', String(aggregate.median ?? ''));
      await expect(weekStat(panel, id).locator('.stat-sub')).toHaveAttribute('data-n', String(aggregate.n));
      await expect(weekStat(panel, id).locator('.stat-sub')).toHaveAttribute('data-p90-seconds', String(aggregate.p90 ?? ''));
    }
    await expect(weekStat(panel, 'targets').locator('.stat-value')).toHaveAttribute('data-value', String(summary.targets.all.rate ?? ''));
    await expect(weekStat(panel, 'conversations').locator('.stat-value')).toHaveAttribute('data-value', String(summary.conversations));
    await expect(weekStat(panel, 'csat').locator('.stat-sub')).toHaveAttribute('data-n', String(summary.csat.n));
  };
  await expectWeek(everyone);
  await panel.getByLabel('Whose figures', { exact: true }).selectOption('me');
  await expectWeek(mine);
  await expect(weekStat(panel, 'firstResponse')).toContainText('small sample');
  await expect(weekStat(panel, 'firstResponse')).toHaveAttribute('title', /^First response time\. Starts: The customer’s first message/);
  await panel.screenshot({ path: 'docs/screenshots/sidepanel-me.png', fullPage: true });
  await panel.getByLabel('Whose figures', { exact: true }).selectOption('everyone');

  // CSV: one row per conversation, every field equal to the engine's on the truth.
  const csv = await download(panel, 'CSV');
  expect(csv.name).toBe(`replyline-${week}-everyone.csv`);
  expect(csv.text.split('\r\n').slice(0, 4)).toEqual([
    '# Replyline report',
    '# scope: everyone',
    `# time zone: ${truth.timezone}`,
    expect.stringMatching(new RegExp(`^# period: ${week} `)),
  ]);
  const rows = Papa.parse<Record<string, string>>(csv.text, { header: true, comments: '#', skipEmptyLines: true });
  expect(rows.errors).toEqual([]);
  // Handle time is what only the browser sees (this test's page views): the desk's truth has none.
  const measuredHere = new Set(['handle_s']);
  const expectedRows = truth.report.conversations.map((m) => {
    const row = conversationCsvRow(m, truth.timezone);
    return Object.fromEntries(
      CSV_COLUMNS.filter((column) => !measuredHere.has(column)).map((column) => [column, row[column] === null ? '' : String(row[column])]),
    );
  });
  // The name column beside the agent's id: the name the desk shows for that agent (its agent switch).
  const { agents } = (await (await fetch(`${desk.demo.url}/api/agents`)).json()) as { agents: Array<{ id: string; name: string }> };
  const agentName = new Map(agents.map((agent) => [agent.id, agent.name]));
  for (const row of rows.data) expect(row.agent_name, row.id).toBe(row.agent ? agentName.get(row.agent) : '');
  expect(rows.data.some((row) => row.agent_name !== '')).toBe(true);
  const exportedRows = rows.data.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !measuredHere.has(column) && column !== 'agent_name')),
  );
  expect(exportedRows.sort((x, y) => x.id.localeCompare(y.id))).toEqual(expectedRows.sort((x, y) => x.id.localeCompare(y.id)));
  for (const row of rows.data) expect(Number(row.handle_s)).toBeGreaterThanOrEqual(0);

  // JSON: the week's timeline with the summary shown; the report command computes it again.
  const json = await download(panel, 'JSON');
  expect(json.name).toBe(`replyline-${week}-everyone.json`);
  const file = JSON.parse(json.text);
  expect(file).toMatchObject({
    format: 'replyline.timeline/1',
    agentId,
    source: { helpdesk: 'demo-desk' },
    generatedAt: new Date(at).toISOString(),
  });
  expect(file.conversations.map((conversation: { id: string }) => conversation.id).sort()).toEqual([...ids].sort());
  // Everything but handle time (browser-only, see above) equals the engine on the truth.
  expect({ ...file.summary, handleSeconds: null }).toEqual({ ...summaryToJson(everyone), handleSeconds: null });
  let stdout = '';
  const code = await runCli(['report', 'week.json', '--week', week], {
    readFile: async () => json.text,
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
  });
  expect(code).toBe(0);
  expect(JSON.parse(stdout).summary).toEqual(file.summary);

  // The printable report: a new tab, printed to an A4 PDF.
  const [report] = await Promise.all([context.waitForEvent('page'), panel.getByRole('button', { name: 'Printable report' }).click()]);
  await expect(report.locator('[data-report-stat="firstResponse"]')).toHaveAttribute(
    'data-value',
    String(everyone.firstResponse.business.median),
  );
  await expect(report.locator('[data-report-stat="conversations"]')).toHaveAttribute('data-value', '3');
  await report.emulateMedia({ media: 'print' });
  mkdirSync('test-results/me', { recursive: true });
  await report.pdf({ path: 'test-results/me/report.pdf', format: 'A4', printBackground: true, preferCSSPageSize: true });
  const info = execFileSync('pdfinfo', ['test-results/me/report.pdf'], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  const text = execFileSync('pdftotext', ['-layout', 'test-results/me/report.pdf', '-'], { encoding: 'utf8' });
  expect(text).toContain('Replyline weekly report · Everyone');
  expect(text).toContain(week);
  expect(text).toMatch(/First response\s+2m 00s/);
  expect(text).not.toContain('Print or save as PDF');
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    'test-results/me/report.pdf',
    'docs/screenshots/report-print',
  ]);
});
