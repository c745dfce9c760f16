import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { deleteDB } from 'idb';
import type { BgClockPlans } from '../../../lib/messaging/protocol';
import { MIN, T0, batch, listRow, viewC1 } from '../../fixtures/storage/observations';
import { DEMO_TAB, deliver, sidePanelSender } from '../../fixtures/worker-senders';

type MainModule = typeof import('../../../lib/background/main');
type DbModule = typeof import('../../../lib/storage/db');

/** A fresh worker: new module instances, fresh listeners, the same IndexedDB. */
async function startWorker(): Promise<{ main: MainModule; db: DbModule }> {
  fakeBrowser.reset();
  vi.resetModules();
  const main = await import('../../../lib/background/main');
  const db = await import('../../../lib/storage/db');
  await main.startBackground();
  return { main, db };
}

let worker: { main: MainModule; db: DbModule } | null = null;

/** Delivers a message as the browser would from the Demo Desk tab (or `sender`); the worker's reply. */
const fromTab = (message: unknown, sender: object = DEMO_TAB) => deliver<BgClockPlans>(message, sender);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0 + 20 * MIN);
});
afterEach(async () => {
  vi.useRealTimers();
  await worker?.db.closeDb();
  worker = null;
  await deleteDB('replyline');
});

describe('background worker', () => {
  it('answers content messages through runtime messaging and broadcasts bg:data-changed', async () => {
    worker = await startWorker();
    const seen: unknown[] = [];
    browser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      return undefined;
    });
    const reply = await fromTab(batch('doc-aaaaaaaa', 0, [viewC1()]));
    expect([reply.ok, reply.seq, reply.plans.length]).toEqual([true, 0, 1]);
    expect(seen).toContainEqual({ type: 'bg:data-changed', conversationKeys: ['demo-desk|http://localhost:4400|c-1'] });

    const rejected = await fromTab({ type: 'cs:observations', documentId: 'x' });
    expect(rejected.ok).toBe(false);
    expect(rejected.error).toMatch(/^invalid cs:observations: /);

    // The same batch from an extension page, or from a tab of another origin, is refused unstored.
    const db = await worker.db.getDb();
    const spoofed = batch('doc-bbbbbbbb', 0, [listRow('c-9', T0, T0)]);
    const panel = sidePanelSender();
    expect(await fromTab(spoofed, panel)).toEqual({ ok: false, error: 'not from a tab', plans: [] });
    const otherTab = { ...DEMO_TAB, url: 'https://evil.example/x', tab: { id: 8, url: 'https://evil.example/x' } };
    expect(await fromTab(spoofed, otherTab)).toEqual({
      ok: false,
      error: 'sent from https://evil.example, claims http://localhost:4400',
      plans: [],
    });
    expect(await db.count('conversations')).toBe(1);
  });

  it('replies through sendResponse when the browser passes one (Chrome style)', async () => {
    worker = await startWorker();
    const sendResponse = vi.fn();
    const results = await fakeBrowser.runtime.onMessage.trigger(
      batch('doc-aaaaaaaa', 0, [viewC1()]),
      DEMO_TAB as never,
      ...([sendResponse] as unknown as []),
    );
    expect(results).toContain(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledTimes(1));
    expect(sendResponse.mock.calls[0][0]).toMatchObject({ ok: true, seq: 0 });
  });

  it('loses nothing and doubles nothing across a restart, and re-arms the at-risk alarm', async () => {
    worker = await startWorker();
    await fromTab(batch('doc-aaaaaaaa', 0, [viewC1()]));
    await fromTab(batch('doc-aaaaaaaa', 1, [listRow('c-2', T0 + 15 * MIN, T0 + 15 * MIN)]));
    expect((await browser.alarms.get('replyline:at-risk'))?.scheduledTime).toBe(T0 + 21 * MIN + 15_000);
    await worker.db.closeDb();

    // The worker stops; the page re-sends its last batch to the new worker, then a new one.
    worker = await startWorker();
    expect((await browser.alarms.get('replyline:at-risk'))?.scheduledTime).toBe(T0 + 21 * MIN + 15_000);
    const replay = await fromTab(batch('doc-aaaaaaaa', 1, [listRow('c-2', T0 + 15 * MIN, T0 + 15 * MIN)]));
    expect([replay.ok, replay.seq]).toEqual([true, 1]);
    await fromTab(batch('doc-aaaaaaaa', 2, [viewC1()]));

    const db = await worker.db.getDb();
    expect(await db.count('conversations')).toBe(2);
    expect(await db.count('events')).toBe(3);
    expect(await db.count('batches')).toBe(3);
    const everyone = await db.get('rollups', '2026-11-24|*');
    expect([everyone?.conversations, everyone?.replies, everyone?.firstResponse.calendar]).toEqual([1, 1, [240]]);

    // At the at-risk time the alarm fires in the new worker and notifies once.
    vi.setSystemTime(T0 + 21 * MIN + 15_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'replyline:at-risk', scheduledTime: T0 + 21 * MIN + 15_000 });
    await vi.waitFor(async () =>
      expect(Object.keys(await browser.notifications.getAll())).toEqual([
        'demo-desk|http://localhost:4400|c-1|nextResponse|' + (T0 + 10 * MIN),
      ]),
    );
  });

  it("purges on the side panel's request (sp:purge-now), and refuses it from a helpdesk tab", async () => {
    worker = await startWorker();
    await fromTab(batch('doc-aaaaaaaa', 0, [viewC1()]));
    const db = await worker.db.getDb();
    expect(await db.count('conversations')).toBe(1);

    // 200 days on, the conversation is older than the default 180-day retention.
    vi.setSystemTime(T0 + 200 * 24 * 60 * MIN);
    expect(await deliver({ type: 'sp:purge-now' }, DEMO_TAB)).toMatchObject({ ok: false });
    expect(await db.count('conversations')).toBe(1);
    const reply = await deliver<{ ok: boolean; deleted: number }>({ type: 'sp:purge-now' }, sidePanelSender());
    expect(reply.ok).toBe(true);
    expect(reply.deleted).toBeGreaterThan(0);
    expect(await db.count('conversations')).toBe(0);
    expect(await db.count('events')).toBe(0);
  });

  it('the entrypoint registers its listeners synchronously', async () => {
    fakeBrowser.reset();
    vi.resetModules();
    const background = (await import('../../../entrypoints/background')).default;
    background.main();
    expect((fakeBrowser.runtime.onMessage as unknown as { hasListeners(): boolean }).hasListeners()).toBe(true);
    expect((fakeBrowser.alarms.onAlarm as unknown as { hasListeners(): boolean }).hasListeners()).toBe(true);
    worker = { main: await import('../../../lib/background/main'), db: await import('../../../lib/storage/db') };
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});
