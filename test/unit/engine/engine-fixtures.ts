/** Shared builders for engine tests: ISO times in, epoch ms out. */
import { calendarClock, compileCalendar } from '../../../lib/engine/business-clock';
import type { EngineContext } from '../../../lib/engine/conversation';
import type { Conversation, ConversationEvent } from '../../../lib/engine/events';
import { getProfile } from '../../../lib/engine/profiles';
import type { ProfileId } from '../../../lib/engine/types';
import type { CalendarSpec } from '../../../lib/engine/business-clock';

export const ms = (iso: string): number => Date.parse(iso);

type Ev = ConversationEvent extends infer E
  ? E extends { at: number; until?: number }
    ? Omit<E, 'at' | 'until'> & { at: string; until?: string }
    : never
  : never;

export function conv(createdAt: string, events: Ev[], extra: Partial<Conversation> = {}): Conversation {
  return {
    id: extra.id ?? 'c-1',
    createdAt: ms(createdAt),
    events: events.map((e) => ({ ...e, at: ms(e.at), ...(e.until !== undefined ? { until: ms(e.until) } : {}) }) as ConversationEvent),
    ...extra,
  };
}

/** The brief's calendar: Europe/Berlin, Monday 09–17, Tuesday 09–12 and 13–17. */
export const BERLIN: CalendarSpec = {
  timezone: 'Europe/Berlin',
  week: {
    mon: [['09:00', '17:00']],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
  },
};

export function context(
  profile: ProfileId,
  opts: { calendar?: CalendarSpec; now: string; targets?: Partial<EngineContext['targets']>; longWaitSeconds?: number },
): EngineContext {
  const business = opts.calendar ? compileCalendar(opts.calendar) : calendarClock();
  return {
    profile: getProfile(profile),
    business,
    calendar: calendarClock(business.timezone),
    targets: { clock: opts.calendar ? 'business' : 'calendar', atRiskShare: 0.75, ...opts.targets },
    now: ms(opts.now),
    ...(opts.longWaitSeconds !== undefined ? { longWaitSeconds: opts.longWaitSeconds } : {}),
  };
}
