// @vitest-environment jsdom
/** The runner's compose-box path on the Demo Desk: debounced checks, booleans only in the batch. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import { composeContext } from '../../../lib/adapters/demodesk/extract';
import { startAdapterRunner, type AdapterRunner } from '../../../lib/adapters/framework/runner';
import { csObservationsSchema, type ContentToBackground, type CsObservations } from '../../../lib/messaging/protocol';

const FIXTURES = join(__dirname, '../../fixtures/demodesk');
const NOW = 1_795_512_600_000;

function showConversation() {
  const body = new DOMParser().parseFromString(readFileSync(join(FIXTURES, 'conversation.html'), 'utf8'), 'text/html').body;
  document.body.replaceChildren(...Array.from(body.childNodes));
  document.body.setAttribute('data-app', 'demo-desk');
  history.pushState({}, '', '/conversations/c-17');
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('compose checks in the runner', () => {
  let runner: AdapterRunner | undefined;
  let sent: ContentToBackground[];
  let frames: Array<() => void>;
  let timeouts: Array<{ fn: () => void; ms: number; cleared: boolean }>;

  beforeEach(() => {
    sent = [];
    frames = [];
    timeouts = [];
    showConversation();
    runner = startAdapterRunner(
      demoDeskAdapter,
      {
        window,
        document,
        now: () => NOW,
        sendMessage: (m) => (sent.push(structuredClone(m)), Promise.resolve({ ok: true, seq: (m as CsObservations).seq, plans: [] })),
        nextTask: (cb) => void frames.push(cb),
        setTimeout: (fn, ms) => (timeouts.push({ fn, ms, cleared: false }), timeouts.length - 1),
        clearTimeout: (handle) => {
          if (typeof handle === 'number' && timeouts[handle]) timeouts[handle].cleared = true;
        },
        setInterval: () => 0,
        clearInterval: () => undefined,
        onLocationChange: () => undefined,
        documentId: 'doc-0123456789abcdef',
      },
      { composeDebounceMs: 400 },
    );
  });
  afterEach(() => runner?.stop());

  async function runAll() {
    for (let round = 0; round < 5; round++) {
      while (frames.length) frames.shift()!();
      await settle();
      const due = timeouts.filter((t) => !t.cleared);
      for (const t of due) t.cleared = true;
      for (const t of due) t.fn();
      await settle();
    }
  }
  function type(text: string) {
    const box = document.querySelector<HTMLTextAreaElement>('textarea.dd-compose-input')!;
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }
  const composeBatches = () => sent.filter((m): m is CsObservations => m.type === 'cs:observations' && m.compose !== undefined);

  it('reads the customer name and whether the latest customer message asked something', () => {
    expect(composeContext(document.body)).toEqual({ customerName: 'Ada Lovelace', customerAsked: false });
    document.querySelectorAll('.dd-body')[11].textContent = 'Where is it now?';
    expect(composeContext(document.body)).toEqual({ customerName: 'Ada Lovelace', customerAsked: true });
  });

  it('sends the booleans once per change after the pause, never the draft', async () => {
    await runAll();
    const sentence = 'Hello Ada, your parcel left the depot this morning.';
    type('Hel');
    type(sentence);
    expect(timeouts.filter((t) => t.ms === 400 && !t.cleared)).toHaveLength(1);
    await runAll();
    const batches = composeBatches();
    expect(batches).toHaveLength(1);
    expect(batches[0].compose).toEqual({
      conversationId: 'c-17',
      greeting: true,
      customerName: true,
      closing: false,
      answersQuestion: true,
      at: NOW,
    });
    expect(csObservationsSchema.safeParse(batches[0]).success).toBe(true);
    // No word of the draft leaves the page; the customer's display name goes only as the page's
    // names reading (the worker keeps it only when Settings allow customers' names).
    for (const word of ['Hello', 'parcel', 'depot', 'morning']) expect(JSON.stringify(sent)).not.toContain(word);
    expect(JSON.stringify(batches)).not.toContain('Ada');

    // Same booleans again: nothing new is sent. A closing line changes one boolean.
    type(`${sentence} `);
    await runAll();
    expect(composeBatches()).toHaveLength(1);
    type(`${sentence}\nBest regards`);
    await runAll();
    expect(composeBatches().map((b) => b.compose?.closing)).toEqual([false, true]);
  });

  it('ignores input outside the compose box', async () => {
    await runAll();
    const other = document.createElement('input');
    document.body.append(other);
    other.value = 'Hello Ada';
    other.dispatchEvent(new Event('input', { bubbles: true }));
    await runAll();
    expect(composeBatches()).toHaveLength(0);
  });
});

describe('compose field of cs:observations', () => {
  const base = {
    type: 'cs:observations',
    documentId: 'doc-0123456789abcdef',
    helpdesk: 'demo-desk',
    origin: 'http://localhost',
    seq: 0,
    url: 'http://localhost/',
    conversations: [],
    activity: [],
  };
  it('is optional, and when present takes exactly booleans', () => {
    expect(csObservationsSchema.safeParse(base).success).toBe(true);
    const compose = { conversationId: 'c-1', greeting: true, customerName: false, closing: false, answersQuestion: true, at: NOW };
    expect(csObservationsSchema.safeParse({ ...base, compose }).success).toBe(true);
    expect(csObservationsSchema.safeParse({ ...base, compose: { ...compose, greeting: 'Hello Ada' } }).success).toBe(false);
    expect(csObservationsSchema.safeParse({ ...base, compose: { ...compose, conversationId: '' } }).success).toBe(false);
    const { closing: _omitted, ...partial } = compose;
    expect(csObservationsSchema.safeParse({ ...base, compose: partial }).success).toBe(false);
  });
});
