// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import { LIST_READ_DELAY_MS, startAdapterRunner, type AdapterRunner } from '../../../lib/adapters/framework/runner';
import type { PageView } from '../../../lib/adapters/framework/view';
import { DEFAULT_LATER_MS } from '../../../lib/adapters/framework/sender';
import type { ContentToBackground, CsObservations } from '../../../lib/messaging/protocol';
import { Overlay } from '../../../lib/overlay/overlay';

const FIXTURES = join(__dirname, '../../fixtures/demodesk');
const bodyOf = (name: string) => new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html').body;

function showPage(name: string, path: string) {
  const body = bodyOf(name);
  document.body.replaceChildren(...Array.from(body.childNodes));
  document.body.setAttribute('data-app', 'demo-desk');
  history.pushState({}, '', path);
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('adapter runner on the Demo Desk', () => {
  let runner: AdapterRunner | undefined;
  let sent: ContentToBackground[];
  let frames: Array<() => void>;
  let timeouts: Array<{ fn: () => void; ms: number }>;
  let locationListeners: Array<() => void>;
  let views: PageView[];
  let answer: (m: ContentToBackground) => Promise<unknown>;

  beforeEach(() => {
    sent = [];
    frames = [];
    timeouts = [];
    locationListeners = [];
    views = [];
    answer = (m) => Promise.resolve({ ok: true, seq: (m as CsObservations).seq, plans: [] });
  });
  afterEach(() => runner?.stop());

  function start(overlay?: Overlay) {
    runner = startAdapterRunner(
      demoDeskAdapter,
      {
        window,
        document,
        now: () => 1_795_512_600_000,
        sendMessage: (m) => (sent.push(structuredClone(m)), answer(m)),
        nextTask: (cb) => void frames.push(cb),
        setTimeout: (fn, ms) => (timeouts.push({ fn, ms }), timeouts.length),
        clearTimeout: () => undefined,
        setInterval: () => 0,
        clearInterval: () => undefined,
        onLocationChange: (cb) => void locationListeners.push(cb),
        documentId: 'doc-0123456789abcdef',
      },
      {
        onView: (view) => {
          views.push(view);
          overlay?.render(view);
        },
        activityFlushMs: 15_000,
      },
    );
  }
  async function runFrames() {
    while (frames.length) frames.shift()!();
    await settle();
  }
  async function runTimeouts() {
    const due = timeouts.splice(0);
    for (const t of due) t.fn();
    await settle();
  }
  const observations = () => sent.filter((m): m is CsObservations => m.type === 'cs:observations');

  it('sends all rows once, then only what changed, read together a moment later', async () => {
    showPage('inbox.html', '/inbox');
    start();
    await runFrames();
    expect(views.at(-1)?.rows.map((r) => r.conversationId)).toEqual(['c-17', 'c-18', 'c-19', 'c-20', 'c-21', 'c-22']);
    await runTimeouts(); // coalescing window
    expect(observations()).toHaveLength(1);
    const first = observations()[0];
    expect(first.seq).toBe(0);
    expect(first.documentId).toBe('doc-0123456789abcdef');
    expect(first.agentId).toBe('a-1');
    expect(first.focusedConversationId).toBeNull();
    expect(first.conversations.map((c) => c.conversationId)).toEqual(['c-17', 'c-18', 'c-19', 'c-20', 'c-21', 'c-22']);
    expect(first.health).toMatchObject({ route: 'list', missing: [] });

    // The Demo Desk answers c-18 in place: its row loses waiting-since.
    document.querySelector('tr[data-conversation-id="c-18"]')!.setAttribute('data-waiting-since', '');
    document.querySelector('tr[data-conversation-id="c-19"]')!.setAttribute('data-status', 'open');
    await settle(); // MutationObserver callback
    // Two mutations of a list already read: one read, LIST_READ_DELAY_MS later, no frame.
    expect(frames).toHaveLength(0);
    expect(timeouts.map((t) => t.ms)).toContain(LIST_READ_DELAY_MS);
    await runTimeouts();
    // Other rows of the list travel in the next background batch.
    expect(timeouts.map((t) => t.ms)).toContain(DEFAULT_LATER_MS);
    await runTimeouts();
    const second = observations()[1];
    expect(second.seq).toBe(1);
    expect(second.conversations.map((c) => [c.conversationId, c.status, c.waitingSince])).toEqual([
      ['c-18', 'open', null],
      ['c-19', 'open', null],
    ]);
    expect(second.health).toBeUndefined(); // unchanged health is not repeated
    // The page's names travel with the first batch, and again only when they change.
    expect(first.names?.agents.map((a) => a.name)).toEqual(['Alex', 'Bea', 'Cem']);
    expect(first.names?.customers).toHaveLength(6);
    expect(second.names).toBeUndefined();
    document.querySelector('tr[data-conversation-id="c-19"] .dd-customer')!.textContent = 'Grace B. Hopper';
    document.querySelector('tr[data-conversation-id="c-19"]')!.setAttribute('data-status', 'pending');
    await settle();
    await runTimeouts();
    await runTimeouts();
    const third = observations()[2];
    expect(third.names?.customers.find((c) => c.conversationId === 'c-19')?.name).toBe('Grace B. Hopper');
  });

  it('ignores its own overlay elements (no feedback loop)', async () => {
    showPage('inbox.html', '/inbox');
    const overlay = new Overlay(demoDeskAdapter.overlayAnchors, {
      document,
      now: () => 1_795_512_600_000,
      nextTask: (cb) => cb(),
      setInterval: () => 0,
      clearInterval: () => undefined,
    });
    start(overlay);
    await runFrames();
    expect(document.querySelectorAll('[data-replyline-overlay="badge"]')).toHaveLength(6);
    await settle();
    expect(frames).toHaveLength(0);
  });

  it('follows SPA navigation to a conversation and reports missing times', async () => {
    showPage('inbox.html', '/inbox');
    start();
    await runFrames();
    await runTimeouts();
    showPage('conversation-missing-datetime.html', '/conversations/c-17');
    locationListeners.forEach((cb) => cb());
    await settle();
    await runFrames();
    await runTimeouts();
    const last = observations().at(-1)!;
    expect(last.focusedConversationId).toBe('c-17');
    expect(last.conversations).toHaveLength(1);
    expect(last.conversations[0].missing).toEqual(['time:e-106']);
    expect(last.conversations[0].events).toHaveLength(11);
    expect(last.health).toMatchObject({ route: 'conversation', missing: ['c-17:time:e-106'] });
    expect(views.at(-1)?.conversation?.conversationId).toBe('c-17');
  });

  it('retries an unanswered batch with the same seq and stops when the context is invalidated', async () => {
    showPage('inbox.html', '/inbox');
    answer = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    start();
    await runFrames();
    await runTimeouts(); // coalesce → send (fails)
    await runTimeouts(); // retry (fails)
    expect(observations().map((m) => m.seq)).toEqual([0, 0]);
    answer = () => Promise.reject(new Error('Extension context invalidated.'));
    await runTimeouts();
    expect(observations().map((m) => m.seq)).toEqual([0, 0, 0]);
    document.querySelector('tr[data-conversation-id="c-18"]')!.setAttribute('data-status', 'pending');
    await settle();
    expect(frames).toHaveLength(0); // observer disconnected
  });

  it('does nothing off its routes', async () => {
    showPage('inbox.html', '/settings');
    start();
    await runFrames();
    await runTimeouts();
    expect(sent).toEqual([]);
    expect(views.at(-1)).toMatchObject({ route: null, rows: [] });
  });
});
