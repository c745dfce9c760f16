/**
 * Recipes end to end: the Demo Desk served on another hostname (https://desk.acme.test,
 * fulfilled by proxying every request to the Demo Desk) is an unknown helpdesk to Replyline —
 * the Demo Desk content script only runs on localhost. A recipe written from its markup is
 * tried on the open page from Settings → Recipes, saved, registered, and then draws badges.
 *
 * Chromium cannot answer an extension's permission prompt under automation, so this test
 * loads a copy of the build whose manifest already grants https://desk.acme.test/* (as if
 * the user had accepted the prompt); the permission request in the click then resolves at once.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoDeskClient } from './demo-client';
import { expect, grantedExtensionCopy, launchWithExtension, serviceWorkerOf, test } from './fixtures';

const HOST = 'https://desk.acme.test';
const MIN = 60_000;
const recipeJson = readFileSync(join(import.meta.dirname, '../lib/adapters/recipe/examples/acme-desk.recipe.json'), 'utf8');

let demo: DemoDeskClient;
let dir: string;
let context: BrowserContext;

test.beforeEach(async () => {
  demo = await DemoDeskClient.start();
  dir = mkdtempSync(join(tmpdir(), 'replyline-recipes-'));
  // As if the user had granted the recipe's origin in Settings.
  context = await launchWithExtension(join(dir, 'profile'), grantedExtensionCopy(dir, [HOST]));
  // The Demo Desk under another name; its live-update stream is left out (the page works without it).
  await context.route(`${HOST}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/events') return route.abort();
    const response = await route.fetch({ url: `${demo.url}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
});

test.afterEach(async () => {
  await context.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openRecipes(extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 1100 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await expect(panel.locator('#settings-recipes')).toBeVisible();
  return panel;
}

test('a recipe tried on an unknown helpdesk counts its rows and times, and once saved its rows get badges', async () => {
  const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
  const t0 = Date.now();
  const waiting = await demo.createConversation('Waiting Customer', t0 - 3 * MIN - 5_000);
  const late = await demo.createConversation('Late Customer', t0 - 12 * MIN - 5_000);
  const answered = await demo.createConversation('Answered Customer', t0 - 5 * MIN);
  await demo.message(answered, 'agent', t0 - 4 * MIN, 'a-2');

  const desk = await context.newPage();
  await desk.goto(`${HOST}/inbox`);
  await expect(desk.locator('tr.dd-row')).toHaveCount(3);
  // Nothing reads this host yet.
  await expect(desk.locator('[data-replyline-overlay]')).toHaveCount(0);

  const panel = await openRecipes(extensionId);
  await panel.getByRole('button', { name: 'New recipe' }).click();
  const editor = panel.getByRole('textbox', { name: /New recipe/ });
  await editor.fill('{ "format": "replyline.recipe/1" }');
  await expect(panel.locator('.recipe-issues')).toContainText('id');
  await expect(panel.getByRole('button', { name: 'Test on the open page' })).toBeDisabled();
  await editor.fill(recipeJson);
  await expect(panel.getByText('Valid recipe.')).toBeVisible();

  await panel.getByRole('button', { name: 'Test on the open page' }).click();
  const trial = panel.locator('.recipe-trial');
  // 3 rows: 3 created times + 2 waiting-since times (the answered one is not waiting).
  await expect(trial.locator('.recipe-trial-counts')).toHaveText('Found 3 conversations, 5 timestamps parsed, 0 failed');
  await expect(trial).toHaveAttribute('data-conversations', '3');
  await expect(trial).toContainText(`On ${HOST}, a list page`);
  await expect(trial).toContainText('Signed-in agent: a-1');
  await editor.evaluate((el) => {
    el.scrollTop = 0;
  });
  await panel.locator('#settings-recipes').screenshot({ path: 'docs/screenshots/sidepanel-recipes.png' });

  // A broken draft: the row selector matches nothing; nothing is guessed.
  await editor.fill(recipeJson.replace('"row": "tr.dd-row"', '"row": "tr.ticket-row"'));
  await panel.getByRole('button', { name: 'Test on the open page' }).click();
  await expect(trial.locator('.recipe-trial-counts')).toHaveText('Found 0 conversations, 0 timestamps parsed, 0 failed');
  await expect(trial).toContainText('list.row');

  await editor.fill(recipeJson);
  await panel.getByRole('button', { name: 'Save and grant access' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Saved “Acme Desk”' })).toBeVisible();
  await expect(panel.locator('.recipe-item')).toHaveCount(1);
  await expect(panel.locator('.recipe-item')).toContainText('Access granted');

  // Registered on the granted pattern: the next load of the page is read by the recipe.
  const worker = await serviceWorkerOf(context);
  await expect
    .poll(() =>
      worker.evaluate(async () => {
        type Registered = { id: string; matches?: string[] };
        const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Registered[]> } } }).chrome;
        return (await api.scripting.getRegisteredContentScripts()).map((s) => `${s.id} ${s.matches?.join(',')}`);
      }),
    )
    .toContain('replyline-recipe-acme-desk https://desk.acme.test/*');
  await desk.reload();
  const badge = (id: string) => desk.locator(`tr.dd-row[data-conversation-id="${id}"] [data-replyline-overlay="badge"] .pill`);
  await expect(badge(waiting)).toHaveText('3m');
  await expect(badge(late)).toHaveText('12m');
  await expect(badge(answered)).toHaveText('—');
  // Colours come with the worker's clock plans for the recipe's helpdesk.
  await expect(badge(late)).toHaveClass(/tone-breached/);
  await expect(badge(waiting)).toHaveClass(/tone-on_track/);
});
