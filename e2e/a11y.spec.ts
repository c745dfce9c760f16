/**
 * Accessibility of the side panel with the built extension loaded: axe-core finds no serious
 * or critical violation in any of the four views, tabs switch with the arrow keys, and every
 * form control has an accessible name.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { DemoDeskClient } from './demo-client';
import { expect, test } from './fixtures';

const AXE = resolve('node_modules/axe-core/axe.min.js');
const TABS = ['Now', 'Me', 'Team', 'Settings'] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Extension pages forbid inline scripts (CSP script-src 'self'), so addScriptTag cannot inject
  // axe there; evaluating its source through the DevTools protocol is not subject to the page's CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return {
      passes: result.passes.length,
      found: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      })),
    };
  });
  // axe ran its rules on the page (an empty run would pass vacuously).
  expect(violations.passes).toBeGreaterThan(5);
  return violations.found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describe(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

let demo: DemoDeskClient;
test.beforeEach(async () => {
  demo = await DemoDeskClient.start();
});
test.afterEach(async () => {
  await demo.close();
});

for (const tab of TABS) {
  test(`the ${tab} view has no serious or critical axe violations`, async ({ context, extensionId }) => {
    // A conversation in front of the agent, so the views show data rather than empty states.
    const t0 = Date.now();
    const id = await demo.createConversation('Axe Customer', t0 - 9 * 60_000);
    await demo.message(id, 'agent', t0 - 6 * 60_000, 'a-1');
    await demo.message(id, 'customer', t0 - 60_000);
    const helpdesk = await context.newPage();
    await helpdesk.goto(`${demo.url}/conversations/${id}`);
    await expect(helpdesk.locator('[data-replyline-overlay="timer-strip"] .clock').first()).toBeVisible();
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await panel.getByRole('tab', { name: tab }).click();
    await expect(panel.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByText('Loading', { exact: false })).toHaveCount(0);
    const violations = await seriousViolations(panel);
    expect(violations, `${tab} view:\n${describe(violations)}`).toEqual([]);
  });
}

test('tabs switch with the arrow keys and keep focus on the selected tab', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Now' }).focus();
  const expected = ['Me', 'Team', 'Settings', 'Now'];
  for (const name of expected) {
    await panel.keyboard.press('ArrowRight');
    await expect(panel.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByRole('tab', { name })).toBeFocused();
  }
  await panel.keyboard.press('ArrowLeft');
  await expect(panel.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-settings');
});

test('every form control in every view has an accessible name', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const unnamed: string[] = [];
  for (const tab of TABS) {
    await panel.getByRole('tab', { name: tab }).click();
    await expect(panel.getByText('Loading', { exact: false })).toHaveCount(0);
    const controls = panel.locator('main input, main select, main textarea');
    for (let i = 0; i < (await controls.count()); i++) {
      const control = controls.nth(i);
      // The accessible name as the browser's accessibility tree computes it.
      const name = await control.evaluate((el) => {
        const labelled = (el as HTMLInputElement).labels?.length
          ? Array.from((el as HTMLInputElement).labels!)
              .map((l) => l.textContent ?? '')
              .join(' ')
          : '';
        const byIds = (el.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ');
        return (el.getAttribute('aria-label') ?? labelled ?? byIds).trim() || byIds.trim() || (el.getAttribute('title') ?? '').trim();
      });
      if (!name) unnamed.push(`${tab}: ${await control.evaluate((el) => el.outerHTML.slice(0, 120))}`);
    }
  }
  expect(unnamed).toEqual([]);
});

test('the Settings view stays clean with an override, inline errors and a checklist being edited', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.getByRole('button', { name: 'Add override' }).click();
  await panel.getByRole('button', { name: 'Save targets' }).click();
  await expect(panel.getByText('choose a channel, a priority or both')).toBeVisible();
  await panel.getByRole('button', { name: 'Duplicate Default' }).click();
  await expect(panel.getByLabel('Template name')).toHaveValue('Copy of Default');
  await panel.getByLabel('Item 1 weight').fill('0');
  await panel.getByRole('button', { name: 'Save template' }).click();
  await expect(panel.getByText('weight must be more than 0')).toBeVisible();
  // The first self-hosted helpdesk's origin field.
  await panel
    .getByLabel(/ address$/)
    .first()
    .fill('not an origin');
  await panel.getByRole('button', { name: 'Grant access' }).first().click();
  await expect(panel.getByText('enter the helpdesk’s origin only')).toBeVisible();
  const violations = await seriousViolations(panel);
  expect(violations, `Settings view (editing):\n${describe(violations)}`).toEqual([]);
});
