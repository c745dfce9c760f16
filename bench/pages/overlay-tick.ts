/**
 * Browser-side half of the overlay tick bench (bundled by esbuild in bench/content-script.ts
 * and run in real Chromium, not under Node): a Demo Desk-like inbox of N rows, the real
 * Overlay with the real Demo Desk anchors, and the time of one tick: over every badge (`updateAll`)
 * and as the product runs it (`update`, only badges near the viewport).
 */
import { demoDeskAdapter } from '../../lib/adapters/demodesk/adapter';
import type { PageView, RowView } from '../../lib/adapters/framework/view';
import type { ClockPlan } from '../../lib/messaging/protocol';
import { Overlay } from '../../lib/overlay/overlay';

export interface TickBenchOptions {
  rows: number;
  ticks: number;
  warmupTicks: number;
  /** Ticks in which every badge's text changes (all rows waiting since the same second). */
  rolloverTicks: number;
  seed: number;
}

export interface TickBenchResult {
  badges: number;
  /** ms per `overlay.updateAll()` (every badge), one per 1-second tick, rows waiting since spread-out times. */
  updateMs: number[];
  /** ms of the style + layout the tick causes (forced right after it). */
  layoutMs: number[];
  /** Text writes per tick (characterData/childList/attribute changes inside the badges). */
  writesPerTick: number[];
  /** ms per `overlay.updateAll()` when every badge's minute rolls over in the same tick. */
  rolloverUpdateMs: number[];
  rolloverLayoutMs: number[];
  /** Time of the first render that creates every badge (shadow roots, styles), ms. */
  firstRenderMs: number;
  /** ms per tick as the product runs it: only the badges near the viewport. */
  visibleUpdateMs: number[];
  visibleWrites: number[];
  /** Badges the tick redraws (near the viewport). */
  visibleBadges: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** mulberry32: a tiny seeded PRNG, so every run sees the same inbox. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows shaped like the Demo Desk's (demo/public/app.js buildRow): the badge goes at the end of the link. */
function buildInbox(doc: Document, count: number): Element[] {
  doc.body.setAttribute('data-app', 'demo-desk');
  const table = doc.createElement('table');
  table.className = 'dd-inbox';
  const tbody = doc.createElement('tbody');
  tbody.className = 'dd-inbox-rows';
  const rows: Element[] = [];
  for (let i = 0; i < count; i++) {
    const row = doc.createElement('tr');
    row.className = 'dd-row';
    row.setAttribute('data-conversation-id', `c${i + 1}`);
    const cell = doc.createElement('td');
    cell.className = 'dd-cell-customer';
    const link = doc.createElement('a');
    link.className = 'dd-row-link';
    link.href = `/conversations/c${i + 1}`;
    const name = doc.createElement('span');
    name.className = 'dd-customer';
    name.textContent = `Customer ${i + 1}`;
    link.append(name);
    cell.append(link);
    const status = doc.createElement('td');
    status.textContent = 'Open';
    row.append(cell, status);
    tbody.append(row);
    rows.push(row);
  }
  table.append(tbody);
  doc.body.append(table);
  return rows;
}

/** A running first-response clock (at risk 15 min before due) and a resolution clock, as the worker plans them. */
function planFor(conversationId: string, waitingSince: number, firstResponseMs: number): ClockPlan {
  const dueAt = waitingSince + firstResponseMs;
  return {
    conversationId,
    unverified: false,
    waitingSince,
    clocks: [
      { kind: 'firstResponse', startedAt: waitingSince, dueAt, atRiskAt: dueAt - 15 * MINUTE, stoppedAt: null, state: null },
      { kind: 'resolution', startedAt: waitingSince, dueAt: waitingSince + 24 * HOUR, atRiskAt: null, stoppedAt: null, state: null },
    ],
    cues: { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 },
  };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function forceStyleAndLayout(doc: Document): void {
  // Reading a layout property flushes the style recalculation and layout the tick's writes caused.
  void doc.body.offsetHeight;
}

export async function runTickBench(options: TickBenchOptions): Promise<TickBenchResult> {
  const doc = document;
  const rowElements = buildInbox(doc, options.rows);
  const rnd = random(options.seed);
  let now = Date.UTC(2026, 10, 26, 10, 0, 0);
  const overlay = new Overlay(demoDeskAdapter.overlayAnchors, {
    document: doc,
    now: () => now,
    // The bench drives update() itself; the shared interval is never started.
    nextTask: () => undefined,
    setInterval: () => 0,
    clearInterval: () => undefined,
  });

  const view = (since: (index: number) => number): PageView => ({
    route: 'list',
    root: doc.body,
    agentId: 'a1',
    conversation: null,
    rows: rowElements.map((element, index): RowView => ({
      conversationId: `c${index + 1}`,
      element,
      observation: { conversationId: `c${index + 1}`, waitingSince: since(index) },
    })),
  });

  // Spread: customers waiting between 0 and 6 h, targets of 1–8 h, so states vary and about
  // one badge in sixty changes its text each second, as on a real inbox.
  const spreadSince = rowElements.map(() => now - Math.floor(rnd() * 6 * HOUR));
  const targets = rowElements.map(() => (1 + Math.floor(rnd() * 8)) * HOUR);
  const started = performance.now();
  overlay.render(view((i) => spreadSince[i]));
  overlay.setPlans(spreadSince.map((since, i) => planFor(`c${i + 1}`, since, targets[i])));
  overlay.updateAll();
  forceStyleAndLayout(doc);
  const firstRenderMs = performance.now() - started;
  await nextFrame();

  let writes = 0;
  const counter = new MutationObserver((records) => (writes += records.length));
  for (const element of rowElements) {
    const host = element.querySelector('[data-replyline-overlay]');
    if (host?.shadowRoot) counter.observe(host.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
  }

  const updateMs: number[] = [];
  const layoutMs: number[] = [];
  const writesPerTick: number[] = [];
  for (let tick = 0; tick < options.warmupTicks + options.ticks; tick++) {
    now += 1_000;
    const t0 = performance.now();
    // Every badge, as if all 1,000 rows were on screen (the tick itself redraws only those near the viewport).
    overlay.updateAll();
    const t1 = performance.now();
    forceStyleAndLayout(doc);
    const t2 = performance.now();
    writes += counter.takeRecords().length;
    if (tick >= options.warmupTicks) {
      updateMs.push(t1 - t0);
      layoutMs.push(t2 - t1);
      writesPerTick.push(writes);
    }
    writes = 0;
    // One tick per frame (in the product ticks are a second apart).
    await nextFrame();
  }

  // The tick as it runs: only badges near the viewport (IntersectionObserver) are redrawn.
  const visibleUpdateMs: number[] = [];
  const visibleWrites: number[] = [];
  for (let tick = 0; tick < options.ticks; tick++) {
    now += 1_000;
    const t0 = performance.now();
    overlay.update();
    visibleUpdateMs.push(performance.now() - t0);
    forceStyleAndLayout(doc);
    visibleWrites.push(counter.takeRecords().length);
    await nextFrame();
  }
  const visibleBadges = overlay.visibleBadgeCount();

  // Rollover: every row waiting since the same second, so every text changes at the minute.
  const alignedSince = now - 30 * MINUTE;
  overlay.setPlans(rowElements.map((_, i) => planFor(`c${i + 1}`, alignedSince, targets[i])));
  overlay.render(view(() => alignedSince));
  await nextFrame();
  const rolloverUpdateMs: number[] = [];
  const rolloverLayoutMs: number[] = [];
  for (let minute = 0; minute < options.rolloverTicks; minute++) {
    now = alignedSince + (31 + minute) * MINUTE - 500;
    overlay.updateAll();
    forceStyleAndLayout(doc);
    await nextFrame();
    now += 1_000;
    const t0 = performance.now();
    // Every badge, as if all 1,000 rows were on screen (the tick itself redraws only those near the viewport).
    overlay.updateAll();
    const t1 = performance.now();
    forceStyleAndLayout(doc);
    const t2 = performance.now();
    rolloverUpdateMs.push(t1 - t0);
    rolloverLayoutMs.push(t2 - t1);
    await nextFrame();
  }
  counter.disconnect();
  const badges = doc.querySelectorAll('[data-replyline-overlay="badge"]').length;
  overlay.destroy();
  return {
    badges,
    updateMs,
    layoutMs,
    writesPerTick,
    rolloverUpdateMs,
    rolloverLayoutMs,
    firstRenderMs,
    visibleUpdateMs,
    visibleWrites,
    visibleBadges,
  };
}

(globalThis as unknown as { replylineTickBench: typeof runTickBench }).replylineTickBench = runTickBench;
