import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb, type ReplylineDb } from '../../../lib/storage/db';
import { loadMeData, selectedFigures, type MeData } from '../../../lib/sidepanel-state/me';
import { HEADLINES, peakConcurrency, weekChange, weeksEndingWith } from '../../../lib/measure/week-figures';
import { formatChange } from '../../../components/me/format';
import { AT, TZ, seedMeFixture } from './fixture';

const DB = 'replyline-me-figures-test';
let db: ReplylineDb;
let data: MeData;

beforeEach(async () => {
  db = await openReplylineDb({ name: DB });
  await seedMeFixture(db);
  data = await loadMeData(db, AT);
});
afterEach(async () => {
  db.close();
  await deleteDB(DB);
});

const headline = (id: string) => HEADLINES.find((h) => h.id === id)!;

describe('Me view week figures', () => {
  it('offers the last eight ISO weeks in the calendar zone, this week last', () => {
    expect(data.timezone).toBe(TZ);
    expect(data.agentId).toBe('a-1');
    expect(data.weeks).toEqual(['2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(weeksEndingWith('2026-W02', 3, TZ)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
    expect(data.everyone['2026-W48'].period).toEqual({ from: Date.parse('2026-11-22T23:00:00Z'), to: Date.parse('2026-11-29T23:00:00Z') });
  });

  it("computes everyone's week exactly, the open conversation measured at the view's time", () => {
    // c-4 was stored before its target breached at 11:10; the view counts the breach at 12:00.
    const c4 = data.inputs.metrics.find((m) => m.metrics.id === 'c-4')!.metrics;
    expect(c4.targets.firstResponse).toMatchObject({ dueAt: Date.parse('2026-11-26T11:10:00Z'), stoppedAt: null, state: 'breached' });
    const w = data.everyone['2026-W48'];
    expect(w.summary.conversations).toBe(4);
    expect(w.summary.firstResponse.business).toMatchObject({ n: 3, median: 240, p90: 624, min: 120, max: 720 });
    expect(w.summary.reply.business).toMatchObject({ n: 1, median: 360, p90: 360 });
    expect(w.summary.resolution.business).toMatchObject({ n: 3, median: 3600, p90: 6960 });
    expect(w.summary.targets.firstResponse).toEqual({ n: 4, met: 2, rate: 0.5 });
    expect(w.summary.targets.nextResponse).toEqual({ n: 1, met: 1, rate: 1 });
    expect(w.summary.targets.resolution).toEqual({ n: 3, met: 2, rate: 2 / 3 });
    expect(w.summary.targets.all).toEqual({ n: 8, met: 5, rate: 0.625 });
    expect(w.summary.csat).toEqual({ n: 2, score: 0.5 });
    expect(w.summary.handleSeconds).toMatchObject({ n: 2, median: 150 });
    expect(w.concurrency).toEqual({ peak: 2, at: Date.parse('2026-11-23T09:10:00Z'), n: 4 });
    expect(w.qa).toEqual({ n: 2, mean: 0.65 });
  });

  it('computes my week from what I am credited with', () => {
    const w = data.mine!['2026-W48'];
    expect(w.summary.conversations).toBe(3);
    expect(w.summary.firstResponse.business).toMatchObject({ n: 2, median: 180, p90: 228 });
    expect(w.summary.reply.business).toMatchObject({ n: 1, median: 360 });
    expect(w.summary.resolution.business).toMatchObject({ n: 2, median: 4500 });
    expect(w.summary.targets.all).toEqual({ n: 6, met: 4, rate: 4 / 6 });
    expect(w.summary.csat).toEqual({ n: 2, score: 0.5 });
    expect(w.summary.handleSeconds).toMatchObject({ n: 2, median: 150 });
    expect(w.concurrency).toEqual({ peak: 1, at: Date.parse('2026-11-23T09:00:00Z'), n: 3 });
    expect(w.qa).toEqual({ n: 1, mean: 0.8 });
  });

  it('computes the week before and the change, coloured by what is better for each figure', () => {
    const before = data.everyone['2026-W47'];
    expect(before.summary.conversations).toBe(2);
    expect(before.summary.firstResponse.business).toMatchObject({ n: 2, median: 750 });
    expect(before.summary.targets.all).toEqual({ n: 4, met: 3, rate: 0.75 });
    const { current, previous, trend } = selectedFigures({ data, scope: 'everyone', week: '2026-W48' })!;
    expect(previous?.week).toBe('2026-W47');
    expect(trend.map((f) => f.summary.conversations)).toEqual([0, 0, 0, 0, 0, 0, 2, 4]);
    const changes = Object.fromEntries(HEADLINES.map((h) => [h.id, weekChange(h, current, previous, 'business')]));
    expect(changes.firstResponse).toEqual({ delta: -510, verdict: 'better' });
    expect(changes.targets).toEqual({ delta: -0.125, verdict: 'worse' });
    expect(changes.conversations).toEqual({ delta: 2, verdict: 'neutral' });
    expect(changes.nextResponse).toEqual({ delta: null, verdict: 'unknown' });
    expect(changes.csat).toEqual({ delta: null, verdict: 'unknown' });
    expect(formatChange(changes.firstResponse, 'seconds')).toBe('▼ 8m 30s');
    expect(formatChange(changes.targets, 'share')).toBe('▼ 13 pts');
    expect(formatChange(changes.conversations, 'count')).toBe('▲ 2');
    expect(weekChange(headline('resolution'), current, previous, 'business')).toEqual({ delta: 0, verdict: 'same' });
  });

  it("keeps today's blocks: rollups for counts, the engine for durations", () => {
    expect(data.today.day).toBe('2026-11-26');
    expect(data.today.everyone.summary.conversations).toBe(1);
    expect(data.today.everyone.summary.targets.firstResponse).toEqual({ n: 1, met: 0, rate: 0 });
    expect(data.today.everyone.rollup).toBeNull();
    expect(data.today.mine?.summary.firstResponse.business.n).toBe(0);
  });

  it('counts concurrency from cycle start to resolution, ends before starts at the same instant', () => {
    const m = data.inputs.metrics.map((i) => i.metrics);
    const handOver = peakConcurrency(m, { from: Date.parse('2026-11-23T09:20:00Z'), to: Date.parse('2026-11-23T10:00:00Z') }, AT);
    // c-1 resolves at 09:20 exactly when the window starts: only c-2 is open.
    expect(handOver).toEqual({ peak: 1, at: Date.parse('2026-11-23T09:20:00Z'), n: 1 });
  });
});
