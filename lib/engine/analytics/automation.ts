/**
 * Automation: how much a bot or automation settles on its own, and what happens when it cannot.
 *
 *   deflection   = bot-resolved conversations / bot-touched conversations
 *   hand-off rate = handed-off conversations / bot-touched conversations
 *
 * - Bot-touched: a public bot or automation message, or a hand-off event.
 * - Bot-resolved (deflected): resolved now, with no public human reply ever (the engine's
 *   `botResolved`). A customer who comes back and gets a human reply undoes the deflection,
 *   as Gorgias stops counting an automated interaction when the shopper reaches an agent.
 * - CSAT after automation compares the top-2-box share of bot-resolved conversations with
 *   that of conversations a human replied to.
 * - One-touch resolution per channel: the engine's `oneTouch` over resolved conversations.
 *
 * Period: a conversation counts in the period of its creation (one outcome per conversation).
 */
import { aggregate } from '../aggregate';
import { CSAT_SATISFIED_MIN } from '../definitions';
import type { Conversation } from '../events';
import type { Aggregate, ConversationMetrics } from '../types';
import { byId, counted, inPeriod, participation, rate, sortedRecord, type Period, type Rate } from './common';

export interface AutomationInput {
  metrics: readonly ConversationMetrics[];
  conversations: readonly Conversation[];
  period?: Period;
}

export interface AutomationSummary {
  /** Conversations in the period (verified). */
  conversations: number;
  botTouched: number;
  /** Bot-resolved out of bot-touched. */
  deflection: Rate;
  /** Bot-resolved out of every conversation in the period (the "automation share" shown beside costs). */
  automationShare: Rate;
  handoffRate: Rate;
  /** Bot time before the hand-off, seconds (calendar and business). */
  timeToHandoff: { calendar: Aggregate; business: Aggregate };
  csat: {
    automated: Rate;
    humanHandled: Rate;
    /** automated − humanHandled share, null when either has no ratings. */
    difference: number | null;
  };
  /** Per channel ("unknown" when the helpdesk did not say), resolved conversations. */
  oneTouchByChannel: Record<string, Rate>;
  /** The conversation ids behind each count, for drill-down lists. */
  ids: { botTouched: string[]; deflected: string[]; handedOff: string[]; automatedRated: string[]; humanRated: string[] };
}

export function automationSummary(input: AutomationInput): AutomationSummary {
  const conversations = byId(input.conversations);
  const ids: AutomationSummary['ids'] = { botTouched: [], deflected: [], handedOff: [], automatedRated: [], humanRated: [] };
  let total = 0;
  let automatedSatisfied = 0;
  let humanSatisfied = 0;
  const handoffCalendar: number[] = [];
  const handoffBusiness: number[] = [];
  const oneTouch = new Map<string, { count: number; n: number }>();

  for (const m of counted(input.metrics)) {
    if (!inPeriod(m.createdAt, input.period)) continue;
    total++;
    const conversation = conversations.get(m.id);
    const who = conversation ? participation(conversation.events) : null;
    // Without the events, the metrics still tell bot-resolved and hand-off apart.
    const botTouched = who ? who.botTouched : m.botResolved || m.handoff !== null;
    const humanReplied = who ? who.humanReplied : m.firstResponse !== null || m.replies.length > 0;
    if (botTouched) {
      ids.botTouched.push(m.id);
      if (m.botResolved) ids.deflected.push(m.id);
      if (m.handoff !== null || who?.handedOff) ids.handedOff.push(m.id);
    }
    if (m.handoff !== null) {
      handoffCalendar.push(m.handoff.seconds);
      handoffBusiness.push(m.handoff.businessSeconds);
    }
    if (m.csat !== undefined) {
      const satisfied = m.csat >= CSAT_SATISFIED_MIN;
      if (m.botResolved) {
        ids.automatedRated.push(m.id);
        if (satisfied) automatedSatisfied++;
      } else if (humanReplied) {
        ids.humanRated.push(m.id);
        if (satisfied) humanSatisfied++;
      }
    }
    if (m.status === 'resolved') {
      const channel = m.channel ?? 'unknown';
      const entry = oneTouch.get(channel) ?? { count: 0, n: 0 };
      entry.n++;
      if (m.oneTouch) entry.count++;
      oneTouch.set(channel, entry);
    }
  }

  const automated = rate(automatedSatisfied, ids.automatedRated.length);
  const humanHandled = rate(humanSatisfied, ids.humanRated.length);
  return {
    conversations: total,
    botTouched: ids.botTouched.length,
    deflection: rate(ids.deflected.length, ids.botTouched.length),
    automationShare: rate(ids.deflected.length, total),
    handoffRate: rate(ids.handedOff.length, ids.botTouched.length),
    timeToHandoff: { calendar: aggregate(handoffCalendar), business: aggregate(handoffBusiness) },
    csat: {
      automated,
      humanHandled,
      difference: automated.share === null || humanHandled.share === null ? null : automated.share - humanHandled.share,
    },
    oneTouchByChannel: sortedRecord([...oneTouch].map(([channel, e]) => [channel, rate(e.count, e.n)])),
    ids,
  };
}
