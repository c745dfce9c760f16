import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { fromPanelMetrics, toPanelMetricsRecord, utcWeekNumber } from '../../../lib/storage/panel-metrics';
import { loadMeData, syncPanelMetrics, type MeData } from '../../../lib/sidepanel-state/me';
import { AT, INGESTED, key, seedMeFixture } from './fixture';
import type { Figure } from '../../../lib/engine/types';

const DB = 'replyline-me-panel-metrics-test';
let db: ReplylineDb;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  await seedMeFixture(db);
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

/** What the view shows, without the timings and the source. */
const shown = (data: MeData) => ({
  weeks: data.weeks,
  everyone: data.everyone,
  mine: data.mine,
  today: data.today,
  remeasured: data.remeasured,
  keys: data.inputs.metrics.map((m) => m.key).sort(),
});

const figureOnly = ({ seconds, businessSeconds, startedAt, stoppedAt, agentId }: Figure): Figure => ({
  seconds,
  businessSeconds,
  startedAt,
  stoppedAt,
  agentId,
});

describe('side panel compact metrics', () => {
  it('are written by the worker with every metrics record, and decode to the figures the engine measured', async () => {
    const metrics = await db.getAll('metrics');
    const panel = await db.getAll('panelMetrics');
    expect(panel.map((p) => p.key)).toEqual(metrics.map((m) => m.key));
    for (const [i, record] of metrics.entries()) {
      const m = record.metrics;
      expect(panel[i]).toEqual(toPanelMetricsRecord(record));
      expect(panel[i].measuredAt).toBe(INGESTED);
      const decoded = fromPanelMetrics(panel[i].metrics);
      expect(decoded).toEqual({
        id: m.id,
        channel: m.channel,
        createdAt: m.createdAt,
        status: m.status,
        unverified: m.unverified,
        profile: m.profile,
        agentId: m.agentId,
        handoff: m.handoff,
        resolutions: m.resolutions,
        reopens: m.reopens,
        oneTouch: m.oneTouch,
        botResolved: m.botResolved,
        handleSeconds: m.handleSeconds,
        handleSecondsByAgent: m.handleSecondsByAgent,
        csat: m.csat,
        ces: m.ces,
        csatAt: m.csatAt,
        cesAt: m.cesAt,
        // The compact copy keeps the Figure part of each reported figure (the engine's objects also carry repliedAt / resolvedAt).
        reported: {
          firstResponse: m.reported.firstResponse.map(figureOnly),
          reply: m.reported.reply.map(figureOnly),
          resolution: m.reported.resolution.map(figureOnly),
        },
        targets: m.targets,
        open: m.open.map((clock) => ({ kind: clock.kind, startedAt: clock.startedAt })),
      });
    }
  });

  it('are indexed by UTC week from creation to the last figure, and by running clock', async () => {
    // 2026-11-23 is a Monday, 2,968 weeks after Monday 1970-01-05.
    expect(utcWeekNumber(Date.parse('2026-11-23T00:00:00Z'))).toBe(2968);
    expect(utcWeekNumber(Date.parse('2026-11-22T23:59:59Z'))).toBe(2967);
    expect((await db.get('panelMetrics', key('c-1')))!.weeks).toEqual([2968]);
    expect((await db.get('panelMetrics', key('c-5')))!.weeks).toEqual([2967]);
    expect(await db.getAllKeysFromIndex('panelMetrics', 'by-week', 2967)).toEqual([key('c-5'), key('c-6')]);
    expect(await db.getAllKeysFromIndex('panelMetrics', 'by-running')).toEqual([key('c-4')]);
    expect((await db.get('panelMetrics', key('c-4')))!.running).toBe(INGESTED);
  });

  it('give the Me view exactly the figures the full metrics records give', async () => {
    const fromPanel = await loadMeData(db, AT, 9, 'panel');
    const fromMetrics = await loadMeData(db, AT, 9, 'metrics');
    expect(fromPanel.source).toBe('panel');
    expect(fromMetrics.source).toBe('metrics');
    expect(shown(fromPanel)).toEqual(shown(fromMetrics));
    expect(shown(fromPanel).keys).toEqual(['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'].map(key).sort());
    expect(fromPanel.everyone['2026-W48'].summary.targets.all).toEqual({ n: 8, met: 5, rate: 0.625 });

    const firstWeeks = await loadMeData(db, AT, 2, 'panel');
    expect(shown(firstWeeks).everyone).toEqual({
      '2026-W47': fromMetrics.everyone['2026-W47'],
      '2026-W48': fromMetrics.everyone['2026-W48'],
    });
    expect(firstWeeks.complete).toBe(false);
  });

  it('are read from the full records while out of step with them, then rebuilt', async () => {
    // A purge or "delete everything" that removed the metrics record only.
    const metricsRecord = (await db.get('metrics', key('c-5')))!;
    await db.delete('metrics', key('c-5'));
    const outOfStep = await loadMeData(db, AT, 9, 'panel');
    expect(outOfStep.source).toBe('metrics');
    expect(outOfStep.everyone['2026-W47'].summary.conversations).toBe(1);
    // The rebuild started by the load runs before any later transaction on the store.
    expect(await db.getAllKeys('panelMetrics')).not.toContain(key('c-5'));
    const again = await loadMeData(db, AT, 9, 'panel');
    expect(again.source).toBe('panel');
    expect(shown(again)).toEqual(shown(outOfStep));

    // A restored record without its compact copy.
    await db.delete('panelMetrics', key('c-6'));
    await db.put('metrics', metricsRecord);
    expect(await syncPanelMetrics(db)).toEqual({ added: 2, removed: 0 });
    expect(await db.get('panelMetrics', key('c-5'))).toEqual(toPanelMetricsRecord(metricsRecord));
    expect(await syncPanelMetrics(db)).toEqual({ added: 0, removed: 0 });
  });
});
