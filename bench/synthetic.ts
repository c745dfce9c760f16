/**
 * Seeded synthetic support traffic for benchmarks: the same seed always gives the same
 * conversations. The mix follows a real inbox: chat and email, bots with hand-off and
 * bot-only resolutions, notes, follow-ups, pending, reopens, ratings and activity spans,
 * mostly inside business hours, spread over several weeks.
 */
import type { Conversation, ConversationEvent } from '../lib/engine/events';
import type { CalendarSpec } from '../lib/engine/business-clock';
import type { TargetsSpec } from '../lib/engine/targets';

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BENCH_CALENDAR: CalendarSpec = {
  timezone: 'Europe/Berlin',
  week: {
    mon: [
      ['08:00', '12:00'],
      ['13:00', '18:00'],
    ],
    tue: [
      ['08:00', '12:00'],
      ['13:00', '18:00'],
    ],
    wed: [
      ['08:00', '12:00'],
      ['13:00', '18:00'],
    ],
    thu: [
      ['08:00', '12:00'],
      ['13:00', '18:00'],
    ],
    fri: [
      ['08:00', '12:00'],
      ['13:00', '16:00'],
    ],
    sat: [['10:00', '14:00']],
  },
  holidays: ['2026-11-18', '2026-12-24', '2026-12-25', '2026-12-26'],
};

export const BENCH_TARGETS: TargetsSpec = {
  clock: 'business',
  firstResponseSeconds: 3600,
  nextResponseSeconds: 7200,
  resolutionSeconds: 86_400,
};

export interface SyntheticOptions {
  seed?: number;
  conversations?: number;
  /** Total events; spread so that the mean per conversation is events / conversations. */
  events?: number;
  /** Monday 00:00 local (Europe/Berlin, UTC+1 in this season) of the first week. */
  start?: number;
  weeks?: number;
  agents?: number;
}

export const DEFAULT_START = Date.UTC(2026, 10, 1, 23); // Monday 2026-11-02 00:00 Berlin

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function generateConversations(options: SyntheticOptions = {}): Conversation[] {
  const {
    seed = 20261124,
    conversations: count = 100_000,
    events: totalEvents = 1_000_000,
    start = DEFAULT_START,
    weeks = 6,
    agents: agentCount = 40,
  } = options;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  // Exponential delays give the long right tail real response times have.
  const delay = (mean: number) => Math.max(1000, Math.round(-Math.log(1 - random()) * mean));
  const agents = Array.from({ length: agentCount }, (_, i) => `a-${String(i + 1).padStart(2, '0')}`);
  const tags = ['billing', 'login', 'shipping', 'refund', 'bug', 'feature-request'];

  const mean = totalEvents / count;
  const base = Math.floor(mean);
  // Pairs of conversations share a spread (base − k, base + k), so the total is exact.
  let extra = totalEvents - base * count;
  const result: Conversation[] = [];
  let pairSpread = 0;

  for (let index = 0; index < count; index++) {
    if (index % 2 === 0) pairSpread = Math.min(base - 3, Math.floor(random() * 7));
    let size = index % 2 === 0 ? base - pairSpread : base + pairSpread;
    if (index % 2 === 0 && index === count - 1) size = base; // odd count: the last one has no partner
    if (extra > 0) {
      size++;
      extra--;
    }

    const chat = chance(0.6);
    const day = Math.floor(random() * weeks * 7);
    // Four in five contacts arrive in office hours (08–18 local), the rest at any time.
    const minuteOfDay = chance(0.8) ? 8 * 60 + Math.floor(random() * 600) : Math.floor(random() * 1440);
    const createdAt = start + day * DAY + minuteOfDay * MINUTE + Math.floor(random() * 60) * 1000;
    const agentDelay = chat ? 4 * MINUTE : 3 * HOUR;
    const customerDelay = chat ? 3 * MINUTE : 5 * HOUR;
    const agent = pick(agents);
    const events: ConversationEvent[] = [];
    let t = createdAt;
    let remaining = size;
    const push = (event: ConversationEvent) => {
      events.push(event);
      remaining--;
    };

    push({ type: 'message', at: t, author: 'customer', id: `${index}-m0` });
    let waiting = true;
    let resolved = false;
    let rated = false;
    let assigned = false;
    let replies = 0;

    if (chat && chance(0.4) && remaining >= 2) {
      t += 3000;
      push({ type: 'message', at: t, author: 'bot' });
      if (chance(0.2)) {
        t += delay(2 * MINUTE);
        push({ type: 'status', at: t, status: 'resolved' });
        waiting = false;
        resolved = true;
      } else {
        t += delay(MINUTE);
        push({ type: 'handoff', at: t });
      }
    }

    while (remaining > 0) {
      if (resolved) {
        if (remaining >= 3 && chance(rated ? 0.35 : 0.1)) {
          // The customer comes back: a reopen.
          t += delay(DAY);
          push({ type: 'message', at: t, author: 'customer' });
          push({ type: 'status', at: t, status: 'open' });
          resolved = false;
          rated = false;
          waiting = true;
        } else if (!rated) {
          t += delay(30 * MINUTE);
          push(
            chance(0.8)
              ? { type: 'rating', at: t, csat: pick([5, 5, 5, 4, 4, 3, 2, 1]) }
              : { type: 'rating', at: t, csat: pick([5, 4, 3]), ces: pick([7, 6, 6, 5, 4, 3, 2]) },
          );
          rated = true;
        } else {
          // Housekeeping after the fact: tags and notes.
          t += delay(HOUR);
          push(chance(0.6) ? { type: 'tag', at: t, tag: pick(tags) } : { type: 'note', at: t, agentId: agent });
        }
        continue;
      }
      if (waiting) {
        if (!assigned && remaining >= 3) {
          assigned = true;
          t += delay(agentDelay / 4);
          push({ type: 'assignment', at: t, agentId: agent });
          continue;
        }
        const roll = random();
        if (remaining >= 3 && roll < 0.25) {
          // Active work right before the reply: viewing, then typing.
          t += delay(agentDelay);
          const span = delay(3 * MINUTE);
          push({ type: 'activity', at: t, until: t + span, agentId: agent, kind: chance(0.5) ? 'typing' : 'viewing' });
          t += span;
        } else if (remaining >= 3 && roll < 0.35) {
          t += delay(agentDelay / 2);
          push({ type: 'note', at: t, agentId: agent });
          continue;
        } else if (remaining >= 3 && roll < 0.45) {
          t += delay(customerDelay / 2);
          push({ type: 'message', at: t, author: 'customer' });
          continue;
        } else {
          t += delay(agentDelay);
        }
        push({ type: 'message', at: t, author: 'agent', agentId: agent, id: `${index}-r${replies++}` });
        waiting = false;
        continue;
      }
      // Answered and open.
      if (remaining <= 2 || chance(0.35)) {
        t += delay(agentDelay);
        push({ type: 'status', at: t, status: 'resolved', agentId: agent });
        resolved = true;
      } else if (chance(0.2)) {
        t += 1000;
        push({ type: 'status', at: t, status: 'pending', agentId: agent });
        t += delay(customerDelay);
        push({ type: 'message', at: t, author: 'customer' });
        waiting = true;
      } else {
        t += delay(customerDelay);
        push({ type: 'message', at: t, author: 'customer' });
        waiting = true;
      }
    }

    result.push({ id: `c-${index + 1}`, channel: chat ? 'chat' : 'email', createdAt, events });
  }
  return result;
}

export function countEvents(conversations: readonly Conversation[]): number {
  let total = 0;
  for (const conversation of conversations) total += conversation.events.length;
  return total;
}
