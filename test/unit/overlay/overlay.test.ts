// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoDeskAdapter } from '../../../lib/adapters/demodesk/adapter';
import type { PageView } from '../../../lib/adapters/framework/view';
import type { ClockPlan } from '../../../lib/messaging/protocol';
import { Overlay } from '../../../lib/overlay/overlay';

beforeAll(() => {
  process.env.TZ = 'UTC';
});

const FIXTURES = join(__dirname, '../../fixtures/demodesk');
const T = (iso: string) => Date.parse(iso);
const MIN = 60_000;

function showPage(name: string) {
  const body = new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html').body;
  document.body.replaceChildren(...Array.from(body.childNodes));
}

function listView(): PageView {
  const root = document.body;
  const observations = demoDeskAdapter.extract.listRows(root) as Array<{ conversationId: string }>;
  return {
    route: 'list',
    root,
    agentId: 'a-1',
    conversation: null,
    rows: demoDeskAdapter.extract.listRowElements(root).map((element) => {
      const conversationId = demoDeskAdapter.extract.rowConversationId(element)!;
      return { conversationId, element, observation: observations.find((o) => o.conversationId === conversationId) as never };
    }),
  };
}

function setup(startAt: number) {
  let now = startAt;
  let tick: (() => void) | null = null;
  const overlay = new Overlay(demoDeskAdapter.overlayAnchors, {
    document,
    now: () => now,
    nextTask: (cb) => cb(),
    setInterval: (fn) => ((tick = fn), 1),
    clearInterval: () => undefined,
  });
  overlay.start();
  return {
    overlay,
    advance(ms: number) {
      now += ms;
      tick?.();
    },
  };
}

const pill = (id: string) => {
  const host = document.querySelector(`tr[data-conversation-id="${id}"] [data-replyline-overlay="badge"]`)!;
  return host.shadowRoot!.querySelector('.pill')!;
};

const c17Plan: ClockPlan = {
  conversationId: 'c-17',
  unverified: false,
  waitingSince: T('2026-11-24T09:29:58.000Z'),
  clocks: [
    {
      kind: 'nextResponse',
      startedAt: T('2026-11-24T09:29:58.000Z'),
      dueAt: T('2026-11-24T09:59:58.000Z'),
      atRiskAt: T('2026-11-24T09:49:58.000Z'),
      stoppedAt: null,
      state: 'on_track',
    },
  ],
  cues: { unansweredFollowUps: 1, reopens: 1, transfers: 0, longWait: false, score: 3 },
};

describe('inbox badges', () => {
  beforeEach(() => showPage('inbox.html'));

  it('one badge per row: waiting time, dash for nobody waiting, neutral before plans', () => {
    const { overlay } = setup(T('2026-11-24T09:41:58.000Z'));
    overlay.render(listView());
    const texts = ['c-17', 'c-18', 'c-19', 'c-20', 'c-21', 'c-22'].map((id) => [pill(id).textContent, pill(id).className]);
    expect(texts).toEqual([
      ['12m', 'pill tone-neutral'],
      ['1h 11m', 'pill tone-neutral'],
      ['—', 'pill tone-idle'],
      ['—', 'pill tone-idle'],
      ['17h 41m', 'pill tone-neutral'],
      ['1m', 'pill tone-neutral'],
    ]);
    expect(pill('c-17').getAttribute('aria-label')).toBe('Waiting 12 min · targets not loaded');
  });

  it('colours by plan and re-derives the state on the shared tick, exactly at atRiskAt', () => {
    const { overlay, advance } = setup(T('2026-11-24T09:49:57.000Z'));
    overlay.render(listView());
    overlay.setPlans([c17Plan]);
    expect(pill('c-17').className).toBe('pill tone-on_track');
    expect(pill('c-17').getAttribute('title')).toBe('Waiting 19 min · next response due 09:59 · on track');
    advance(1000);
    expect(pill('c-17').className).toBe('pill tone-at_risk');
    advance(10 * MIN);
    expect(pill('c-17').className).toBe('pill tone-at_risk'); // exactly at dueAt
    advance(1000);
    expect(pill('c-17').className).toBe('pill tone-breached');
    expect(pill('c-17').textContent).toBe('30m');
  });

  it('writes text only when it changed', () => {
    const { overlay, advance } = setup(T('2026-11-24T09:41:58.000Z'));
    overlay.render(listView());
    const text = pill('c-17').querySelector('.text')!;
    const writes = vi.fn();
    new MutationObserver((records) => writes(records.length)).observe(text, { childList: true, characterData: true, subtree: true });
    return (async () => {
      advance(1000); // still 12m
      await Promise.resolve();
      expect(writes).not.toHaveBeenCalled();
      advance(60_000); // 13m
      await Promise.resolve();
      expect(text.textContent).toBe('13m');
      expect(writes).toHaveBeenCalledTimes(1);
    })();
  });

  it('page strings stay text: a customer named <img src=x onerror=alert(1)> is shown literally, no element is created', () => {
    const { overlay } = setup(T('2026-11-24T09:41:58.000Z'));
    overlay.render(listView());
    const cell = document.querySelector('tr[data-conversation-id="c-18"] .dd-cell-customer')!;
    expect(cell.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelectorAll('img')).toHaveLength(0);
    for (const host of document.querySelectorAll('[data-replyline-overlay]')) {
      expect(host.shadowRoot!.querySelectorAll('img')).toHaveLength(0);
    }
  });

  it('re-attaches a badge when the page re-renders a row, and removes badges of rows that left', () => {
    const { overlay } = setup(T('2026-11-24T09:41:58.000Z'));
    overlay.render(listView());
    const row = document.querySelector('tr[data-conversation-id="c-17"]')!;
    row.querySelector('.dd-cell-customer')!.innerHTML = '<a class="dd-row-link" href="/conversations/c-17">Ada</a>'; // a re-render drops our host
    document.querySelector('tr[data-conversation-id="c-22"]')!.remove();
    overlay.render(listView());
    expect(document.querySelectorAll('[data-replyline-overlay="badge"]')).toHaveLength(5);
    expect(pill('c-17').textContent).toBe('12m');
  });
});

describe('conversation timer strip', () => {
  function conversationView(): PageView {
    const root = document.body;
    return { route: 'conversation', root, rows: [], agentId: 'a-1', conversation: demoDeskAdapter.extract.conversation(root) as never };
  }
  const strip = () => document.querySelector('[data-replyline-overlay="timer-strip"]')!.shadowRoot!;
  const clockTexts = () =>
    Array.from(strip().querySelectorAll('.clock')).map((c) => [
      c.querySelector('.name')!.textContent,
      c.querySelector('.value')!.textContent,
      c.querySelector('.detail')!.textContent,
      c.className,
    ]);

  it('sits right after the heading; neutral waiting time from the events before plans arrive', () => {
    showPage('conversation.html');
    const { overlay } = setup(T('2026-11-24T09:33:58.000Z'));
    overlay.render(conversationView());
    expect(document.querySelector('h1.dd-customer-name')!.nextElementSibling!.getAttribute('data-replyline-overlay')).toBe('timer-strip');
    expect(clockTexts()).toEqual([['Waiting', '4m', 'since 09:29', 'clock tone-neutral']]);
    expect(strip().querySelectorAll('.chip')).toHaveLength(0);
  });

  it('shows plan clocks live and cue chips', () => {
    showPage('conversation.html');
    const { overlay, advance } = setup(T('2026-11-24T09:55:58.000Z'));
    overlay.render(conversationView());
    overlay.setPlans([c17Plan]);
    expect(clockTexts()).toEqual([['Next response', '26m / 30m', 'due in 4m', 'clock tone-at_risk']]);
    advance(7 * MIN);
    expect(clockTexts()).toEqual([['Next response', '33m / 30m', 'overdue 3m', 'clock tone-breached']]);
    expect(Array.from(strip().querySelectorAll('.chip')).map((c) => c.textContent)).toEqual(['1 unanswered', 'reopened 1×']);
  });

  it('marks the conversation unverified when a time could not be read', () => {
    showPage('conversation-missing-datetime.html');
    const { overlay } = setup(T('2026-11-24T09:33:58.000Z'));
    overlay.render(conversationView());
    expect(clockTexts()).toEqual([['Waiting', '?', 'time unreadable', 'clock tone-unknown']]);
    expect(Array.from(strip().querySelectorAll('.chip')).map((c) => c.textContent)).toEqual(['unverified']);
  });

  it('is removed when the view leaves the conversation; destroy removes everything', () => {
    showPage('conversation.html');
    const { overlay } = setup(T('2026-11-24T09:33:58.000Z'));
    overlay.render(conversationView());
    overlay.render({ route: null, root: document.body, rows: [], conversation: null, agentId: null });
    expect(document.querySelectorAll('[data-replyline-overlay]')).toHaveLength(0);
    overlay.render(conversationView());
    overlay.destroy();
    expect(document.querySelectorAll('[data-replyline-overlay]')).toHaveLength(0);
  });
});
