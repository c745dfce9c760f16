/**
 * Insights in Chromium against the Demo Desk: automation figures in the Team view equal the
 * analytics engine run on the Demo Desk's true timeline; the weekly review page lists the
 * conversations behind a number; the in-page breach forecast chip.
 *
 * The extension's defaults: first response target 10 min, business hours all day (business
 * time equals wall time), so the forecast's working minutes equal wall minutes.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { buildReport } from '../lib/engine/report.ts';
import { automationSummary, describeForecast, forecastBreaches } from '../lib/engine/analytics/index.ts';
import { calendarClock } from '../lib/engine/business-clock.ts';
import { parseTimeline } from '../lib/timeline/parse.ts';
import { demoDeskPerTest } from './demo-client';
import { expect, storedEventKeys, test } from './fixtures';

const MIN = 60_000;
const desk = demoDeskPerTest(test);
const { ago } = desk;

/** The Demo Desk's own record of every conversation, measured by the engine at `now`. */
async function truth(now: number) {
  const parsed = parseTimeline(await desk.demo.timelineText());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const report = buildReport(parsed.conversations, {
    profile: 'replyline',
    calendar: parsed.timeline.calendar,
    targets: parsed.timeline.targets,
    now,
  });
  return { conversations: parsed.conversations, metrics: report.conversations };
}

async function handoff(id: string, at: number): Promise<void> {
  await desk.demo.post(`/api/conversations/${id}/handoff`, { at: new Date(at).toISOString() });
}

/**
 * Opens each conversation and stays until the extension has stored its whole thread (the Demo
 * Desk's own record says which events), so the figures below are measured on complete data.
 */
async function observe(context: BrowserContext, ids: string[], extensionId: string): Promise<Page> {
  const store = await context.newPage();
  await store.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const truthEvents = JSON.parse(await desk.demo.timelineText()) as { conversations: Array<{ id: string; events: Array<{ id: string }> }> };
  const page = await context.newPage();
  for (const id of ids) {
    await page.goto(`${desk.demo.url}/conversations/${id}`);
    await expect(page.locator('[data-replyline-overlay="timer-strip"]')).toHaveCount(1);
    const want = truthEvents.conversations.find((c) => c.id === id)?.events.map((e) => `${id}|${e.id}`) ?? [];
    await expect
      .poll(
        async () => {
          // Keys are helpdesk|origin|conversation|event.
          const stored = new Set((await storedEventKeys(store)).map((key) => key.split('|').slice(-2).join('|')));
          return want.filter((key) => !stored.has(key));
        },
        { timeout: 15_000 },
      )
      .toEqual([]);
  }
  await store.close();
  return page;
}

async function openTeam(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Team' }).click();
  await expect(panel.getByRole('heading', { name: /Live queue/ })).toBeVisible();
  await panel.getByRole('combobox', { name: 'Period' }).selectOption('last4Weeks');
  return panel;
}

/** A bot-resolved conversation, a bot hand-off answered by a-1, and one a-2 answered and resolved. */
async function automationDay(): Promise<{ deflected: string; handedOff: string; human: string }> {
  const deflected = await desk.demo.createConversation('Bot Solved', ago(30 * MIN));
  await desk.demo.message(deflected, 'bot', ago(29 * MIN));
  await desk.demo.status(deflected, 'resolved', ago(25 * MIN));
  const handedOff = await desk.demo.createConversation('Needs A Human', ago(20 * MIN));
  await desk.demo.message(handedOff, 'bot', ago(19 * MIN));
  await handoff(handedOff, ago(18 * MIN));
  await desk.demo.message(handedOff, 'agent', ago(15 * MIN), 'a-1');
  const human = await desk.demo.createConversation('Direct Customer', ago(12 * MIN), 'email');
  await desk.demo.message(human, 'agent', ago(10 * MIN), 'a-2');
  await desk.demo.status(human, 'resolved', ago(9 * MIN), 'a-2');
  return { deflected, handedOff, human };
}

test('the Team insights show deflection and hand-off as the engine computes them on the Demo Desk’s timeline', async ({
  context,
  extensionId,
}) => {
  const ids = await automationDay();
  await observe(context, [ids.deflected, ids.handedOff, ids.human], extensionId);

  const expected = automationSummary(await truth(Date.now()));
  // The worked values: 2 bot-touched, 1 deflected, 1 handed off 2 min after the first message.
  expect([
    expected.deflection.count,
    expected.deflection.n,
    expected.handoffRate.count,
    expected.handoffRate.n,
    expected.timeToHandoff.calendar.median,
  ]).toEqual([1, 2, 1, 2, 120]);

  const panel = await openTeam(context, extensionId);
  const deflection = panel.locator('[data-insight="deflection"]');
  await expect(deflection).toHaveAttribute('data-n', String(expected.deflection.n));
  await expect(deflection).toHaveAttribute('data-count', String(expected.deflection.count));
  await expect(deflection).toHaveAttribute('data-value', String(expected.deflection.share));
  const handoffRate = panel.locator('[data-insight="handoff-rate"]');
  await expect(handoffRate).toHaveAttribute('data-n', String(expected.handoffRate.n));
  await expect(handoffRate).toHaveAttribute('data-count', String(expected.handoffRate.count));
  await expect(panel.locator('[data-insight="time-to-handoff"]')).toHaveAttribute(
    'data-value',
    String(expected.timeToHandoff.business.median),
  );
  await expect(panel.locator('[data-insight="automation-share"]')).toHaveAttribute('data-n', String(expected.automationShare.n));
  // The definition on hover is the one the docs give.
  await expect(deflection).toHaveAttribute('title', /^Automation deflection\. Starts: A bot or automation takes part/);
  await expect(deflection).toContainText('1 of n 2');

  const insights = panel.locator('section.insights');
  await insights.scrollIntoViewIfNeeded();
  await panel.mouse.move(0, 0);
  await insights.screenshot({ path: 'test-results/screenshots/team-insights.png' });
  await insights.screenshot({ path: 'docs/screenshots/team-insights.png' });
});

test('the weekly review opens from the Team view and lists the conversations behind a number', async ({ context, extensionId }) => {
  const ids = await automationDay();
  await observe(context, [ids.deflected, ids.handedOff, ids.human], extensionId);
  const panel = await openTeam(context, extensionId);
  await expect(panel.locator('[data-insight="deflection"]')).toHaveAttribute('data-n', '2');

  const [review] = await Promise.all([context.waitForEvent('page'), panel.getByRole('button', { name: 'Weekly review' }).click()]);
  await review.setViewportSize({ width: 900, height: 1000 });
  await expect(review).toHaveURL(/review\.html\?scope=team/);
  const conversations = review.locator('tr[data-line="conversations"] [data-column="this-week"]');
  await expect(conversations).toHaveAttribute('data-value', '3');
  await review.locator('[data-drill="conversations"]').click();
  const list = review.locator('[data-drill-list="conversations"] li');
  await expect(list).toHaveText([ids.deflected, ids.handedOff, ids.human].sort());

  await expect(review.locator('tr[data-line="deflection"] [data-column="this-week"]')).toHaveAttribute('data-value', '0.5');
  await review.locator('[data-drill="deflection"]').click();
  await expect(review.locator('[data-drill-list="deflection"] li')).toHaveText([ids.deflected]);
  await review.mouse.move(0, 0);
  await review.screenshot({ path: 'test-results/screenshots/weekly-review.png', fullPage: true });
  await review.screenshot({ path: 'docs/screenshots/weekly-review.png', fullPage: true });
});

test('the timer strip shows the breach forecast for a customer close to breach, in the engine’s words', async ({
  context,
  extensionId,
}) => {
  // One reply in the last hour (1 per 60 working minutes); then a customer waiting 5 min of a 10 min target:
  // first in the queue, the expected reply (+60 min) comes after the due time (+5 min).
  const answered = await desk.demo.createConversation('Answered Earlier', ago(30 * MIN));
  await desk.demo.message(answered, 'agent', ago(28 * MIN), 'a-1');
  const waiting = await desk.demo.createConversation('Close To Breach', ago(5 * MIN));

  const page = await observe(context, [answered, waiting], extensionId);
  const chip = page.locator('[data-replyline-overlay="timer-strip"] .chip.forecast');
  await expect(chip).toHaveText('likely to breach in ~5 min');

  const now = Date.now();
  const { metrics } = await truth(now);
  const forecast = forecastBreaches({
    now,
    metrics,
    business: calendarClock(Intl.DateTimeFormat().resolvedOptions().timeZone),
  }).forecasts.find((f) => f.conversationId === waiting);
  expect(forecast).toMatchObject({ position: 1, likely: true });
  expect(describeForecast(forecast!)).toBe(await chip.textContent());

  // The Team view's live queue says the same on the waiting row.
  const panel = await openTeam(context, extensionId);
  await expect(panel.locator(`tr[data-conversation-id="${waiting}"] [data-forecast="likely"]`)).toHaveText('likely to breach in ~5 min');
});
