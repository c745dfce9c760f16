/**
 * The `replyline.report/1` JSON (lib/export/json.ts) as the hub answers `GET /v1/report`: checked
 * here in the parts the Team view reads (the summary's figures, each conversation's ids, status,
 * targets, handle time and ratings); other fields pass through untouched.
 */
import { z } from 'zod';
import { REPORT_FORMAT, type ReportJson } from '../export/json';

const nullableNumber = z.nullable(z.number());
const aggregateSchema = z.looseObject({
  n: z.number().int().nonnegative(),
  median: nullableNumber,
  p90: nullableNumber,
  mean: nullableNumber,
  min: nullableNumber,
  max: nullableNumber,
});
const durationAggregateSchema = z.looseObject({ calendar: aggregateSchema, business: aggregateSchema });
const hitRateSchema = z.looseObject({ n: z.number().int().nonnegative(), met: z.number().int().nonnegative(), rate: nullableNumber });
const targetJsonSchema = z.looseObject({ state: z.enum(['on_track', 'at_risk', 'breached', 'met', 'missed']) });

export const summaryJsonSchema = z.looseObject({
  conversations: z.number().int().nonnegative(),
  firstResponse: durationAggregateSchema,
  reply: durationAggregateSchema,
  resolution: durationAggregateSchema,
  handleSeconds: aggregateSchema,
  csat: z.looseObject({ n: z.number().int().nonnegative(), score: nullableNumber }),
  targets: z.looseObject({ firstResponse: hitRateSchema, nextResponse: hitRateSchema, resolution: hitRateSchema, all: hitRateSchema }),
});

export const conversationJsonSchema = z.looseObject({
  id: z.string(),
  channel: z.nullable(z.string()),
  createdAt: z.string(),
  status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
  unverified: z.boolean(),
  agentId: z.nullable(z.string()),
  assigneeId: z.nullable(z.string()),
  handleSeconds: z.number(),
  csat: nullableNumber,
  targets: z.looseObject({
    firstResponse: z.nullable(targetJsonSchema),
    nextResponse: z.array(targetJsonSchema),
    resolution: z.nullable(targetJsonSchema),
  }),
});

export const reportJsonSchema = z.looseObject({
  format: z.literal(REPORT_FORMAT),
  profile: z.string(),
  evaluatedAt: z.string(),
  period: z.looseObject({ week: z.nullable(z.string()), from: z.nullable(z.string()), to: z.nullable(z.string()), timezone: z.string() }),
  conversations: z.array(conversationJsonSchema),
  summary: summaryJsonSchema,
});

/** What `GET /v1/report` answers: the CLI's report JSON, checked. */
export type HubReport = ReportJson;

// The schema checks a subset of ReportJson; the client hands on the whole object as ReportJson.
export const reportJsonCheck = reportJsonSchema as unknown as z.ZodType<HubReport>;
