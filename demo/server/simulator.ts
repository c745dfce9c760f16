/**
 * Simulated customers, bots and agents. Everything happens through the store's public
 * methods, exactly as the HTTP API would do it, so the simulated history obeys the same rules
 * as a real one (no reply before the customer wrote, times never go backwards).
 *
 * Durations below are "demo minutes": live, they are divided by `speed`, so a 4-minute reply
 * comes after 12 real seconds at speed 20. The initial history is generated in the past at
 * speed 1 with the same rules. A seeded PRNG makes both reproducible.
 */
import type { DeskClock } from './clock.ts';
import {
  AGENT_FOLLOW_UPS,
  BOT_ANSWERS,
  CUSTOMER_AFTER_BOT,
  CUSTOMER_FOLLOW_UPS,
  CUSTOMER_REOPENINGS,
  CUSTOMER_REPLIES,
  FIRST_NAMES,
  LAST_NAMES,
  NOTES,
  TOPICS,
} from './content.ts';
import { Prng } from './prng.ts';
import type { DeskConversation, DeskEvent, DeskStore } from './store.ts';

export type SimAction =
  | 'arrive'
  | 'botAnswer'
  | 'botResolve'
  | 'customerAfterBot'
  | 'assign'
  | 'agentReply'
  | 'customerFollowUp'
  | 'customerReply'
  | 'setPending'
  | 'snooze'
  | 'resolve'
  | 'rate'
  | 'customerReopen';

export interface SimulatorOptions {
  seed?: number;
  /** How many times faster than real life the live simulation runs. */
  speed?: number;
  /** Mean time between new conversations, in demo minutes. */
  arrivalEveryMinutes?: number;
  /** New arrivals pause while this many conversations are open. */
  maxOpenConversations?: number;
}

export interface StepResult {
  action: SimAction;
  conversationId: string | null;
  at: string;
}

export interface SimulatorState {
  running: boolean;
  seed: number;
  speed: number;
  scheduled: number;
  humanAgentIds: string[];
  nextAt: string | null;
}

interface Plan {
  topic: number;
  /** Which opening question of the topic, so that the first answer matches it. */
  variant: number;
  token: number;
  pending: SimAction | null;
  exchanges: number;
  exchangesToResolve: number;
  /** When the agent's reply is due, kept while a customer follow-up comes first. */
  replyDueAt: number | null;
  followUps: number;
  noted: boolean;
  closing: boolean;
  rated: boolean;
  reopened: boolean;
}

interface Entry {
  due: number;
  seq: number;
  conversationId: string | null;
  action: SimAction;
  token: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export class Simulator {
  private rng: Prng;
  private seed: number;
  readonly speed: number;
  private readonly arrivalEveryMinutes: number;
  private readonly maxOpenConversations: number;
  private readonly plans = new Map<string, Plan>();
  private heap: Entry[] = [];
  private seq = 0;
  /** Set while the past is generated: events are stamped with this instant instead of the clock. */
  private virtualNow: number | null = null;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private humanAgentIds = new Set<string>();
  private readonly unsubscribeClock: () => void;

  constructor(
    private readonly store: DeskStore,
    private readonly clock: DeskClock,
    options: SimulatorOptions = {},
  ) {
    this.seed = options.seed ?? 42;
    this.rng = new Prng(this.seed);
    this.speed = options.speed ?? 20;
    if (!(this.speed > 0)) throw new Error('speed must be a positive number');
    this.arrivalEveryMinutes = options.arrivalEveryMinutes ?? 3;
    this.maxOpenConversations = options.maxOpenConversations ?? 150;
    // A clock jump may make actions due at once: look again.
    this.unsubscribeClock = clock.onChange(() => this.reschedule());
  }

  // ——— control

  /** Fills the desk with `count` conversations that happened over the past hours or days, then plans the live ones. */
  generateHistory(count: number): void {
    const now = this.clock.now();
    if (count > 0) {
      const span = Math.min(14 * 24 * HOUR, Math.max(3 * HOUR, count * 6 * MINUTE));
      // A share arrives in the last half hour, so the desk opens with conversations in flight.
      const recent = Math.min(count, Math.max(3, Math.min(40, Math.round(count * 0.2))));
      const arrivals = Array.from({ length: count }, (_, i) =>
        i < recent ? now - 30 * MINUTE + this.rng.next() * 29 * MINUTE : now - span + this.rng.next() * (span - 30 * MINUTE),
      ).sort((a, b) => a - b);
      for (const at of arrivals) this.push({ due: Math.floor(at), conversationId: null, action: 'arrive', token: 0 });
      try {
        for (let entry = this.heap[0]; entry && entry.due <= now; entry = this.heap[0]) {
          this.pop();
          this.virtualNow = entry.due;
          if (this.isCurrent(entry)) this.execute(entry, false);
        }
      } finally {
        this.virtualNow = null;
      }
      // What was still to come happens live, compressed like every live delay.
      const remaining = this.heap;
      this.heap = [];
      for (const entry of remaining) this.push({ ...entry, due: now + Math.ceil((entry.due - now) / this.speed) });
    }
    this.scheduleArrival();
  }

  start(): void {
    this.running = true;
    this.reschedule();
  }

  pause(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  resume(): void {
    this.start();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Runs the next planned action now, whatever time it was planned for. */
  step(): StepResult | null {
    for (let entry = this.pop(); entry; entry = this.pop()) {
      if (!this.isCurrent(entry)) continue;
      const result = this.execute(entry, true);
      this.reschedule();
      return result;
    }
    return null;
  }

  /** Empties the desk and starts again from a seed (the same seed gives the same desk). */
  reset(options: { seed?: number; conversations?: number } = {}): void {
    const wasRunning = this.running;
    this.pause();
    this.heap = [];
    this.plans.clear();
    this.seq = 0;
    this.seed = options.seed ?? this.seed;
    this.rng = new Prng(this.seed);
    this.store.clear();
    this.generateHistory(options.conversations ?? 0);
    if (wasRunning) this.start();
  }

  /** Agents signed in to the page: the simulator leaves their conversations to them. */
  setHumanAgents(ids: Iterable<string>): void {
    const before = this.humanAgentIds;
    this.humanAgentIds = new Set(ids);
    // Conversations of an agent who left wait for a simulated colleague again.
    for (const agentId of before) {
      if (this.humanAgentIds.has(agentId)) continue;
      for (const conversation of this.store.allConversations()) {
        const plan = this.plans.get(conversation.id);
        if (plan && !plan.pending && conversation.derived.assigneeId === agentId && this.isWaiting(conversation)) {
          this.scheduleReply(conversation, plan);
        }
      }
    }
    this.reschedule();
  }

  state(): SimulatorState {
    const next = this.heap[0];
    return {
      running: this.running,
      seed: this.seed,
      speed: this.speed,
      scheduled: this.heap.length,
      humanAgentIds: [...this.humanAgentIds],
      nextAt: next ? new Date(next.due).toISOString() : null,
    };
  }

  dispose(): void {
    this.pause();
    this.unsubscribeClock();
  }

  /**
   * Lets simulated customers respond to what a person did in the page: answer a reply, rate a
   * resolution, wait for a simulated agent after a reassignment.
   */
  noticeHumanEvent(conversationId: string, event: DeskEvent): void {
    const conversation = this.store.conversation(conversationId);
    const plan = this.plans.get(conversationId);
    if (!conversation || !plan || !conversation.simulated) return;
    if (event.type === 'message' && event.author === 'agent') {
      plan.closing = false;
      if (this.rng.chance(0.8)) this.plan(conversationId, plan, 'customerReply', this.rng.logNormal(3, 0.6));
      else this.cancel(plan);
    } else if (event.type === 'message' && event.author === 'customer') {
      this.afterCustomerWrote(conversation, plan);
    } else if (event.type === 'status' && event.status === 'resolved') {
      if (!plan.rated && this.rng.chance(0.6)) this.plan(conversationId, plan, 'rate', this.rng.between(1, 6));
      else this.cancel(plan);
    } else if (event.type === 'assignment' && this.isWaiting(conversation)) {
      this.afterCustomerWrote(conversation, plan);
    }
    this.reschedule();
  }

  // ——— scheduling

  private now(): number {
    return this.virtualNow ?? this.clock.now();
  }

  /** Demo minutes → ms on the clock: compressed live, real length in the generated past. */
  private after(minutes: number): number {
    const ms = minutes * MINUTE;
    return this.now() + Math.max(1, Math.round(this.virtualNow === null ? ms / this.speed : ms));
  }

  private scheduleArrival(): void {
    this.push({ due: this.after(this.rng.exponential(this.arrivalEveryMinutes)), conversationId: null, action: 'arrive', token: 0 });
  }

  private plan(conversationId: string, plan: Plan, action: SimAction, minutes: number, due = this.after(minutes)): void {
    plan.token++;
    plan.pending = action;
    this.push({ due, conversationId, action, token: plan.token });
  }

  private cancel(plan: Plan): void {
    plan.token++;
    plan.pending = null;
  }

  private isCurrent(entry: Entry): boolean {
    if (entry.conversationId === null) return true;
    const plan = this.plans.get(entry.conversationId);
    return plan !== undefined && plan.token === entry.token;
  }

  private reschedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) return;
    const now = this.clock.now();
    // A bounded batch per turn keeps the server responsive even after a big clock jump.
    for (let done = 0; done < 200; done++) {
      const entry = this.heap[0];
      if (!entry || entry.due > now) break;
      this.pop();
      if (this.isCurrent(entry)) this.execute(entry, true);
    }
    const next = this.heap[0];
    // Polling at least once a second follows a frozen or shifted clock without extra wiring.
    const wait = next ? Math.min(1000, Math.max(10, next.due - now)) : 1000;
    this.timer = setTimeout(() => this.reschedule(), wait);
    this.timer.unref?.();
  }

  // ——— what happens

  private execute(entry: Entry, live: boolean): StepResult {
    const at = this.now();
    const result: StepResult = { action: entry.action, conversationId: entry.conversationId, at: new Date(at).toISOString() };
    if (entry.action === 'arrive') {
      result.conversationId = this.arrive(at);
      // The past has its own list of arrivals; live ones follow each other.
      if (live) this.scheduleArrival();
      return result;
    }
    const conversation = this.store.conversation(entry.conversationId!);
    const plan = this.plans.get(entry.conversationId!);
    if (!conversation || !plan) return result;
    plan.pending = null;
    this.act(entry.action, conversation, plan, at);
    return result;
  }

  private arrive(at: number): string | null {
    if (this.virtualNow === null && this.store.counts().open >= this.maxOpenConversations) return null;
    const rng = this.rng;
    const topic = rng.int(0, TOPICS.length - 1);
    const variant = rng.int(0, TOPICS[topic].opening.length - 1);
    const channel = rng.chance(0.65) ? 'chat' : 'email';
    const conversation = this.store.createConversation({
      customerName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      channel,
      body: TOPICS[topic].opening[variant],
      at,
      simulated: true,
    });
    const plan: Plan = {
      topic,
      variant,
      token: 0,
      pending: null,
      exchanges: 0,
      exchangesToResolve: rng.weighted([
        [1, 0.45],
        [2, 0.35],
        [3, 0.2],
      ]),
      replyDueAt: null,
      followUps: 0,
      noted: false,
      closing: false,
      rated: false,
      reopened: false,
    };
    this.plans.set(conversation.id, plan);
    if (channel === 'chat' && rng.chance(0.35)) this.plan(conversation.id, plan, 'botAnswer', rng.between(0.05, 0.4));
    else this.afterCustomerWrote(conversation, plan);
    return conversation.id;
  }

  private act(action: SimAction, conversation: DeskConversation, plan: Plan, at: number): void {
    const rng = this.rng;
    const store = this.store;
    const id = conversation.id;
    const assigneeId = conversation.derived.assigneeId;
    const agentIsSimulated = assigneeId !== null && !this.humanAgentIds.has(assigneeId);
    switch (action) {
      case 'botAnswer':
        store.addMessage(id, { author: 'bot', body: rng.pick(BOT_ANSWERS), at });
        if (rng.chance(0.45)) this.plan(id, plan, 'botResolve', rng.between(0.5, 2));
        else this.plan(id, plan, 'customerAfterBot', rng.between(0.3, 2));
        return;
      case 'botResolve':
        if (conversation.derived.status !== 'open') return;
        store.setStatus(id, { status: 'resolved', at });
        plan.rated = rng.chance(0.3);
        if (plan.rated) this.plan(id, plan, 'rate', rng.between(0.5, 4));
        return;
      case 'customerAfterBot':
        store.addMessage(id, { author: 'customer', body: rng.pick(CUSTOMER_AFTER_BOT), at });
        store.addHandoff(id, { at });
        this.afterCustomerWrote(conversation, plan);
        return;
      case 'assign': {
        if (assigneeId === null) {
          const agentId = this.leastBusyAgent();
          if (!agentId) return;
          store.assign(id, { agentId, at });
        }
        this.afterCustomerWrote(conversation, plan);
        return;
      }
      case 'customerFollowUp':
        if (!this.isWaiting(conversation)) return;
        store.addMessage(id, { author: 'customer', body: rng.pick(CUSTOMER_FOLLOW_UPS), at });
        plan.followUps++;
        if (agentIsSimulated && plan.replyDueAt !== null) this.plan(id, plan, 'agentReply', 0, Math.max(plan.replyDueAt, this.after(0.2)));
        return;
      case 'agentReply': {
        plan.replyDueAt = null;
        if (!agentIsSimulated || !this.isWaiting(conversation)) return;
        if (!plan.noted && rng.chance(0.15)) {
          plan.noted = true;
          store.addMessage(id, { author: 'agent', agentId: assigneeId, body: rng.pick(NOTES), private: true, at });
          this.plan(id, plan, 'agentReply', rng.between(0.3, 1.5));
          return;
        }
        const body = plan.exchanges === 0 ? TOPICS[plan.topic].answer[plan.variant] : rng.pick(AGENT_FOLLOW_UPS);
        store.addMessage(id, { author: 'agent', agentId: assigneeId, body, at });
        plan.exchanges++;
        if (plan.exchanges >= plan.exchangesToResolve) {
          plan.closing = rng.chance(0.5);
          if (plan.closing) this.plan(id, plan, 'customerReply', rng.between(0.5, 4));
          else this.plan(id, plan, 'resolve', rng.between(1, 6));
        } else {
          const next = rng.weighted<SimAction>([
            ['setPending', 0.2],
            ['snooze', 0.05],
            ['resolve', 0.08],
            ['customerReply', 0.67],
          ]);
          if (next === 'resolve') this.plan(id, plan, 'resolve', rng.between(20, 40));
          else if (next === 'customerReply') this.plan(id, plan, 'customerReply', rng.logNormal(3, 0.7));
          else this.plan(id, plan, next, rng.between(0.1, 0.5));
        }
        return;
      }
      case 'setPending':
      case 'snooze':
        if (!agentIsSimulated || conversation.derived.status !== 'open') return;
        store.setStatus(id, { status: action === 'snooze' ? 'snoozed' : 'pending', agentId: assigneeId, at });
        this.plan(id, plan, 'customerReply', rng.between(3, 20));
        return;
      case 'customerReply':
        store.addMessage(id, { author: 'customer', body: rng.pick(CUSTOMER_REPLIES), at });
        if (plan.closing) this.plan(id, plan, 'resolve', rng.between(0.5, 3));
        else this.afterCustomerWrote(conversation, plan);
        return;
      case 'resolve':
        if (!agentIsSimulated || conversation.derived.status === 'resolved') return;
        store.setStatus(id, { status: 'resolved', agentId: assigneeId, at });
        plan.closing = false;
        if (!plan.rated && rng.chance(0.55)) this.plan(id, plan, 'rate', rng.between(1, 10));
        else if (!plan.reopened && rng.chance(0.12)) this.plan(id, plan, 'customerReopen', rng.between(5, 90));
        return;
      case 'rate':
        plan.rated = true;
        store.addRating(id, {
          csat: rng.weighted([
            [5, 0.52],
            [4, 0.28],
            [3, 0.1],
            [2, 0.05],
            [1, 0.05],
          ]),
          at,
        });
        if (!plan.reopened && conversation.derived.assigneeId !== null && rng.chance(0.12)) {
          this.plan(id, plan, 'customerReopen', rng.between(5, 60));
        }
        return;
      case 'customerReopen':
        if (conversation.derived.status !== 'resolved') return;
        plan.reopened = true;
        store.addMessage(id, { author: 'customer', body: rng.pick(CUSTOMER_REOPENINGS), at });
        plan.exchangesToResolve = plan.exchanges + 1;
        this.afterCustomerWrote(conversation, plan);
        return;
      case 'arrive':
        return;
    }
  }

  /** The customer is waiting: get the conversation assigned, then answered (unless a person has it). */
  private afterCustomerWrote(conversation: DeskConversation, plan: Plan): void {
    const assigneeId = conversation.derived.assigneeId;
    if (assigneeId === null) this.plan(conversation.id, plan, 'assign', this.rng.between(0.3, 3));
    else if (!this.humanAgentIds.has(assigneeId)) this.scheduleReply(conversation, plan);
    else this.cancel(plan);
  }

  private scheduleReply(conversation: DeskConversation, plan: Plan): void {
    const minutes = this.rng.logNormal(4, 0.8);
    plan.replyDueAt = this.after(minutes);
    if (minutes > 3 && plan.followUps < 2 && this.rng.chance(0.3)) {
      this.plan(conversation.id, plan, 'customerFollowUp', minutes * this.rng.between(0.4, 0.8));
    } else {
      this.plan(conversation.id, plan, 'agentReply', 0, plan.replyDueAt);
    }
  }

  private isWaiting(conversation: DeskConversation): boolean {
    return conversation.derived.waitingSince !== null && conversation.derived.status !== 'resolved';
  }

  private leastBusyAgent(): string | null {
    const candidates = this.store.agents.filter((agent) => !this.humanAgentIds.has(agent.id));
    if (candidates.length === 0) return null;
    const load = new Map(candidates.map((agent) => [agent.id, 0]));
    for (const conversation of this.store.allConversations()) {
      const assignee = conversation.derived.assigneeId;
      if (assignee !== null && conversation.derived.status !== 'resolved' && load.has(assignee)) {
        load.set(assignee, load.get(assignee)! + 1);
      }
    }
    const lowest = Math.min(...load.values());
    return this.rng.pick(candidates.filter((agent) => load.get(agent.id) === lowest)).id;
  }

  // ——— a binary min-heap by (due, seq)

  private push(entry: Omit<Entry, 'seq'>): void {
    const heap = this.heap;
    heap.push({ ...entry, seq: this.seq++ });
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): Entry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
