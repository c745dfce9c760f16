/**
 * The user guides' screenshots (docs/guide/images/): the Demo Desk with the demo build of the
 * extension in Debian's Chromium, each screen the guides describe, as a user sees it.
 *
 *   npx wxt build --mode demo && node --import tsx scripts/guide-screenshots.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startDemoDesk } from '../demo/server/main.ts';
import { launchWithExtension, serviceWorkerOf } from '../e2e/fixtures.ts';

const OUT = 'docs/guide/images';
const MIN = 60_000;

async function save(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `${OUT}/${name}`, fullPage });
  console.log(`${OUT}/${name}`);
}

mkdirSync(OUT, { recursive: true });
// A seeded history of 30 conversations, the simulator off (nothing moves between the shots),
// and a live queue placed on top of it: waits on track, at risk and breached.
const desk = await startDemoDesk({ port: 0, host: '127.0.0.1', seed: 42, sim: false, conversations: 30 });

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${desk.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Placed {
  name: string;
  channel: 'chat' | 'email';
  /** Minutes before now. */
  ago: number;
  body: string;
  assignee?: string;
  then?: Array<{ author: 'agent' | 'customer'; ago: number; body: string }>;
}

async function place(conversation: Placed): Promise<string> {
  const now = Date.now();
  const at = (minutes: number) => new Date(now - minutes * MIN).toISOString();
  const { conversation: created } = await post<{ conversation: { id: string } }>('/api/conversations', {
    customerName: conversation.name,
    channel: conversation.channel,
    body: conversation.body,
    at: at(conversation.ago),
  });
  if (conversation.assignee)
    await post(`/api/conversations/${created.id}/assign`, { agentId: conversation.assignee, at: at(conversation.ago - 0.5) });
  for (const message of conversation.then ?? [])
    await post(`/api/conversations/${created.id}/messages`, {
      author: message.author,
      agentId: message.author === 'agent' ? conversation.assignee : undefined,
      body: message.body,
      at: at(message.ago),
    });
  return created.id;
}

const queue: Placed[] = [
  { name: 'Sofia Ricci', channel: 'chat', ago: 2.2, body: 'Can I still change the delivery address on my order?' },
  { name: 'Lukas Brandt', channel: 'email', ago: 6.5, body: 'The invoice for March shows the wrong VAT number.', assignee: 'a-2' },
  {
    name: 'Amara Okafor',
    channel: 'chat',
    ago: 8.4,
    body: 'I was charged twice for the same subscription this month.',
    assignee: 'a-1',
    then: [{ author: 'customer', ago: 3, body: 'Hello? Is anyone looking at this?' }],
  },
  { name: 'Jonas Weber', channel: 'chat', ago: 12.3, body: 'The app closes as soon as I open my saved lists.', assignee: 'a-4' },
  {
    name: 'Mei Tanaka',
    channel: 'email',
    ago: 26,
    body: 'Could you send me a copy of my contract?',
    assignee: 'a-3',
    then: [
      { author: 'agent', ago: 21, body: 'Of course — which address should I send it to?' },
      { author: 'customer', ago: 4.2, body: 'To this one, please. Thank you!' },
    ],
  },
  {
    name: 'Noah Fischer',
    channel: 'chat',
    ago: 3.1,
    body: 'Is the blue model back in stock?',
    assignee: 'a-1',
    then: [{ author: 'agent', ago: 1.2, body: 'It is, since this morning.' }],
  },
];
const placed: string[] = [];
for (const conversation of queue) placed.push(await place(conversation));
/** The conversation shown in the Now view: at risk, with a follow-up nobody has answered yet. */
const focused = placed[2];

const profile = mkdtempSync(join(tmpdir(), 'replyline-guide-shots-'));
const context = await launchWithExtension(profile);
try {
  const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${desk.url}/inbox`);
  await page.locator('[data-replyline-overlay="badge"]').first().waitFor();
  const all = (await (await fetch(`${desk.url}/api/conversations?status=all`)).json()) as { conversations: Array<{ id: string }> };
  for (const { id } of all.conversations) {
    await page.goto(`${desk.url}/conversations/${id}`);
    await page.locator('[data-replyline-overlay="timer-strip"]').waitFor({ timeout: 15_000 });
  }
  await page.goto(`${desk.url}/inbox`);
  await page
    .locator('[data-replyline-overlay="badge"] .pill.tone-at_risk, [data-replyline-overlay="badge"] .pill.tone-on_track')
    .first()
    .waitFor();
  await page.waitForTimeout(1500);
  await save(page, 'inbox-badges.png');

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 800 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  // The inbox in front: the health line reads the list.
  await panel.getByRole('list', { name: 'Adapter health' }).waitFor();
  await panel.waitForTimeout(10_000);
  await panel.reload();
  await panel.getByRole('list', { name: 'Adapter health' }).waitFor();
  await panel.getByText('What the inbox badges mean').click();
  await save(panel, 'now-inbox-health-legend.png', true);

  await page.goto(`${desk.url}/conversations/${focused}`);
  await page.locator('[data-replyline-overlay="timer-strip"]').waitFor();
  await page.locator('textarea.dd-compose-input').fill('Hello Amara,\nI have refunded the second charge.');
  await page.waitForTimeout(2000);
  await save(page, 'conversation-timer-strip.png');
  await panel.bringToFront();
  await panel.getByRole('tabpanel').getByText(focused).first().waitFor();
  await panel.waitForTimeout(2000);
  await save(panel, 'now-conversation.png', true);

  await panel.getByRole('tab', { name: 'Me' }).click();
  await panel.waitForTimeout(2000);
  await save(panel, 'me.png', true);
  await panel.getByRole('tab', { name: 'Team' }).click();
  await panel.waitForTimeout(2000);
  await save(panel, 'team.png', true);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.waitForTimeout(1500);
  const helpdesks = panel.locator('section[aria-labelledby="settings-helpdesks"]');
  await helpdesks.scrollIntoViewIfNeeded();
  await helpdesks.screenshot({ path: `${OUT}/settings-helpdesks.png` });
  console.log(`${OUT}/settings-helpdesks.png`);
} finally {
  await context.close();
  await desk.close();
  rmSync(profile, { recursive: true, force: true });
}
