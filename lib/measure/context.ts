/**
 * Settings → the engine's contexts: the business clock, the targets' clock, the context one
 * conversation is measured in and the context summaries are made in. The only place settings
 * meet the engine, for the worker, the side panel, the CLI and the hub alike.
 */
import { measureConversation, type EngineContext } from '../engine/conversation';
import { calendarClock, compileCalendar, type WorkClock } from '../engine/business-clock';
import { getProfile } from '../engine/profiles';
import type { SummaryContext } from '../engine/summary';
import type { Conversation } from '../engine/events';
import type { ConversationMetrics } from '../engine/types';
import { pickTargets, type Settings, type TargetScope } from '../settings/model';

export type MeasureContext = EngineContext;

const clockCache = new Map<string, WorkClock>();

/** The business clock of the settings' calendar (compiled once per distinct calendar). */
export function businessClock(settings: Settings): WorkClock {
  const key = JSON.stringify(settings.calendar);
  let clock = clockCache.get(key);
  if (!clock) {
    try {
      clock = compileCalendar(settings.calendar);
    } catch {
      // An unusable calendar must not stop measuring: fall back to 24/7 in the same zone.
      clock = calendarClock(safeZone(settings.calendar.timezone));
    }
    clockCache.set(key, clock);
  }
  return clock;
}

/** The clock targets are counted on: the business calendar or plain 24/7. */
export function targetClock(settings: Settings): WorkClock {
  return settings.targets.clock === 'business' ? businessClock(settings) : calendarClock(safeZone(settings.calendar.timezone));
}

function safeZone(timezone: string): string {
  try {
    calendarClock(timezone);
    return timezone;
  } catch {
    return 'UTC';
  }
}

/** `scope` (the conversation's channel and priority) selects per-channel/priority targets. */
export function engineContext(settings: Settings, now: number, scope: TargetScope = {}): MeasureContext {
  return {
    profile: getProfile(settings.profile),
    business: businessClock(settings),
    calendar: calendarClock(safeZone(settings.calendar.timezone)),
    targets: pickTargets(settings, scope),
    now,
    ...(settings.longWaitSeconds === undefined ? {} : { longWaitSeconds: settings.longWaitSeconds }),
  };
}

export function measure(conversation: Conversation, settings: Settings, now: number): ConversationMetrics {
  return measureConversation(
    conversation,
    engineContext(settings, now, { channel: conversation.channel, priority: conversation.priority }),
  );
}

/** How summaries group and count under these settings (profile, targets' clock, calendar zone). */
export function summaryContext(settings: Settings): SummaryContext {
  return {
    profile: getProfile(settings.profile),
    targets: { clock: settings.targets.clock },
    business: { timezone: settings.calendar.timezone },
  };
}
