/**
 * The supervisor's Team view with a hub: connected through an invite opened as a link
 * (connect.html#invite=…), the live queue from GET /v1/queue and the stream (a row pushed on the
 * stream appears without a reload), unknown-status rows apart, the team's and each agent's figures
 * equal to the report the CLI makes of the same data, a drill-down, axe, and screenshots.
 *
 * The hub here is e2e/fake-hub-server.ts (the real hub is not on main yet); its answers are
 * checked against lib/hub/protocol.ts and its report is the report CLI's.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { QueueRow } from '../lib/hub/protocol';
import type { ReportJson } from '../lib/export/json';
import { expect, test } from './fixtures';
import { cliReport, startFakeHub, SUPERVISOR_TOKEN, type FakeHubServer } from './fake-hub-server';

const MIN = 60_000;
const ORIGIN = 'http://localhost:4400';
const AXE = resolve('node_modules/axe-core/axe.min.js');

function row(id: string, now: number, extra: Partial<QueueRow> = {}): QueueRow {
  return {
    key: `demo-desk|${ORIGIN}|${id}`,
    helpdesk: 'demo-desk',
    origin: ORIGIN,
    conversationId: id,
    channel: 'chat',
    priority: 'normal',
    status: 'open',
    statusKnown: 'known',
    assigneeId: 'a-anna',
    assigneeName: 'Anna Berg',
    createdAt: now - 40 * MIN,
    waitingSince: null,
    lastSeenAt: now - 2 * MIN,
    clocks: [],
    ...extra,
  };
}

function clock(now: number, dueIn: number, riskIn: number) {
  return { kind: 'firstResponse' as const, startedAt: now - 30 * MIN, dueAt: now + dueIn, atRiskAt: now + riskIn, state: null };
}

let hub: FakeHubServer;
test.beforeEach(async () => {
  const now = Date.now();
  hub = await startFakeHub([
    row('c-201', now, { waitingSince: now - 35 * MIN, clocks: [clock(now, -5 * MIN, -12 * MIN)] }),
    row('c-202', now, {
      waitingSince: now - 20 * MIN,
      assigneeId: 'a-ben',
      assigneeName: 'Ben Okafor',
      clocks: [clock(now, 8 * MIN, -MIN)],
    }),
    row('c-203', now, {
      channel: 'email',
      assigneeId: null,
      assigneeName: null,
      waitingSince: now - 4 * MIN,
      clocks: [clock(now, 50 * MIN, 30 * MIN)],
    }),
    // Past due, but nobody has seen it for three hours: its status is unknown, never counted breached.
    row('c-204', now, {
      statusKnown: 'unknown',
      waitingSince: now - 4 * 60 * MIN,
      lastSeenAt: now - 3 * 60 * MIN,
      clocks: [clock(now, -60 * MIN, -90 * MIN)],
    }),
  ]);
});
test.afterEach(async () => {
  await hub.close();
});

async function axeSerious(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            d: Document,
            o: object,
          ): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }>; passes: unknown[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })),
    };
  });
  expect(result.passes).toBeGreaterThan(5);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

test('a supervisor connects with an invite link and runs the team from the live Team view', async ({ context, extensionId }) => {
  const invite = `${hub.url}/join#token=${SUPERVISOR_TOKEN}`;
  const connect = await context.newPage();
  await connect.goto(`chrome-extension://${extensionId}/connect.html#invite=${encodeURIComponent(invite)}`);
  // The Demo Desk build already reaches localhost, so no prompt: connected at once.
  await expect(connect.getByTestId('connected')).toContainText('Sam Supervisor');
  expect(connect.url()).not.toContain('token');

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 1400 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Team' }).click();
  await expect(panel.locator('[data-stream="live"]')).toBeVisible();

  // Queue: the known rows most urgent first; the unknown one apart and not counted.
  const known = panel.getByRole('region', { name: 'Open conversations' });
  await expect(known.locator('tbody tr')).toHaveCount(3);
  await expect(known.locator('tbody tr').nth(0)).toHaveAttribute('data-conversation-id', 'c-201');
  await expect(known.locator('tbody tr').nth(0)).toHaveAttribute('data-state', 'breached');
  await expect(known.locator('tbody tr').nth(1)).toHaveAttribute('data-state', 'at_risk');
  await expect(known.locator('tbody tr').nth(1)).toContainText('Ben Okafor');
  await expect(known.locator('tbody tr').nth(2)).toContainText('Unassigned');
  await expect(known.locator('tbody tr').nth(0).locator('a')).toHaveAttribute('href', `${ORIGIN}/conversations/c-201`);
  await expect(known.locator('tbody tr').nth(0)).toContainText('seen 2 min ago');
  await expect(panel.locator('.hub-counts [data-list="breached"]')).toHaveAttribute('data-count', '1');
  await expect(panel.locator('.hub-counts [data-list="atRisk"]')).toHaveAttribute('data-count', '1');
  await expect(panel.locator('.hub-counts [data-list="unknown"]')).toHaveAttribute('data-count', '1');
  const unknown = panel.getByRole('region', { name: 'Conversations of unknown status' });
  await expect(unknown.locator('tbody tr')).toHaveCount(1);
  await expect(unknown).toContainText('seen 3 h ago');

  // Figures: the team's and each agent's equal the CLI's report of the same data.
  const team = JSON.parse(await cliReport()) as ReportJson;
  const anna = JSON.parse(await cliReport('a-anna')) as ReportJson;
  const figures = panel.getByRole('region', { name: 'Team and agent figures' });
  const teamRow = figures.locator('tr[data-agent="*"]');
  await expect(teamRow.locator('[data-column="conversations"]')).toContainText(String(team.summary.conversations));
  await expect(teamRow.locator('[data-column="firstResponse-met"] .cell-value')).toHaveText(
    percent(team.summary.targets.firstResponse.rate),
  );
  await expect(teamRow.locator('[data-column="firstResponse"]')).toHaveAttribute(
    'data-median',
    String(team.summary.firstResponse.business.median),
  );
  await expect(teamRow.locator('[data-column="csat"] .cell-value')).toHaveText(percent(team.summary.csat.score));
  const annaRow = figures.locator('tr[data-agent="a-anna"]');
  await expect(annaRow.locator('th')).toHaveText('Anna Berg');
  await expect(annaRow.locator('[data-column="conversations"]')).toContainText(String(anna.summary.conversations));
  await expect(annaRow.locator('[data-column="resolution-met"] .cell-value')).toHaveText(percent(anna.summary.targets.resolution.rate));

  // Drill-down: the conversations behind the team's first-response hit rate, linked into the helpdesk.
  await teamRow.locator('[data-column="firstResponse-met"] .figure-link').click();
  const drill = panel.getByRole('region', { name: 'Conversations behind the figure' });
  const met = team.conversations.filter((c) => c.targets.firstResponse?.state === 'met').map((c) => c.id);
  await expect(drill.locator('li')).toHaveCount(met.length);
  await expect(drill.locator('li').first().locator('a')).toHaveAttribute('href', `${ORIGIN}/conversations/${met[0]}`);

  // Live: a row pushed on the stream appears without a reload.
  const now = Date.now();
  hub.push({
    type: 'queue',
    asOf: now,
    upserts: [row('c-205', now, { assigneeId: 'a-chloe', assigneeName: 'Chloé Martin', waitingSince: now - MIN })],
    removed: [],
  });
  await expect(known.locator('tbody tr[data-conversation-id="c-205"]')).toContainText('Chloé Martin');

  expect(await axeSerious(panel)).toEqual([]);
  await panel.screenshot({ path: 'docs/screenshots/team-hub.png', fullPage: true });

  await panel.getByRole('tab', { name: 'Settings' }).click();
  const section = panel.getByRole('region', { name: 'Team hub' });
  await expect(section).toContainText('Connected to');
  await expect(section).toContainText('Sam Supervisor');
  await expect(section.getByTestId('hub-shared')).toContainText('Never message text');
  expect(await axeSerious(panel)).toEqual([]);
  await section.screenshot({ path: 'docs/screenshots/settings-team-hub.png' });
});
