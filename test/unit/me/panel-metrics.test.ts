import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { fromPanelMetrics, utcWeekNumber } from '../../../lib/measure/compact-metrics';
import { loadMeData } from '../../../lib/sidepanel-state/me';
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
    // c-5 (2026-11-17 09:00 UTC): a-1 replied after 5 min and resolved after 30 min; targets 10 min and 2 h.
    const created = Date.parse('2026-11-17T09:00:00Z');
    expect(await db.get('panelMetrics', key('c-5'))).toEqual({
      key: key('c-5'),
      helpdesk: 'demo-desk',
      origin: 'http://localhost:4400',
      weeks: [2967],
      measuredAt: INGESTED,
      metrics: {
        id: 'c-5',
        channel: 'chat',
        createdAt: created,
        status: 'resolved',
        unverified: false,
        profile: 'replyline',
        agentId: 'a-1',
        first: [created, created + 300_000, 300, 300],
        firstAgents: ['a-1'],
        reply: [],
        replyAgents: [],
        resolution: [created, created + 1_800_000, 1800, 1800],
        resolutionAgents: ['a-1'],
        cycles: [created, created + 1_800_000, 1800, 1800, 1800, 1800],
        cycleAgents: ['a-1'],
        handoff: [],
        reopens: 0,
        oneTouch: true,
        botResolved: false,
        handleSeconds: 0,
        handleSecondsByAgent: {},
        // [startedAt, dueAt, atRiskAt, stoppedAt, state] for first response, then resolution; 3 = met.
        targets: [
          created,
          created + 600_000,
          created + 450_000,
          created + 300_000,
          3,
          created,
          created + 7_200_000,
          created + 5_400_000,
          created + 1_800_000,
          3,
        ],
        open: [],
      },
    });
    for (const [i, record] of metrics.entries()) {
      const m = record.metrics;
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

  it('give the Me view this week first, then the trend', async () => {
    const all = await loadMeData(db, AT);
    expect(all.inputs.metrics.map((m) => m.key).sort()).toEqual(['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'].map(key).sort());
    expect(all.everyone['2026-W48'].summary.targets.all).toEqual({ n: 8, met: 5, rate: 0.625 });
    const firstWeeks = await loadMeData(db, AT, 2);
    expect(firstWeeks.complete).toBe(false);
    expect(firstWeeks.everyone).toEqual({ '2026-W47': all.everyone['2026-W47'], '2026-W48': all.everyone['2026-W48'] });
  });
});
