import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { deleteDB } from 'idb';
import { conversationKey } from '../../../lib/messaging/protocol';
import { MIN, ORIGIN, T0, batch, viewC1 } from '../../fixtures/storage/observations';
import { deliver, sidePanelSender } from '../../fixtures/worker-senders';

type MainModule = typeof import('../../../lib/background/main');
type DbModule = typeof import('../../../lib/storage/db');
type SettingsModule = typeof import('../../../lib/storage/settings');
type ReadModelModule = typeof import('../../../lib/storage/read-model');
interface Worker {
  main: MainModule;
  db: DbModule;
  settings: SettingsModule;
  readModel: ReadModelModule;
}

const C1 = conversationKey('demo-desk', ORIGIN, 'c-1');

const fromTab = (message: unknown) => deliver(message);
const fromPanel = (message: unknown) => deliver(message, sidePanelSender());

/** A fresh worker: new module instances, fresh listeners, the same IndexedDB. */
async function startWorker(): Promise<Worker> {
  fakeBrowser.reset();
  vi.resetModules();
  const worker = {
    main: await import('../../../lib/background/main'),
    db: await import('../../../lib/storage/db'),
    settings: await import('../../../lib/storage/settings'),
    readModel: await import('../../../lib/storage/read-model'),
  };
  await worker.main.startBackground();
  return worker;
}

/** c-1's pending clocks: [kind, atRiskAt, dueAt] relative to T0 in minutes. */
async function pendingClocks(worker: Worker): Promise<Array<[string, number, number]>> {
  const db = await worker.db.getDb();
  const records = await db.getAllFromIndex('notifications', 'by-conversation', C1);
  return records.map((r) => [r.kind, (r.atRiskAt - T0) / MIN, (r.dueAt - T0) / MIN]);
}

let worker: Worker | null = null;

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

describe('the worker keeps the read model current with the settings', () => {
  it('re-measures everything stored after a save that changes targets, and nothing after one that does not', async () => {
    worker = await startWorker();
    await fromTab(batch('doc-aaaaaaaa', 0, [viewC1()]));
    // c-1 waits since T0+10 min: next response 15 min (at risk at 75 %), resolution 2 h from T0.
    expect(await pendingClocks(worker)).toEqual([
      ['nextResponse', 21.25, 25],
      ['resolution', 90, 120],
    ]);

    const db = await worker.db.getDb();
    const settings = await worker.settings.getSettings(db);
    await worker.settings.saveSettings(db, { targets: { ...settings.targets, nextResponseSeconds: 1200 } });
    const seen: unknown[] = [];
    browser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      return undefined;
    });
    expect(await fromPanel({ type: 'sp:settings-changed' })).toEqual({ ok: true, remeasured: 1 });
    // 20 min target: at risk at T0+25 min, due at T0+30 min.
    expect(await pendingClocks(worker)).toEqual([
      ['nextResponse', 25, 30],
      ['resolution', 90, 120],
    ]);
    // The stored metrics (and so the side panel) carry the new due time too.
    const open = (await db.get('metrics', C1))!.metrics.open.find((clock) => clock.kind === 'nextResponse') as {
      target?: { dueAt: number };
    };
    expect(open.target?.dueAt).toBe(T0 + 30 * MIN);
    expect(seen).toContainEqual({ type: 'bg:data-changed', conversationKeys: [] });

    // Retention is not a measuring setting: nothing is re-measured.
    await worker.settings.saveSettings(db, { retentionDays: 30 });
    expect(await fromPanel({ type: 'sp:settings-changed' })).toEqual({ ok: true, remeasured: 0 });
  });

  it('rebuilds at start when the stored read model is older than the code', async () => {
    worker = await startWorker();
    await fromTab(batch('doc-aaaaaaaa', 0, [viewC1()]));
    const db = await worker.db.getDb();
    expect((await db.get('metrics', C1))!.measuredAt).toBe(T0 + 20 * MIN);
    await db.put('state', { version: worker.readModel.READ_MODEL_VERSION - 1, settings: '' }, worker.readModel.READ_MODEL_STATE_KEY);
    await worker.db.closeDb();

    vi.setSystemTime(T0 + 22 * MIN);
    worker = await startWorker();
    const reopened = await worker.db.getDb();
    expect((await reopened.get('metrics', C1))!.measuredAt).toBe(T0 + 22 * MIN);
    expect(await worker.readModel.isReadModelCurrent(reopened, await worker.settings.getSettings(reopened))).toBe(true);
  });
});
