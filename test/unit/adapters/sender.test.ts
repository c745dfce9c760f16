import { describe, expect, it, vi } from 'vitest';
import { ObservationSender, randomDocumentId } from '../../../lib/adapters/framework/sender';
import type { CsObservations } from '../../../lib/messaging/protocol';

/** Manual timers: tests decide when time passes. */
function manualTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id: unknown) => void pending.delete(id as number),
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await flushPromises();
      }
      now = end;
      await flushPromises();
    },
  };
}
const flushPromises = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
const conv = (id: string, status: 'open' | 'resolved' = 'open') => ({ conversationId: id, status });

function setup(send: (m: CsObservations) => Promise<unknown>) {
  const timers = manualTimers();
  const onReply = vi.fn();
  const sender = new ObservationSender({
    helpdesk: 'demo-desk',
    origin: 'http://localhost:4400',
    documentId: 'doc-12345678',
    send,
    timers,
    onReply,
    retryDelaysMs: [1000, 2000],
  });
  return { timers, sender, onReply };
}
const ack = (m: CsObservations) => Promise.resolve({ ok: true, seq: m.seq, plans: [] });

describe('ObservationSender', () => {
  it('coalesces updates within 500 ms into one batch with the latest value per conversation', async () => {
    const sent: CsObservations[] = [];
    const { timers, sender } = setup((m) => (sent.push(structuredClone(m)), ack(m)));
    sender.update({ url: 'http://localhost:4400/inbox', conversations: [conv('c-1'), conv('c-2')] });
    await timers.advance(200);
    sender.update({
      conversations: [conv('c-1', 'resolved')],
      activity: [{ conversationId: 'c-1', agentId: 'a-1', start: 1, end: 2, kind: 'viewing' }],
    });
    await timers.advance(299);
    expect(sent).toHaveLength(0);
    await timers.advance(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'cs:observations',
      documentId: 'doc-12345678',
      seq: 0,
      helpdesk: 'demo-desk',
      origin: 'http://localhost:4400',
      url: 'http://localhost:4400/inbox',
    });
    expect(sent[0].conversations).toEqual([conv('c-1', 'resolved'), conv('c-2')]);
    expect(sent[0].activity).toEqual([{ conversationId: 'c-1', agentId: 'a-1', start: 1, end: 2, kind: 'viewing' }]);
    sender.update({ conversations: [conv('c-3')] });
    await timers.advance(500);
    expect(sent.map((m) => m.seq)).toEqual([0, 1]);
    expect(sent[1].activity).toEqual([]);
  });

  it('holds background changes for 5 s, and a change the agent looks at brings the whole batch forward', async () => {
    const sent: CsObservations[] = [];
    const { timers, sender } = setup((m) => (sent.push(structuredClone(m)), ack(m)));
    sender.update({ conversations: [conv('c-1')] }, 'later');
    await timers.advance(1_000);
    sender.update({ conversations: [conv('c-2')] }, 'later');
    await timers.advance(3_999);
    expect(sent).toHaveLength(0);
    await timers.advance(1);
    expect(sent.map((m) => m.conversations.map((c) => c.conversationId))).toEqual([['c-1', 'c-2']]);

    sender.update({ conversations: [conv('c-3')] }, 'later');
    await timers.advance(2_000);
    sender.update({ conversations: [conv('c-4')] }, 'soon');
    await timers.advance(499);
    expect(sent).toHaveLength(1);
    await timers.advance(1);
    expect(sent.map((m) => m.conversations.map((c) => c.conversationId))).toEqual([
      ['c-1', 'c-2'],
      ['c-3', 'c-4'],
    ]);
    // A background change after a soon one rides with it instead of delaying it.
    sender.update({ conversations: [conv('c-5')] }, 'soon');
    await timers.advance(100);
    sender.update({ conversations: [conv('c-6')] }, 'later');
    await timers.advance(400);
    expect(sent.at(-1)!.conversations.map((c) => c.conversationId)).toEqual(['c-5', 'c-6']);
  });

  it('re-sends the identical batch (same documentId + seq) until the worker answers, then continues in order', async () => {
    const sent: CsObservations[] = [];
    let answer = false;
    const { timers, sender, onReply } = setup((m) => {
      sent.push(structuredClone(m));
      if (!answer) return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
      return Promise.resolve({
        ok: true,
        seq: m.seq,
        plans: [
          {
            conversationId: 'c-1',
            unverified: false,
            waitingSince: null,
            clocks: [],
            cues: { unansweredFollowUps: 0, reopens: 0, transfers: 0, longWait: false, score: 0 },
          },
        ],
      });
    });
    sender.update({ conversations: [conv('c-1')] });
    await timers.advance(500);
    expect(sent).toHaveLength(1);
    sender.update({ conversations: [conv('c-2')] });
    await timers.advance(500); // coalesced into seq 1, but seq 0 is still waiting for its retry
    expect(sent).toHaveLength(1);
    await timers.advance(500); // first retry at +1000 ms
    expect(sent).toHaveLength(2);
    await timers.advance(2000); // second retry at +2000 ms
    expect(sent).toHaveLength(3);
    answer = true;
    await timers.advance(2000);
    expect(sent.map((m) => m.seq)).toEqual([0, 0, 0, 0, 1]);
    expect(sent[3]).toEqual(sent[0]);
    expect(sent[4].conversations).toEqual([conv('c-2')]);
    expect(onReply).toHaveBeenCalledTimes(2);
    expect(sender.pending).toBe(0);
  });

  it('treats a silent worker (undefined reply) and a reply for another seq as unanswered', async () => {
    const replies: unknown[] = [undefined, { ok: true, seq: 7, plans: [] }, { ok: true, seq: 0, plans: [] }];
    const sent: number[] = [];
    const { timers, sender } = setup((m) => (sent.push(m.seq), Promise.resolve(replies.shift())));
    sender.update({ conversations: [conv('c-1')] });
    await timers.advance(500 + 1000 + 2000);
    expect(sent).toEqual([0, 0, 0]);
    expect(sender.pending).toBe(0);
  });

  it('stops for good when the extension context is invalidated', async () => {
    const onInvalid = vi.fn();
    const timers = manualTimers();
    const send = vi.fn(() => Promise.reject(new Error('Extension context invalidated.')));
    const sender = new ObservationSender({
      helpdesk: 'demo-desk',
      origin: 'o',
      documentId: 'doc-12345678',
      send,
      timers,
      onContextInvalidated: onInvalid,
    });
    sender.update({ conversations: [conv('c-1')] });
    await timers.advance(60_000);
    expect(send).toHaveBeenCalledTimes(1);
    expect(onInvalid).toHaveBeenCalledTimes(1);
    sender.update({ conversations: [conv('c-2')] });
    await timers.advance(60_000);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('never drops a batch the worker refuses (a storage outage): the same batch again with backoff until it is stored, then a resend is asked for', async () => {
    const onRecovered = vi.fn();
    const timers = manualTimers();
    const sent: Array<[number, string[]]> = [];
    let storageWorks = false;
    const send = (m: CsObservations) => (
      sent.push([m.seq, m.conversations.map((c) => c.conversationId)]),
      Promise.resolve(
        storageWorks ? { ok: true, seq: m.seq, plans: [] } : { ok: false, error: 'Storage is full: batch 0 was not saved', plans: [] },
      )
    );
    const sender = new ObservationSender({
      helpdesk: 'demo-desk',
      origin: 'o',
      documentId: 'doc-12345678',
      send,
      timers,
      onRecovered,
      retryDelaysMs: [100, 1_000],
    });
    sender.update({ conversations: [conv('c-1')] });
    await timers.advance(500); // seq 0 at 500 ms, refused
    sender.update({ conversations: [conv('c-2')] });
    await timers.advance(60_000); // retries at 600, 1600, 2600, … 60600 − 1000
    expect(sent.length).toBe(1 + 1 + 59);
    expect(sent.every(([seq, ids]) => seq === 0 && ids.join() === 'c-1')).toBe(true);
    expect(sender.pending).toBe(2);
    expect(onRecovered).not.toHaveBeenCalled();
    storageWorks = true;
    await timers.advance(1_000);
    // Stored: seq 0 acknowledged, then what waited (c-2) as seq 1; the runner is asked to resend once.
    expect(sent.slice(-2)).toEqual([
      [0, ['c-1']],
      [1, ['c-2']],
    ]);
    expect(onRecovered).toHaveBeenCalledTimes(1);
    expect(sender.pending).toBe(0);
  });

  it('keeps memory bounded during an outage: one sealed batch, and one buffer with the latest reading per conversation', async () => {
    const timers = manualTimers();
    const sent: CsObservations[] = [];
    let up = false;
    const sender = new ObservationSender({
      helpdesk: 'demo-desk',
      origin: 'o',
      documentId: 'doc-12345678',
      send: (m) => (sent.push(structuredClone(m)), Promise.resolve(up ? { ok: true, seq: m.seq, plans: [] } : undefined)),
      timers,
      retryDelaysMs: [1_000],
    });
    sender.update({ conversations: [conv('c-0')] });
    await timers.advance(500);
    // Ten thousand updates of 50 conversations, and a growing activity span, while nothing is answered.
    for (let i = 0; i < 10_000; i++) {
      sender.update({
        conversations: [conv(`c-${i % 50}`, i >= 9_950 ? 'resolved' : 'open')],
        activity: [{ conversationId: 'c-1', agentId: 'a', start: 1_000, end: 1_000 + i, kind: 'viewing' }],
      });
      if (i % 100 === 0) await timers.advance(100);
    }
    expect(sender.pending).toBe(2);
    up = true;
    await timers.advance(2_000);
    const last = sent.at(-1)!;
    expect(last.seq).toBe(1);
    expect(last.conversations).toHaveLength(50);
    expect(last.conversations.every((c) => c.status === 'resolved')).toBe(true);
    expect(last.activity).toEqual([{ conversationId: 'c-1', agentId: 'a', start: 1_000, end: 10_999, kind: 'viewing' }]);
    expect(new Set(sent.map((m) => m.seq))).toEqual(new Set([0, 1]));
  });

  it('flushNow sends immediately (page hide)', async () => {
    const sent: number[] = [];
    const { sender } = setup((m) => (sent.push(m.seq), ack(m)));
    sender.update({ conversations: [conv('c-1')] });
    sender.flushNow();
    await flushPromises();
    expect(sent).toEqual([0]);
  });

  it('makes 32-hex-digit document ids', () => {
    const a = randomDocumentId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(randomDocumentId()).not.toBe(a);
  });
});
