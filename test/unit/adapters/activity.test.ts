import { describe, expect, it } from 'vitest';
import { ActivityTracker } from '../../../lib/activity/tracker';

const S = 1000;

describe('ActivityTracker', () => {
  it('counts viewing with input, cuts idle time back to the last input', () => {
    const t = new ActivityTracker({ idleMs: 60 * S });
    t.setContext('c-1', 'a-1', 0);
    t.input(10 * S, false);
    t.input(50 * S, false);
    // 200 s later without input: the span ends at the last input (50 s), idle excluded.
    expect(t.take(250 * S)).toEqual([{ conversationId: 'c-1', agentId: 'a-1', start: 0, end: 50 * S, kind: 'viewing' }]);
    t.input(300 * S, false);
    expect(t.take(320 * S)).toEqual([{ conversationId: 'c-1', agentId: 'a-1', start: 300 * S, end: 320 * S, kind: 'viewing' }]);
  });

  it('hands out contiguous, non-overlapping pieces across takes', () => {
    const t = new ActivityTracker();
    t.setContext('c-1', 'a-1', 0);
    t.input(20 * S, false);
    const first = t.take(30 * S);
    t.input(40 * S, false);
    const second = t.take(45 * S);
    expect(first).toEqual([{ conversationId: 'c-1', agentId: 'a-1', start: 0, end: 30 * S, kind: 'viewing' }]);
    expect(second).toEqual([{ conversationId: 'c-1', agentId: 'a-1', start: 30 * S, end: 45 * S, kind: 'viewing' }]);
    expect(t.take(45 * S)).toEqual([]);
  });

  it('records typing in the compose box separately, split by pauses', () => {
    const t = new ActivityTracker({ typingGapMs: 10 * S });
    t.setContext('c-1', 'a-1', 0);
    t.input(1 * S, true);
    t.input(4 * S, true);
    t.input(30 * S, true); // > 10 s pause: a new typing span
    t.input(33 * S, true);
    expect(t.take(34 * S)).toEqual([
      { conversationId: 'c-1', agentId: 'a-1', start: 1 * S, end: 4 * S, kind: 'typing' },
      { conversationId: 'c-1', agentId: 'a-1', start: 0, end: 34 * S, kind: 'viewing' },
      { conversationId: 'c-1', agentId: 'a-1', start: 30 * S, end: 33 * S, kind: 'typing' },
    ]);
  });

  it('stops on blur / hidden and on leaving the conversation; nothing on list pages', () => {
    const t = new ActivityTracker();
    t.setContext('c-1', 'a-1', 0);
    t.input(5 * S, false);
    t.setAttention(false, 8 * S);
    t.input(20 * S, false); // ignored: page not in front
    t.setAttention(true, 30 * S);
    t.setContext(null, 'a-1', 40 * S); // back to the inbox
    t.input(50 * S, false);
    expect(t.take(60 * S)).toEqual([
      { conversationId: 'c-1', agentId: 'a-1', start: 0, end: 8 * S, kind: 'viewing' },
      { conversationId: 'c-1', agentId: 'a-1', start: 30 * S, end: 40 * S, kind: 'viewing' },
    ]);
  });

  it('needs a known agent', () => {
    const t = new ActivityTracker();
    t.setContext('c-1', null, 0);
    t.input(5 * S, true);
    expect(t.take(10 * S)).toEqual([]);
  });
});
