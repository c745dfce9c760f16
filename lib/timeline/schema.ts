/**
 * The versioned timeline format, `replyline.timeline/1`: what the extension exports, what
 * the side panel imports, what the Demo Desk serves as its truth, and what the report CLI
 * reads. Times are ISO 8601 strings with an explicit offset (`Z` or `+01:00`).
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DAY_KEYS, type CalendarSpec } from '../engine/business-clock';
import type { TargetsSpec } from '../engine/targets';

export const TIMELINE_FORMAT = 'replyline.timeline/1';

export { DAY_KEYS, type DayKey } from '../engine/business-clock';

/** An absolute time; a local time without an offset is ambiguous and rejected. */
export const isoInstant = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00Z' });

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time of day "HH:MM" (00:00 to 24:00)');

const window = z.tuple([clockTime, clockTime]).refine(([start, end]) => start !== '24:00' && end > start, {
  error: 'a window must end after it starts (and may end at "24:00")',
});

export const calendarSchema = z.object({
  timezone: z.string().refine((zone) => IANAZone.isValidZone(zone), { error: 'unknown IANA time zone' }),
  week: z.partialRecord(z.enum(DAY_KEYS), z.array(window)).superRefine((week, ctx) => {
    for (const [day, windows] of Object.entries(week)) {
      const sorted = [...(windows ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i][0] < sorted[i - 1][1]) {
          ctx.addIssue({ code: 'custom', path: [day], message: 'windows of one day must not overlap' });
        }
      }
    }
  }),
  holidays: z.array(z.iso.date({ error: 'expected a date "YYYY-MM-DD"' })).optional(),
}) satisfies z.ZodType<CalendarSpec>; // a valid file calendar is a calendar the engine reads

export const targetsSchema = z.object({
  /** `business` counts time on the timeline's calendar (the default when one is given). */
  clock: z.enum(['business', 'calendar']).optional(),
  firstResponseSeconds: z.number().positive().optional(),
  nextResponseSeconds: z.number().positive().optional(),
  resolutionSeconds: z.number().positive().optional(),
  /** Share of a target elapsed from which a running clock is "at risk" (default 0.75). */
  atRiskShare: z.number().gt(0).lt(1).optional(),
}) satisfies z.ZodType<TargetsSpec>;

const agentId = z.string().min(1);

const base = { at: isoInstant, id: z.string().min(1).optional() };

export const eventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...base,
      type: z.literal('message'),
      author: z.enum(['customer', 'agent', 'bot', 'automation']),
      agentId: agentId.optional(),
      public: z.boolean().optional(),
    }),
    z.object({ ...base, type: z.literal('note'), agentId: agentId.optional() }),
    z.object({
      ...base,
      type: z.literal('status'),
      status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
      agentId: agentId.optional(),
    }),
    z.object({ ...base, type: z.literal('handoff'), agentId: agentId.optional() }),
    z.object({ ...base, type: z.literal('assignment'), agentId: agentId.nullable(), teamId: z.string().optional() }),
    z
      .object({
        ...base,
        type: z.literal('rating'),
        csat: z.number().int().min(1).max(5).optional(),
        ces: z.number().int().min(1).max(7).optional(),
        agentId: agentId.optional(),
      })
      .refine((r) => r.csat !== undefined || r.ces !== undefined, { error: 'a rating needs csat (1–5) or ces (1–7)' }),
    z
      .object({
        ...base,
        type: z.literal('activity'),
        until: isoInstant,
        agentId,
        kind: z.enum(['viewing', 'typing']).optional(),
      })
      .refine((a) => Date.parse(a.until) > Date.parse(a.at), { error: 'an activity span must end after it starts', path: ['until'] }),
    z.object({ ...base, type: z.literal('tag'), tag: z.string().min(1), removed: z.boolean().optional() }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'unknown event type' : undefined) },
);

export const conversationSchema = z.object({
  id: z.string().min(1),
  channel: z.string().optional(),
  createdAt: isoInstant,
  customerId: z.string().optional(),
  priority: z.string().optional(),
  tags: z.array(z.string()).optional(),
  unverified: z.boolean().optional(),
  events: z.array(eventSchema),
});

export const timelineSchema = z.object({
  format: z.literal(TIMELINE_FORMAT, { error: `expected "format": "${TIMELINE_FORMAT}"` }),
  /** When the file was made; open clocks in a report are evaluated at this time unless told otherwise. */
  generatedAt: isoInstant.optional(),
  /** Where the data came from (helpdesk id and origin, or "demo-desk"). */
  source: z.object({ helpdesk: z.string(), origin: z.string().optional() }).optional(),
  /** The agent whose export this is, for team merges. */
  agentId: z.string().optional(),
  period: z.object({ from: isoInstant, to: isoInstant }).optional(),
  profile: z.string().optional(),
  calendar: calendarSchema.optional(),
  targets: targetsSchema.optional(),
  conversations: z.array(conversationSchema),
  /** Exports carry their summary for people to read; it is recomputed on import, never trusted. */
  summary: z.unknown().optional(),
});

export type TimelineFile = z.infer<typeof timelineSchema>;
export type TimelineEvent = z.infer<typeof eventSchema>;
export type TimelineConversation = z.infer<typeof conversationSchema>;
