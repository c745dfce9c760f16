// @vitest-environment jsdom
/**
 * Health counts a page before its list has drawn: the first probe finds no rows. That must not be
 * reported as a problem; only parts missing in probes HEALTH_LASTING_MS apart are lasting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import { HEALTH_LASTING_MS, HEALTH_RECHECK_MS, MissingTracker } from '../../../lib/adapters/framework/health';
import { HEALTH_PROBE_INTERVAL_MS } from '../../../lib/adapters/framework/health-probe';
import { startAdapterRunner, type AdapterRunner } from '../../../lib/adapters/framework/runner';
import type { AdapterHealth, ContentToBackground, CsObservations } from '../../../lib/messaging/protocol';

const FIXTURES = join(__dirname, '../../fixtures/demodesk');
const T0 = 1_795_512_600_000;

function showPage(name: string, path: string) {
  const body = new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html').body;
  document.body.replaceChildren(...Array.from(body.childNodes));
  document.body.setAttribute('data-app', 'demo-desk');
  history.pushState({}, '', path);
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('MissingTracker', () => {
  const health = (at: number, missing: string[]): AdapterHealth => ({ route: 'list', at, found: {}, missing });

  it('marks missing parts lasting only once they have been missing for HEALTH_LASTING_MS', () => {
    const tracker = new MissingTracker();
    expect(tracker.mark(health(1000, ['inbox.row']), true)).toMatchObject({ missingSince: 1000, lasting: false });
    expect(tracker.mark(health(1000 + HEALTH_RECHECK_MS, ['inbox.row']), false)).toMatchObject({ missingSince: 1000, lasting: false });
    expect(tracker.mark(health(1000 + HEALTH_LASTING_MS, ['inbox.row']), false)).toMatchObject({ missingSince: 1000, lasting: true });
    // Found again: the next miss starts afresh.
    expect(tracker.mark(health(20_000, []), false)).toEqual(health(20_000, []));
    expect(tracker.mark(health(21_000, ['inbox.row']), false)).toMatchObject({ missingSince: 21_000, lasting: false });
    // A new page starts afresh as well.
    expect(tracker.mark(health(40_000, ['inbox.row']), true)).toMatchObject({ missingSince: 40_000, lasting: false });
  });

  it('probes again soon while missing parts are unconfirmed, at the usual interval otherwise', () => {
    const tracker = new MissingTracker();
    expect(tracker.nextProbeIn(30_000, null)).toBe(30_000);
    expect(tracker.nextProbeIn(30_000, { ...health(0, ['x']), lasting: false })).toBe(HEALTH_RECHECK_MS);
    expect(tracker.nextProbeIn(30_000, { ...health(0, ['x']), lasting: true })).toBe(30_000);
    expect(tracker.nextProbeIn(30_000, health(0, []))).toBe(30_000);
  });

  it('a clock that does not move gets two soon re-probes (8 s / 4 s), then the usual interval', () => {
    const tracker = new MissingTracker();
    const soon = [];
    for (let i = 0; i < 5; i++) soon.push(tracker.nextProbeIn(30_000, tracker.mark(health(1000, ['x']), false)));
    expect(soon).toEqual([HEALTH_RECHECK_MS, HEALTH_RECHECK_MS, 30_000, 30_000, 30_000]);
  });
});

describe('runner health on a list that draws after the first probe', () => {
  let runner: AdapterRunner | undefined;
  afterEach(() => runner?.stop());

  function start() {
    let clock = T0;
    const sent: ContentToBackground[] = [];
    const frames: Array<() => void> = [];
    let timeouts: Array<{ fn: () => void; at: number; id: number }> = [];
    let nextId = 1;
    runner = startAdapterRunner(
      demoDeskAdapter,
      {
        window,
        document,
        now: () => clock,
        sendMessage: (m) => (sent.push(structuredClone(m)), Promise.resolve({ ok: true, seq: (m as CsObservations).seq, plans: [] })),
        nextTask: (cb) => void frames.push(cb),
        setTimeout: (fn, ms) => (timeouts.push({ fn, at: clock + ms, id: nextId }), nextId++),
        clearTimeout: (id) => void (timeouts = timeouts.filter((t) => t.id !== id)),
        setInterval: () => 0,
        clearInterval: () => undefined,
        onLocationChange: () => undefined,
        documentId: 'doc-0123456789abcdef',
      },
      { activityFlushMs: 15_000 },
    );
    /** Runs queued tasks, then every timer due up to `ms` from now, in time order. */
    async function advance(ms: number) {
      const until = clock + ms;
      for (;;) {
        // Tasks first (a mutation seen while settling queues one), then the next timer due.
        do {
          while (frames.length) frames.shift()!();
          await settle();
        } while (frames.length);
        timeouts.sort((a, b) => a.at - b.at);
        const due = timeouts[0];
        if (!due || due.at > until) break;
        timeouts.shift();
        clock = Math.max(clock, due.at);
        due.fn();
        await settle();
      }
      clock = until;
    }
    const healths = () => sent.flatMap((m) => (m.type === 'cs:observations' && m.health ? [m.health] : []));
    return { advance, healths };
  }

  it('reports the rows once they have drawn, and never a lasting problem', async () => {
    showPage('inbox.html', '/inbox');
    const rows = Array.from(document.querySelectorAll('tr.dd-row'));
    rows.forEach((row) => row.remove());
    const { advance, healths } = start();
    await advance(1000);
    expect(healths()[0]).toMatchObject({
      route: 'list',
      missing: ['inbox.row', 'inbox.rowLink'],
      conversations: 0,
      missingSince: T0,
      lasting: false,
    });

    // The list draws a second later.
    document.querySelector('tbody.dd-inbox-rows')!.append(...rows);
    await advance(HEALTH_LASTING_MS + 1000);
    const last = healths().at(-1)!;
    expect(last).toMatchObject({ route: 'list', missing: [], conversations: 6 });
    expect(last.lasting).toBeUndefined();
    expect(healths().some((h) => h.lasting)).toBe(false);
  });

  it('reports parts still missing HEALTH_LASTING_MS later as lasting', async () => {
    showPage('inbox-renamed-class.html', '/inbox');
    const { advance, healths } = start();
    await advance(1000);
    expect(healths()).toHaveLength(1);
    expect(healths()[0]).toMatchObject({ missing: ['inbox.row', 'inbox.rowLink'], lasting: false });
    // Nothing on the page changes: the runner probes again by itself and confirms the problem.
    await advance(HEALTH_LASTING_MS + HEALTH_RECHECK_MS);
    expect(healths()).toHaveLength(2);
    expect(healths()[1]).toMatchObject({ missing: ['inbox.row', 'inbox.rowLink'], missingSince: T0, lasting: true });
    expect(healths()[1].at - T0).toBe(HEALTH_LASTING_MS);
    // Once lasting, probing returns to its usual pace and nothing new is sent.
    await advance(HEALTH_PROBE_INTERVAL_MS);
    expect(healths()).toHaveLength(2);
  });
});
