// @vitest-environment jsdom
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import { probeHealth } from '../../../lib/adapters/framework/health';
import { ListRows } from '../../../lib/adapters/framework/list-rows';
import { startAdapterRunner, type AdapterRunner } from '../../../lib/adapters/framework/runner';
import type { PageView } from '../../../lib/adapters/framework/view';
import { HEALTH_PROBE_INTERVAL_MS } from '../../../lib/adapters/framework/health-probe';
import type { AdapterDefinition } from '../../../lib/adapters/framework/types';
import { DEFAULT_LATER_MS } from '../../../lib/adapters/framework/sender';
import {
  observedConversationSchema,
  type ContentToBackground,
  type CsObservations,
  type ObservedConversation,
} from '../../../lib/messaging/protocol';
import { Overlay } from '../../../lib/overlay/overlay';

const FIXTURES = join(__dirname, '../../fixtures/demodesk');
const INBOX = readFileSync(join(FIXTURES, 'inbox.html'), 'utf8');
const NOW = 1_795_512_600_000;

function showInbox() {
  const body = new DOMParser().parseFromString(INBOX, 'text/html').body;
  document.body.replaceChildren(...Array.from(body.childNodes));
  document.body.setAttribute('data-app', 'demo-desk');
  history.pushState({}, '', '/inbox');
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** What the runner showed before rows could be read one by one: every row read and validated. */
function fullRead(adapter: AdapterDefinition) {
  const root = document.body;
  const valid = new Map<string, ObservedConversation>();
  for (const item of adapter.extract.listRows(root) as ObservedConversation[]) {
    const parsed = observedConversationSchema.safeParse(item);
    if (parsed.success) valid.set(item.conversationId, parsed.data);
  }
  const rows = adapter.extract
    .listRowElements(root)
    .map((element) => ({ element, conversationId: adapter.extract.rowConversationId(element) }))
    .filter((row): row is { element: Element; conversationId: string } => row.conversationId !== null)
    .map((row) => ({ ...row, observation: valid.get(row.conversationId) }));
  return { rows, valid };
}

// ——— random page mutations on the fixture inbox

const ATTRIBUTES = [
  'data-conversation-id',
  'data-status',
  'data-waiting-since',
  'data-created-at',
  'data-assignee-id',
  'data-channel',
  'data-customer-id',
];
const VALUES = [
  '',
  'open',
  'pending',
  'resolved',
  'bogus',
  'c-17',
  'c-18',
  'c-90',
  'c-91',
  'a-1',
  '2026-11-24T09:00:00.000Z',
  '2026-11-24T09:00:00Z',
  '24 Nov 09:00',
];

type Mutation =
  | { kind: 'set'; row: number; name: number; value: number }
  | { kind: 'remove-attribute'; row: number; name: number }
  | { kind: 'remove-row'; row: number }
  | { kind: 'insert-row'; row: number; id: number }
  | { kind: 'replace-link'; row: number }
  | { kind: 'text'; row: number; value: number }
  | { kind: 'replace-cell'; row: number }
  | { kind: 'move-row'; row: number; to: number }
  | { kind: 'insert-rows'; row: number; id: number }
  | { kind: 'replace-body' }
  | { kind: 'counter'; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      row: fc.nat(20),
      name: fc.nat(ATTRIBUTES.length - 1),
      value: fc.nat(VALUES.length - 1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('remove-attribute' as const), row: fc.nat(20), name: fc.nat(ATTRIBUTES.length - 1) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove-row' as const), row: fc.nat(20) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert-row' as const), row: fc.nat(20), id: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace-link' as const), row: fc.nat(20) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('text' as const), row: fc.nat(20), value: fc.nat(100) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace-cell' as const), row: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('counter' as const), value: fc.nat(100) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move-row' as const), row: fc.nat(20), to: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert-rows' as const), row: fc.nat(20), id: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'replace-body' as const }) },
);

function freshRow(conversationId: string): Element {
  const template = new DOMParser().parseFromString(
    `<table><tbody>${INBOX.match(/<tr class="dd-row"[\s\S]*?<\/tr>/)![0]}</tbody></table>`,
    'text/html',
  );
  const fresh = template.querySelector('tr')!;
  fresh.setAttribute('data-conversation-id', conversationId);
  return document.importNode(fresh, true);
}

function apply(m: Mutation): void {
  const tbody = document.querySelector('tbody')!;
  const rows = Array.from(tbody.querySelectorAll(':scope > tr'));
  const row = rows.length ? rows[('row' in m ? m.row : 0) % rows.length] : null;
  switch (m.kind) {
    case 'set':
      row?.setAttribute(ATTRIBUTES[m.name], VALUES[m.value]);
      break;
    case 'remove-attribute':
      row?.removeAttribute(ATTRIBUTES[m.name]);
      break;
    case 'remove-row':
      row?.remove();
      break;
    case 'insert-row':
      tbody.insertBefore(freshRow(`c-${100 + m.id}`), row);
      break;
    case 'insert-rows': {
      // Two rows in one record (a fragment), one of them repeating a conversation id.
      const fragment = document.createDocumentFragment();
      fragment.append(freshRow(`c-${100 + m.id}`), freshRow(`c-${17 + (m.id % 6)}`));
      tbody.insertBefore(fragment, row);
      break;
    }
    case 'move-row':
      if (row) tbody.insertBefore(row, rows[m.to % rows.length] ?? null);
      break;
    case 'replace-link': {
      // A re-render of the cell's link takes the badge with it.
      const link = row?.querySelector('a.dd-row-link');
      if (!link) break;
      const fresh = link.cloneNode(true) as Element;
      fresh.querySelectorAll('[data-replyline-overlay]').forEach((node) => node.remove());
      link.replaceWith(fresh);
      break;
    }
    case 'text': {
      const time = row?.querySelector('.dd-cell-waiting time, .dd-cell-last time');
      if (time) time.textContent = `${m.value} min`;
      break;
    }
    case 'replace-cell': {
      const cell = row?.querySelector('.dd-cell-waiting');
      if (cell) cell.replaceChildren(document.createElement('span'));
      break;
    }
    case 'counter': {
      let counter = document.querySelector('.bench-counter');
      if (!counter) document.body.prepend((counter = document.createElement('span')), ' ');
      counter.className = 'bench-counter';
      counter.textContent = `${m.value} conversations`;
      break;
    }
    case 'replace-body': {
      // A re-rendered list: the same markup, new elements (without the overlay's).
      const fresh = tbody.cloneNode(true) as Element;
      fresh.querySelectorAll('[data-replyline-overlay]').forEach((node) => node.remove());
      tbody.replaceWith(fresh);
      break;
    }
  }
}

describe('incremental list reading', () => {
  let runner: AdapterRunner | undefined;
  let overlay: Overlay | undefined;
  afterEach(() => {
    runner?.stop();
    overlay?.destroy();
    runner = overlay = undefined;
  });

  function start(adapter: AdapterDefinition, rowsPerTask?: number) {
    const tasks: Array<() => void> = [];
    const timeouts: Array<{ fn: () => void; ms: number }> = [];
    const sent: CsObservations[] = [];
    const views: PageView[] = [];
    overlay = new Overlay(adapter.overlayAnchors, {
      document,
      now: () => NOW,
      nextTask: (cb) => cb(),
      setInterval: () => 0,
      clearInterval: () => undefined,
    });
    const target = overlay;
    runner = startAdapterRunner(
      adapter,
      {
        window,
        document,
        now: () => NOW,
        sendMessage: (m: ContentToBackground) => {
          if (m.type === 'cs:observations') sent.push(structuredClone(m));
          return Promise.resolve({ ok: true, seq: (m as CsObservations).seq, plans: [] });
        },
        nextTask: (cb) => void tasks.push(cb),
        setTimeout: (fn, ms) => (timeouts.push({ fn, ms }), timeouts.length),
        clearTimeout: () => undefined,
        setInterval: () => 0,
        clearInterval: () => undefined,
        onLocationChange: () => undefined,
        documentId: 'doc-0123456789abcdef',
      },
      {
        onView: (view) => {
          views.push(view);
          target.render(view);
        },
        rowsPerTask,
      },
    );
    /** Runs the first queued task only (a list read a slice at a time is then half read). */
    const step = async () => {
      await settle();
      tasks.shift()?.();
      await settle();
    };
    const flush = async () => {
      await settle();
      while (tasks.length || timeouts.length) {
        while (tasks.length) tasks.shift()!();
        await settle();
        for (const { fn } of timeouts.splice(0)) fn();
        await settle();
      }
    };
    return { sent, views, flush, step, tasks, timeouts };
  }

  it.each([
    ['read at once', undefined],
    ['read two rows per task, mutated while half read', 2],
  ])(
    'after random mutation sequences the rows, observations sent and badges equal a full re-read (%s)',
    async (_name, rowsPerTask) => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(mutation, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), async (batches) => {
          showInbox();
          const { sent, views, flush, step } = start(demoDeskAdapter, rowsPerTask);
          if (rowsPerTask) await step();
          else await flush();
          for (const batch of batches) {
            batch.forEach(apply);
            await flush();
            const expected = fullRead(demoDeskAdapter);
            const view = views.at(-1)!;
            expect(view.rows.map((row) => row.element)).toEqual(expected.rows.map((row) => row.element));
            expect(view.rows.map(({ conversationId, observation }) => ({ conversationId, observation }))).toEqual(
              expected.rows.map(({ conversationId, observation }) => ({ conversationId, observation })),
            );
            // The latest observation sent for each conversation is its reading now.
            const lastSent = new Map<string, ObservedConversation>();
            for (const batchSent of sent) for (const item of batchSent.conversations) lastSent.set(item.conversationId, item);
            for (const [id, observation] of expected.valid) expect(lastSent.get(id)).toEqual(observation);
            // Health as a probe of the whole page reports it (counts reused only when they cannot differ).
            const fieldsMissing = (demoDeskAdapter.extract.listRows(document.body) as ObservedConversation[]).flatMap((item) =>
              observedConversationSchema.safeParse(item).success
                ? (item.missing ?? []).map((field) => `${item.conversationId}:${field}`)
                : [`invalid:${item.conversationId}`],
            );
            const { conversations, missingSince, lasting, ...health } = sent.filter((batchSent) => batchSent.health).at(-1)!.health!;
            expect({ ...health, at: 0 }).toEqual(probeHealth(demoDeskAdapter.selectors, document.body, 'list', fieldsMissing, 0));
            // The conversations read: every valid one, once however many rows show it.
            expect(conversations).toBe(expected.valid.size);
            // Missing parts carry when they were first seen; none missing, none carried.
            expect(missingSince === undefined && lasting === undefined).toBe(health.missing.length === 0);
            // One badge per row with an anchor, inside its row, none elsewhere.
            const badges = Array.from(document.querySelectorAll('[data-replyline-overlay="badge"]'));
            expect(badges.map((badge) => badge.closest('tr'))).toEqual(expected.rows.map((row) => row.element));
          }
          runner!.stop();
          overlay!.destroy();
        }),
        { numRuns: 30, seed: 20261126 },
      );
    },
    120_000,
  );

  it('reads only the touched rows, and ignores cell text the rows do not read', async () => {
    showInbox();
    const reads: string[] = [];
    const counting: AdapterDefinition = {
      ...demoDeskAdapter,
      extract: {
        ...demoDeskAdapter.extract,
        readRow: (row) => (reads.push(row.getAttribute('data-conversation-id') ?? ''), demoDeskAdapter.extract.readRow!(row)),
      },
    };
    const { views, flush } = start(counting);
    await flush();
    expect(reads).toEqual(['c-17', 'c-18', 'c-19', 'c-20', 'c-21', 'c-22']);
    reads.length = 0;
    const viewsBefore = views.length;

    document.querySelector('tr[data-conversation-id="c-17"] .dd-cell-waiting time')!.textContent = '12 min';
    await flush();
    expect(views.length).toBe(viewsBefore); // nothing to read, no frame

    document.querySelector('tr[data-conversation-id="c-20"]')!.setAttribute('data-status', 'pending');
    await flush();
    expect(reads).toEqual(['c-20']);
    expect(views.at(-1)!.rowChanges?.changed.map((row) => row.conversationId)).toEqual(['c-20']);
    expect(views.at(-1)!.rows.find((row) => row.conversationId === 'c-20')?.observation?.status).toBe('pending');
  });

  it('places an inserted, moved or removed row by itself, without looking every row up again', async () => {
    showInbox();
    const reads: string[] = [];
    let lookUps = 0;
    const counting: AdapterDefinition = {
      ...demoDeskAdapter,
      extract: {
        ...demoDeskAdapter.extract,
        listRowElements: (root) => (lookUps++, demoDeskAdapter.extract.listRowElements(root)),
        readRow: (row) => (reads.push(row.getAttribute('data-conversation-id') ?? ''), demoDeskAdapter.extract.readRow!(row)),
      },
    };
    const { views, flush } = start(counting);
    await flush();
    expect(lookUps).toBe(1);
    reads.length = 0;
    const tbody = document.querySelector('tbody')!;
    const c19 = document.querySelector('tr[data-conversation-id="c-19"]')!;
    tbody.insertBefore(freshRow('c-90'), c19);
    tbody.append(c19);
    document.querySelector('tr[data-conversation-id="c-21"]')!.remove();
    await flush();
    expect(lookUps).toBe(1);
    expect(reads).toEqual(['c-90']);
    const view = views.at(-1)!;
    expect(view.rows.map((row) => row.conversationId)).toEqual(['c-17', 'c-18', 'c-90', 'c-20', 'c-22', 'c-19']);
    expect(view.rowChanges?.changed.map((row) => row.conversationId)).toEqual(['c-90']);
    expect(view.rowChanges?.removed.map((row) => row.getAttribute('data-conversation-id'))).toEqual(['c-21']);
    expect(
      Array.from(document.querySelectorAll('[data-replyline-overlay="badge"]'), (badge) =>
        badge.closest('tr')!.getAttribute('data-conversation-id'),
      ),
    ).toEqual(['c-17', 'c-18', 'c-90', 'c-20', 'c-22', 'c-19']);
  });

  it('reads a long list a slice per task, every slice sent soon, a row changed meanwhile read as it is now', async () => {
    showInbox();
    const tbody = document.querySelector('tbody')!;
    for (let i = 0; i < 444; i++) tbody.append(freshRow(`c-${1000 + i}`));
    const { sent, views, step, tasks, timeouts } = start(demoDeskAdapter, 200);
    await step();
    expect(views.at(-1)!.rows).toHaveLength(200);
    expect(tasks).toHaveLength(1);
    expect(document.querySelectorAll('[data-replyline-overlay="badge"]')).toHaveLength(200);
    // A row not shown yet changes: the slice that shows it reads it as it is now.
    tbody.querySelector('tr[data-conversation-id="c-1400"]')!.setAttribute('data-status', 'pending');
    await step();
    expect(views.at(-1)!.rows).toHaveLength(400);
    await step();
    expect(views.at(-1)!.rows).toHaveLength(450);
    expect(tasks).toHaveLength(0);
    expect(document.querySelectorAll('[data-replyline-overlay="badge"]')).toHaveLength(450);
    expect(views.at(-1)!.rows.find((row) => row.conversationId === 'c-1400')?.observation?.status).toBe('pending');
    // Every slice went out with the 500 ms delay, none with the 5 s one.
    expect(timeouts.map((t) => t.ms).filter((ms) => ms === DEFAULT_LATER_MS)).toEqual([]);
    for (const { fn } of timeouts.splice(0)) fn();
    await settle();
    const ids = sent.flatMap((batch) => batch.conversations.map((c) => c.conversationId));
    expect(new Set(ids).size).toBe(450);
  });

  it('reads everything again when more rows changed than are worth sorting out', () => {
    showInbox();
    const reads: string[] = [];
    const rows = new ListRows(
      {
        ...demoDeskAdapter.extract,
        readRow: (row) => (reads.push(row.getAttribute('data-conversation-id')!), demoDeskAdapter.extract.readRow!(row)),
      },
      2,
    );
    expect(rows.update(document.body).full).toBe(true);
    reads.length = 0;
    const observer = new MutationObserver(() => undefined);
    observer.observe(document.body, { attributes: true, subtree: true });
    for (const id of ['c-17', 'c-18', 'c-19'])
      document.querySelector(`tr[data-conversation-id="${id}"]`)!.setAttribute('data-status', 'pending');
    for (const record of observer.takeRecords()) rows.note(record);
    observer.disconnect();
    const update = rows.update(document.body);
    expect(update.full).toBe(true);
    expect(reads).toEqual(['c-17', 'c-18', 'c-19', 'c-20', 'c-21', 'c-22']);
  });

  it('probes health at most once per interval, once more after a burst, counting selectors only after structural changes', async () => {
    showInbox();
    let now = NOW;
    const frames: Array<() => void> = [];
    const timeouts: Array<{ fn: () => void; at: number }> = [];
    const sent: CsObservations[] = [];
    const counts = new Map<string, number>();
    // Every probe queries each selector once on the root; the compose box selector only there.
    const querySelectorAll = document.body.querySelectorAll.bind(document.body);
    document.body.querySelectorAll = (selector: string) => {
      counts.set(selector, (counts.get(selector) ?? 0) + 1);
      return querySelectorAll(selector);
    };
    const probes = () => counts.get(demoDeskAdapter.selectors.composeBox.selector) ?? 0;
    onTestFinished(() => void delete (document.body as { querySelectorAll?: unknown }).querySelectorAll);
    runner = startAdapterRunner(
      demoDeskAdapter,
      {
        window,
        document,
        now: () => now,
        sendMessage: (m: ContentToBackground) => {
          if (m.type === 'cs:observations') sent.push(structuredClone(m));
          return Promise.resolve({ ok: true, seq: (m as CsObservations).seq, plans: [] });
        },
        nextTask: (cb) => void frames.push(cb),
        setTimeout: (fn, ms) => (timeouts.push({ fn, at: now + ms }), timeouts.length),
        clearTimeout: () => undefined,
        setInterval: () => 0,
        clearInterval: () => undefined,
        onLocationChange: () => undefined,
        documentId: 'doc-0123456789abcdef',
      },
      { coalesceMs: 100, laterMs: 100, listReadDelayMs: 50 },
    );
    const advance = async (ms: number) => {
      await settle();
      while (frames.length) frames.shift()!();
      await settle();
      now += ms;
      for (const due of timeouts.filter((t) => t.at <= now)) {
        timeouts.splice(timeouts.indexOf(due), 1);
        due.fn();
      }
      await settle();
    };
    await advance(100);
    expect(probes()).toBe(1);
    expect(sent[0].health).toMatchObject({ route: 'list', missing: [] });

    // A burst: a row changes every 100 ms for 1 s; the rows are sent, health is not probed again.
    for (let i = 0; i < 10; i++) {
      document.querySelector('tr[data-conversation-id="c-17"]')!.setAttribute('data-status', i % 2 ? 'open' : 'pending');
      await advance(100);
    }
    expect(probes()).toBe(1);
    // A broken row while the burst goes on: reported by the trailing probe, one interval after the first.
    document.querySelector('tr[data-conversation-id="c-18"]')!.setAttribute('data-created-at', 'yesterday');
    await advance(100);
    expect(probes()).toBe(1);
    await advance(HEALTH_PROBE_INTERVAL_MS - 2_000);
    expect(sent.filter((batch) => batch.health).length).toBe(1);
    await advance(2_000);
    await advance(200);
    expect(sent.at(-1)!.health).toMatchObject({ route: 'list', missing: ['c-18:createdAt'] });
    expect(sent.filter((batch) => batch.health).length).toBe(2);
    // Only row attributes changed: the selector counts were reused, not queried again.
    expect(probes()).toBe(1);

    // A row removed: the next probe (one interval after the last) counts the selectors again.
    document.querySelector('tr[data-conversation-id="c-22"]')!.remove();
    await advance(100);
    expect(probes()).toBe(1);
    await advance(HEALTH_PROBE_INTERVAL_MS);
    await advance(200);
    expect(probes()).toBe(2);
    expect(sent.at(-1)!.health).toMatchObject({ found: { 'inbox.row': 5 }, missing: ['c-18:createdAt'] });
  });
});
