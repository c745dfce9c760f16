/**
 * With the real team hub (hub/src/server.ts, PGlite in memory) started by the test: an agent's
 * browser connected through its invite sends what it observes on the Demo Desk through the outbox,
 * and a supervisor's browser, connected through its own invite, sees that conversation in the live
 * Team view, the figures beside it read from the hub's report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, type Hub } from '../hub/src/server';
import { DemoDeskClient } from './demo-client';
import { expect, launchWithExtension, serviceWorkerOf, test } from './fixtures';

const ADMIN = 'e2e-admin-token-0123456789';
let hub: Hub;
let hubUrl: string;
let demo: DemoDeskClient;

async function invite(role: 'agent' | 'supervisor', name: string, agentId?: string): Promise<string> {
  const response = await fetch(`${hubUrl}/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role, name, ...(agentId && { agentId }) }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { invite: string }).invite;
}

test.beforeEach(async () => {
  test.setTimeout(240_000);
  demo = await DemoDeskClient.start();
  hub = await createHub({ adminToken: ADMIN, logger: false });
  hubUrl = await hub.listen(0, '127.0.0.1');
});
test.afterEach(async () => {
  await hub.close();
  await demo.close();
});

test('an agent syncs through the outbox to the real hub and the supervisor sees it live', async ({ context, extensionId }) => {
  // The embedded PostgreSQL's first start and two browsers take longer than the default.
  test.setTimeout(240_000);
  const agentInvite = await invite('agent', 'Ada Lovelace', 'a-1');
  const supervisorInvite = await invite('supervisor', 'Sam Supervisor');
  const id = await demo.createConversation('Nora', Date.now() - 6 * 60_000);

  const connect = await context.newPage();
  await connect.goto(`chrome-extension://${extensionId}/connect.html#invite=${encodeURIComponent(agentInvite)}`);
  await expect(connect.getByTestId('connected')).toContainText('Ada Lovelace');
  const page = await context.newPage();
  await page.goto(`${demo.url}/conversations/${id}`);

  // The hub has the conversation from the agent's outbox.
  await expect
    .poll(
      async () => {
        const response = await fetch(`${hubUrl}/v1/queue`, { headers: { authorization: `Bearer ${ADMIN}` } });
        const queue = (await response.json()) as { rows?: Array<{ conversationId: string }> };
        return (queue.rows ?? []).map((r) => r.conversationId);
      },
      { timeout: 30_000 },
    )
    .toContain(id);

  const dir = mkdtempSync(join(tmpdir(), 'replyline-supervisor-'));
  const supervisor = await launchWithExtension(dir);
  try {
    const supervisorId = new URL((await serviceWorkerOf(supervisor)).url()).host;
    const sconnect = await supervisor.newPage();
    await sconnect.goto(`chrome-extension://${supervisorId}/connect.html#invite=${encodeURIComponent(supervisorInvite)}`);
    await expect(sconnect.getByTestId('connected')).toContainText('Sam Supervisor');
    const panel = await supervisor.newPage();
    await panel.setViewportSize({ width: 420, height: 1200 });
    await panel.goto(`chrome-extension://${supervisorId}/sidepanel.html`);
    await panel.getByRole('tab', { name: 'Team' }).click();
    await expect(panel.locator('[data-stream="live"]')).toBeVisible();
    await expect(panel.locator(`.hub-queue-table tr[data-conversation-id="${id}"]`)).toBeVisible();
    await expect(panel.locator(`.hub-queue-table tr[data-conversation-id="${id}"] a`)).toHaveAttribute(
      'href',
      `${demo.url}/conversations/${id}`,
    );
    await panel.screenshot({ path: 'docs/screenshots/team-hub-real.png', fullPage: true });
  } finally {
    await supervisor.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
