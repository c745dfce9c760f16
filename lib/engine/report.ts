/**
 * buildReport: conversations → per-conversation metrics and a summary, in one call (the CLI
 * and the team hub through lib/measure/report.ts, exports and imports). The extension's worker
 * measures one conversation at a time with measureConversation (lib/measure/context.ts).
 */
import { calendarClock, compileCalendar, type CalendarSpec } from './business-clock';
import { measureConversation, type EngineContext } from './conversation';
import { DEFAULT_AT_RISK_SHARE } from './definitions';
import type { Conversation } from './events';
import { getProfile } from './profiles';
import type { TargetsSpec } from './targets';
import { summarize, type Period } from './summary';
import type { ConversationMetrics, ProfileId, Summary } from './types';

export interface ReportOptions {
  profile: ProfileId;
  calendar?: CalendarSpec;
  targets?: TargetsSpec;
  /** Evaluation time for running clocks, epoch ms. */
  now: number;
  period?: Period;
  longWaitSeconds?: number;
}

export interface Report {
  profile: ProfileId;
  conversations: ConversationMetrics[];
  summary: Summary;
}

/** The engine context for a report's options: profile resolved, calendar compiled, defaults applied. */
export function reportContext(options: ReportOptions): EngineContext {
  const business = options.calendar ? compileCalendar(options.calendar) : calendarClock();
  const t = options.targets ?? {};
  const ctx: EngineContext = {
    profile: getProfile(options.profile),
    business,
    calendar: calendarClock(business.timezone),
    targets: {
      // Targets count business time when a calendar is given, calendar time otherwise.
      clock: t.clock ?? (options.calendar ? 'business' : 'calendar'),
      atRiskShare: t.atRiskShare ?? DEFAULT_AT_RISK_SHARE,
      ...(t.firstResponseSeconds !== undefined && { firstResponseSeconds: t.firstResponseSeconds }),
      ...(t.nextResponseSeconds !== undefined && { nextResponseSeconds: t.nextResponseSeconds }),
      ...(t.resolutionSeconds !== undefined && { resolutionSeconds: t.resolutionSeconds }),
    },
    now: options.now,
  };
  if (options.longWaitSeconds !== undefined) ctx.longWaitSeconds = options.longWaitSeconds;
  return ctx;
}

export function buildReport(conversations: readonly Conversation[], options: ReportOptions): Report {
  const ctx = reportContext(options);
  const metrics = conversations.map((c) => measureConversation(c, ctx));
  return { profile: ctx.profile.id, conversations: metrics, summary: summarize(metrics, ctx, options.period) };
}
