/**
 * The written definition of every metric, in the words the UI and docs/metrics.md show, plus
 * the constants those definitions name (histogram buckets, effort-cue weights, defaults).
 * Per-profile differences come from profiles.ts, each rule with its source.
 */
import { PROFILE_LIST, type Rule } from './profiles';
import type { ProfileId } from './types';

export type MetricId =
  | 'firstResponse'
  | 'handoff'
  | 'nextResponse'
  | 'resolution'
  | 'resolutionFromCreation'
  | 'reopens'
  | 'oneTouch'
  | 'botResolved'
  | 'handleTime'
  | 'csat'
  | 'ces'
  | 'targets'
  | 'waitingSince'
  | 'effort'
  | 'qaScore'
  | 'deflection'
  | 'handoffRate'
  | 'automationCsat'
  | 'oneTouchByChannel'
  | 'outcomes'
  | 'costPerConversation'
  | 'topics'
  | 'risingTopics'
  | 'hourOfWeek'
  | 'repeatContacts'
  | 'qualityAdjustedProductivity'
  | 'agentTrends'
  | 'suggestedTargets'
  | 'breachForecast'
  | 'weeklyReview';

export interface MetricDefinition {
  id: MetricId;
  name: string;
  /** Short label for chips, column heads and chart axes. */
  label: string;
  start: string;
  stop: string;
  exclusions: string;
  /** Calendar time, business time, or both. */
  time: string;
  aggregation: string;
  /** Which period a measurement is counted in (Replyline default; profiles may differ). */
  period: string;
  /** Where a profile defines this metric differently. */
  profiles?: Partial<Record<ProfileId, Rule>>;
}

/** Chat-scale histogram buckets, upper bounds in seconds (null = no upper bound). */
export const HISTOGRAM_BUCKETS: ReadonlyArray<{ label: string; upToSeconds: number | null }> = [
  { label: '<1m', upToSeconds: 60 },
  { label: '1–5m', upToSeconds: 300 },
  { label: '5–15m', upToSeconds: 900 },
  { label: '15–60m', upToSeconds: 3600 },
  { label: '1–4h', upToSeconds: 14_400 },
  { label: '4–8h', upToSeconds: 28_800 },
  { label: '8–24h', upToSeconds: 86_400 },
  { label: '24h+', upToSeconds: null },
];

/** Weights of the transparent effort score: score = Σ weight × cue. */
export const EFFORT_WEIGHTS = {
  /** Each unanswered customer follow-up (the customer had to write again). */
  unansweredFollowUp: 1,
  /** Each reopen (the issue came back). */
  reopen: 2,
  /** Each transfer from one agent to another (the customer may repeat themselves). */
  transfer: 1,
  /** Waiting longer than the long-wait threshold right now. */
  longWait: 2,
} as const;

/** Default long-wait threshold for the effort cue, business seconds. */
export const DEFAULT_LONG_WAIT_SECONDS = 3600;
/** Default share of a target elapsed from which a running clock is at risk. */
export const DEFAULT_AT_RISK_SHARE = 0.75;
/** CSAT: answers at or above this on the 1–5 scale count as satisfied (top-2-box). */
export const CSAT_SATISFIED_MIN = 4;
/** CES 2.0: answers at or above this on the 1–7 scale count as easy. */
export const CES_EASY_MIN = 5;

/** Analytics: a figure from fewer values than this is shown flagged as a small sample. */
export const SMALL_SAMPLE_MIN = 10;
/** Analytics: a conversation is a repeat contact when the same customer wrote within this many days before. */
export const DEFAULT_REPEAT_CONTACT_DAYS = 7;
/** Analytics: a topic is rising when this week's volume is at least this many conversations… */
export const TOPIC_RISING_MIN_VOLUME = 5;
/** …and at least this multiple of last week's. */
export const TOPIC_RISING_RATIO = 1.5;
/** Suggested targets: this percentile of the values of the last SUGGESTED_TARGET_WEEKS complete weeks. */
export const SUGGESTED_TARGET_PERCENTILE = 0.75;
export const SUGGESTED_TARGET_WEEKS = 4;
/** Breach forecast: replies counted over this many calendar minutes before now give the throughput. */
export const FORECAST_THROUGHPUT_WINDOW_MINUTES = 60;
/** Breach forecast: with less working time than this in the window, there is no forecast. */
export const FORECAST_MIN_WORKING_MINUTES = 10;
/** Breach forecast: waits whose target fell due in this many hours before now are the recent history. */
export const FORECAST_HISTORY_HOURS = 4;
/** Breach forecast: fewer comparable recent waits than this and the elapsed-share rule decides. */
export const FORECAST_MIN_COMPARABLE_WAITS = 10;
/** Breach forecast: likely to breach from this estimated probability up, whatever the elapsed share. */
export const FORECAST_LIKELY_PROBABILITY = 0.5;
/** Breach forecast: below this estimated probability, with the queue keeping pace, not likely even past the elapsed share. */
export const FORECAST_UNLIKELY_PROBABILITY = 0.2;
/** Breach forecast fallback: likely to breach once this share of the target has elapsed. */
export const FORECAST_FALLBACK_ELAPSED_SHARE = 0.5;

const AGG =
  'Median and p90 first, with mean, min, max and n beside them. Percentiles interpolate linearly between the closest ranks (numpy’s default), so the median of an even count is the mean of the two middle values; no values give no figure (shown as “—”, never 0).';
const STOP_PERIOD = 'The period of its stop event, in the business calendar’s time zone.';

/** The profile's rule whose text starts with these words (so adding rules never shifts which one a metric shows). */
function profileRule(id: ProfileId, startsWith: string): Rule {
  const rule = PROFILE_LIST.find((p) => p.id === id)?.rules.find((r) => r.text.startsWith(startsWith));
  if (!rule) throw new Error(`missing rule of ${id} starting "${startsWith}"`);
  return rule;
}

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    id: 'firstResponse',
    name: 'First response time',
    label: 'First response',
    start: 'The customer’s first message (Replyline). A conversation an agent started begins its clock at the customer’s first message.',
    stop: 'The first public reply by a human agent.',
    exclusions:
      'Bot and automation messages, private notes and non-public messages never stop it. A conversation resolved before any human reply stops the clock unmeasured; the next customer message starts it again.',
    time: 'Calendar and business seconds; targets count on the targets’ clock.',
    aggregation: AGG,
    period: STOP_PERIOD,
    profiles: {
      zendesk: profileRule('zendesk', 'When an agent creates the ticket'),
      intercom: profileRule('intercom', 'Bot-inbox time is excluded'),
      chatwoot: profileRule('chatwoot', 'First response starts at the last non-human activity'),
      zammad: profileRule('zammad', 'First response runs from ticket creation'),
    },
  },
  {
    id: 'handoff',
    name: 'Bot hand-off time',
    label: 'Hand-off',
    start: 'The customer’s first message (creation when none came first).',
    stop: 'The first hand-off from the bot to humans.',
    exclusions: 'Conversations without a hand-off have no figure.',
    time: 'Calendar and business seconds.',
    aggregation: AGG,
    period: 'The period of the hand-off.',
    profiles: {
      chatwoot: {
        text: 'Bot hand-off time runs from conversation creation to the hand-off.',
        source: 'chatwoot/chatwoot app/listeners/reporting_event_listener.rb (conversation_bot_handoff)',
      },
    },
  },
  {
    id: 'nextResponse',
    name: 'Next response time',
    label: 'Next response',
    start: 'The earliest unanswered customer message after the first response; follow-ups do not restart it.',
    stop: 'The next public reply by a human agent.',
    exclusions:
      'Bot and automation replies, private notes. A resolution ends the wait with no duration; its target is missed if the due time had already passed, and has no result otherwise.',
    time: 'Calendar and business seconds.',
    aggregation: AGG,
    period: STOP_PERIOD,
    profiles: {
      chatwoot: profileRule('chatwoot', 'Reply time (customer waiting time)'),
      zammad: profileRule('zammad', 'Update time keeps the longest'),
      zendesk: profileRule('zendesk', 'Next reply time starts at the oldest'),
    },
  },
  {
    id: 'resolution',
    name: 'Resolution time',
    label: 'Resolution',
    start: 'The start of each open→resolved cycle: creation for the first, the reopen for later ones.',
    stop: 'The change to resolved.',
    exclusions: 'Pending and snoozed time is taken out of business seconds (Replyline).',
    time: 'Calendar and business seconds.',
    aggregation: AGG,
    period: STOP_PERIOD,
    profiles: {
      zendesk: profileRule('zendesk', 'Full resolution time runs'),
      intercom: profileRule('intercom', 'Time to close runs'),
      chatwoot: profileRule('chatwoot', 'Every resolution is measured from conversation creation'),
      zammad: profileRule('zammad', 'Solution time runs from creation'),
    },
  },
  {
    id: 'resolutionFromCreation',
    name: 'Resolution time from creation',
    label: 'Resolution (from creation)',
    start: 'The conversation’s creation.',
    stop: 'Each change to resolved.',
    exclusions: 'As for resolution time.',
    time: 'Calendar and business seconds.',
    aggregation: AGG,
    period: STOP_PERIOD,
  },
  {
    id: 'reopens',
    name: 'Reopens',
    label: 'Reopens',
    start: 'A change away from resolved, or a customer message on a resolved conversation.',
    stop: '—',
    exclusions: '—',
    time: '—',
    aggregation: 'Count; reopen rate = share of resolved conversations reopened at least once.',
    period: 'The period of the conversation’s latest measurement.',
  },
  {
    id: 'oneTouch',
    name: 'One-touch resolution',
    label: 'One-touch',
    start: '—',
    stop: '—',
    exclusions: 'Resolved once, by a single public human reply, never reopened.',
    time: '—',
    aggregation: 'Count and share of resolved conversations.',
    period: 'The period of the resolution.',
    profiles: {
      zendesk: {
        text: 'One-touch messaging tickets: solved, at least one agent reply, no Pending / On-hold, Reopens = 0.',
        source: 'https://support.zendesk.com/hc/en-us/articles/4724624097818',
      },
    },
  },
  {
    id: 'botResolved',
    name: 'Bot-resolved conversations',
    label: 'Bot-resolved',
    start: '—',
    stop: '—',
    exclusions: 'Resolved with no human reply at all, after a bot or automation replied.',
    time: '—',
    aggregation: 'Count.',
    period: 'The period of the resolution.',
  },
  {
    id: 'handleTime',
    name: 'Active handle time',
    label: 'Handle time',
    start: 'Each activity span: an agent viewing or typing in the conversation.',
    stop: 'The span’s end; idle time is already excluded when captured.',
    exclusions:
      'Overlapping spans of the same agent count once. Activity while the conversation is resolved does not count (a span running at the resolution ends there; the conversation left open in a tab after Resolve adds nothing until it reopens).',
    time: 'Calendar seconds.',
    aggregation: AGG,
    period: 'The conversations counted in the period.',
  },
  {
    id: 'csat',
    name: 'Customer satisfaction (CSAT)',
    label: 'CSAT',
    start: '—',
    stop: 'The customer’s latest rating on 1–5.',
    exclusions: 'Conversations without a rating.',
    time: '—',
    aggregation: 'Share of 4 and 5 answers (top-2-box), with n.',
    period: 'The period of the rating.',
    profiles: { zendesk: profileRule('zendesk', 'Satisfaction is good / bad'), chatwoot: profileRule('chatwoot', 'CSAT score') },
  },
  {
    id: 'ces',
    name: 'Customer effort score (CES 2.0)',
    label: 'CES',
    start: '—',
    stop: 'The customer’s latest answer on 1–7 to “made it easy for me to handle my issue”.',
    exclusions: 'Conversations without an answer.',
    time: '—',
    aggregation: 'Mean and share of 5–7 answers, with n.',
    period: 'The period of the answer.',
  },
  {
    id: 'targets',
    name: 'Target (SLA) results',
    label: 'Targets',
    start: 'The clock’s own start (first response, next response or resolution).',
    stop: 'The reply or resolution that stops it.',
    // A wait that a resolution ends without a reply (first or next response): Replyline counts
    // it missed when the due time had passed before the resolution, and gives no result
    // otherwise. The customer did wait past the target without an answer, and resolving does
    // not undo that; but a conversation closed in time with nothing left to answer is neither
    // a reply in time nor a breach. Chatwoot's SLA evaluation and Zammad's escalations end up
    // the same way (profiles.ts), so no profile differs here.
    exclusions: 'A wait ended by a resolution without a reply has no result unless the due time had already passed (then missed).',
    time: 'Business time on the calendar when one is configured, else calendar time; paused statuses push the due time out. A calendar with no working window on any day: as the profile says (Replyline: calendar time).',
    aggregation:
      'States: on track → at risk (a share of the target elapsed, 0.75 by default) → breached while running past due; met when stopped at or before the due time, missed after it. Hit rate = met / (met + missed + breached).',
    period: 'The period of the stop event (the due time for a breached running clock).',
  },
  {
    id: 'waitingSince',
    name: 'Waiting since',
    label: 'Waiting',
    start: 'The earliest unanswered customer message.',
    stop: 'A public human reply, or a resolution.',
    exclusions: 'Customer follow-ups do not move it.',
    time: 'Shown as elapsed business and calendar time.',
    aggregation: 'Live view: longest wait.',
    period: 'Now.',
  },
  {
    id: 'effort',
    name: 'Effort score',
    label: 'Effort',
    start: '—',
    stop: '—',
    exclusions: '—',
    time: 'The long-wait cue counts business time.',
    aggregation: `Sum of weighted cues: ${EFFORT_WEIGHTS.unansweredFollowUp} per unanswered follow-up, ${EFFORT_WEIGHTS.reopen} per reopen, ${EFFORT_WEIGHTS.transfer} per transfer between agents, ${EFFORT_WEIGHTS.longWait} for waiting longer than the long-wait threshold (${DEFAULT_LONG_WAIT_SECONDS / 60} min by default). Cues follow Gartner’s effort drivers: repeat contacts, transfers, repeating information.`,
    period: 'Now.',
  },
  {
    id: 'qaScore',
    name: 'Quality checklist score',
    label: 'QA',
    start: '—',
    stop: 'The latest answers of the conversation’s review (pass, fail or N/A per checklist item).',
    exclusions:
      'Items marked N/A and items not answered yet leave both sums: a half-filled list scores the answered items, shown with how many of the items are answered. Nothing answered, or every answer N/A, gives no score (shown as “—”, never 0).',
    time: '—',
    aggregation:
      'Σ weight × pass / Σ weight over the items answered pass or fail, 0–100 %. Any failed critical item sets the review to 0 (Zendesk QA: a critical category below 50 % sets the review to 0; MaestroQA: auto-fail). Greeting, the customer’s name, a closing and an answered question can be pre-ticked from checks of the reply draft made inside the page; the draft itself is never stored.',
    period: 'The time of the latest review.',
  },
  {
    id: 'deflection',
    name: 'Automation deflection',
    label: 'Deflection',
    start: 'A bot or automation takes part: a public bot or automation message, or a hand-off from a bot.',
    stop: 'The conversation is resolved with no public human reply at all (bot-resolved).',
    exclusions:
      'A customer who comes back and gets a human reply undoes the deflection (Gorgias stops counting an automated interaction when the shopper reaches an agent). Unverified conversations.',
    time: '—',
    aggregation: `Bot-resolved ÷ bot-touched conversations, with n; fewer than ${SMALL_SAMPLE_MIN} conversations are flagged as a small sample. Beside costs, the automation share: bot-resolved ÷ all conversations. (Intercom Fin: automation rate = involvement × resolution rate.)`,
    period: 'The period of the conversation’s creation.',
  },
  {
    id: 'handoffRate',
    name: 'Hand-off rate',
    label: 'Hand-off rate',
    start: 'A bot or automation takes part.',
    stop: 'A hand-off from the bot to humans.',
    exclusions: 'Conversations no bot touched.',
    time: 'Time to hand-off: calendar and business seconds from the customer’s first message to the first hand-off.',
    aggregation: `Handed-off ÷ bot-touched conversations, with n; time to hand-off as median and p90 with mean and n.`,
    period: 'The period of the conversation’s creation.',
  },
  {
    id: 'automationCsat',
    name: 'CSAT after automation vs human',
    label: 'CSAT: bot vs human',
    start: '—',
    stop: 'The customer’s latest rating on 1–5.',
    exclusions: 'Conversations without a rating; rated conversations that neither a bot resolved nor a human replied to.',
    time: '—',
    aggregation: `Top-2-box share (${CSAT_SATISFIED_MIN}–5) of bot-resolved conversations beside that of conversations a human replied to, each with n, and the difference.`,
    period: 'The period of the conversation’s creation.',
  },
  {
    id: 'oneTouchByChannel',
    name: 'One-touch resolution by channel',
    label: 'One-touch by channel',
    start: '—',
    stop: '—',
    exclusions: 'Resolved once, by a single public human reply, never reopened; conversations without a channel are grouped as “unknown”.',
    time: '—',
    aggregation: 'Count and share of resolved conversations, per channel, with n.',
    period: 'The period of the conversation’s creation.',
  },
  {
    id: 'outcomes',
    name: 'Outcome tags',
    label: 'Outcomes',
    start:
      'An outcome tag set in the side panel (retention, renewal, upsell, churn risk), or a helpdesk tag or label with an outcome’s name (“churn risk”, “Churn_Risk” and “churn-risk” are one) or a configured alias.',
    stop: '—',
    exclusions: 'A conversation counts once per outcome whatever the number of sources; a tag removed in the helpdesk no longer counts.',
    time: '—',
    aggregation:
      'Count, and share of the conversations in the same scope (all, per agent, per ISO week). The agent is the one who set the outcome, else the conversation’s credited agent.',
    period: 'The period of the conversation’s creation.',
  },
  {
    id: 'costPerConversation',
    name: 'Cost per conversation',
    label: 'Cost',
    start: 'Active handle time (see Active handle time).',
    stop: '—',
    exclusions: 'Conversations without handle time have an unknown cost: left out and counted apart, never as free.',
    time: 'Calendar seconds of active handle time.',
    aggregation:
      'Handle hours × the hourly cost set in Settings, per conversation: median and p90 with mean and n, and the total; shown beside the automation share. The weekly value summary lists per ISO week the conversations, resolved, automation share, outcomes, handle hours, cost and CSAT.',
    period: 'The period of the conversation’s creation.',
  },
  {
    id: 'topics',
    name: 'Topics',
    label: 'Topics',
    start:
      'The helpdesk’s own tags or labels on the conversation (its tags plus tag events; a removal takes a tag away). Never message text.',
    stop: '—',
    exclusions: 'Tags configured as not topics; unverified conversations. A conversation with several tags counts in each.',
    time: 'As each figure’s own definition.',
    aggregation: `Per topic: volume (conversations created in the period), and first response, resolution, reopen rate and CSAT with the same definitions as everywhere; fewer than ${SMALL_SAMPLE_MIN} conversations are flagged as a small sample.`,
    period: 'Volume: the conversation’s creation. Other figures: as their own definitions (stop event).',
  },
  {
    id: 'risingTopics',
    name: 'Rising topics',
    label: 'Rising',
    start: '—',
    stop: '—',
    exclusions: `Topics with fewer than ${TOPIC_RISING_MIN_VOLUME} conversations this week.`,
    time: '—',
    aggregation: `Rising when this week’s volume is at least ${TOPIC_RISING_MIN_VOLUME} and at least ${TOPIC_RISING_RATIO} × last week’s; sorted by the increase.`,
    period: 'ISO weeks of the conversation’s creation, in the calendar’s time zone.',
  },
  {
    id: 'hourOfWeek',
    name: 'Hour-of-week volume',
    label: 'Hour of week',
    start: 'The conversation’s creation.',
    stop: '—',
    exclusions: 'Unverified conversations.',
    time: 'Local wall-clock hour in the calendar’s time zone (Monday 00:00 = 0 … Sunday 23:00 = 167).',
    aggregation: 'Count per hour of the week.',
    period: 'The period of the conversation’s creation.',
  },
  {
    id: 'repeatContacts',
    name: 'Repeat contacts',
    label: 'Repeat contacts',
    start: 'A conversation is created.',
    stop: '—',
    exclusions: `Conversations without a customer id. A repeat contact is a conversation whose customer (same customer id) had another conversation created within the previous ${DEFAULT_REPEAT_CONTACT_DAYS} days (configurable).`,
    time: 'Calendar days.',
    aggregation:
      'Repeat contacts ÷ conversations with a customer id, with n, and the list of pairs (conversation, previous conversation, gap).',
    period: 'The period of the (later) conversation’s creation.',
  },
  {
    id: 'qualityAdjustedProductivity',
    name: 'Quality-adjusted productivity',
    label: 'Quality-adjusted',
    start: '—',
    stop: '—',
    exclusions: 'Reviews with no score (every item N/A). An agent with no scored review has no figure (never 0).',
    time: '—',
    aggregation: `Conversations resolved × mean QA score (0–1) of the agent’s reviews: 20 resolved at a mean of 0.9 give 18. Resolved: the latest resolution is credited to the agent and falls in the period. A review belongs to the reviewed conversation’s credited agent. Fewer than ${SMALL_SAMPLE_MIN} reviews are flagged as a small sample.`,
    period: 'Resolutions: the period of the latest resolution. Reviews: the period of the review.',
  },
  {
    id: 'agentTrends',
    name: 'Agent trends',
    label: 'Trends',
    start: '—',
    stop: '—',
    exclusions: 'Unverified conversations.',
    time: '—',
    aggregation: `Per agent and ISO week: resolution rate (the agent’s conversations created that week that are resolved now ÷ all of them), mean QA score of the week’s reviews, CSAT (top-2-box) of the week’s ratings; each with n, fewer than ${SMALL_SAMPLE_MIN} flagged as a small sample.`,
    period: 'ISO weeks in the calendar’s time zone.',
  },
  {
    id: 'suggestedTargets',
    name: 'Suggested targets',
    label: 'Suggested target',
    start: 'As the metric’s own definition (first response, next response, resolution).',
    stop: 'As the metric’s own definition.',
    exclusions: 'Unverified conversations; values outside the weeks used.',
    time: 'The targets’ clock: business seconds with a calendar, else calendar seconds.',
    aggregation: `The p${SUGGESTED_TARGET_PERCENTILE * 100} of the values of the last ${SUGGESTED_TARGET_WEEKS} complete ISO weeks, rounded up to whole minutes (at least one), per metric and per channel and for all channels, shown with the data behind it: n, p50, p75, p90, the weeks used and the current target. Reaching p75 means three conversations in four already meet it. Fewer than ${SMALL_SAMPLE_MIN} values are flagged as a small sample.`,
    period: 'The period of each value’s stop event.',
  },
  {
    id: 'breachForecast',
    name: 'Breach forecast',
    label: 'Forecast',
    start: 'A customer is waiting and a response target is running (first or next response).',
    stop: 'The forecast is remade at every refresh; it ends with the reply, the resolution or the breach.',
    exclusions: `Conversations already past due are breached, not forecast. Fewer than ${FORECAST_MIN_WORKING_MINUTES} working minutes in the last ${FORECAST_THROUGHPUT_WINDOW_MINUTES}: no forecast.`,
    time: 'Business time on the calendar: closed hours count neither toward the elapsed share nor toward the expected reply.',
    aggregation: `Elapsed share = working time the customer has waited ÷ the target’s working time. Breach probability = of the team’s waits on the same clock (first or next response) whose target fell due in the last ${FORECAST_HISTORY_HOURS} hours and that lasted at least as long a share, the share that breached; the conversation’s channel alone when it has at least ${FORECAST_MIN_COMPARABLE_WAITS} such waits. Expected reply = now + queue position ÷ throughput working minutes on the business calendar (throughput = human replies that ended a wait in the last ${FORECAST_THROUGHPUT_WINDOW_MINUTES} minutes ÷ working minutes in them; position 1 = the longest-waiting conversation; no reply at all: no expected reply). Likely to breach when the breach probability is at least ${FORECAST_LIKELY_PROBABILITY * 100} %, or when ${FORECAST_FALLBACK_ELAPSED_SHARE * 100} % of the target has elapsed unless the probability is under ${FORECAST_UNLIKELY_PROBABILITY * 100} % and the expected reply comes by the due time. Fewer than ${FORECAST_MIN_COMPARABLE_WAITS} comparable waits: likely to breach once ${FORECAST_FALLBACK_ELAPSED_SHARE * 100} % of the target has elapsed. “Likely to breach in ~12 min” counts to the due time. Its precision, recall and F1 on the held-out half of the Demo Desk’s simulated history, beside the “elapsed ≥ 50 % of the target” rule alone, are printed by npm run bench -- forecast.`,
    period: 'Now.',
  },
  {
    id: 'weeklyReview',
    name: 'Weekly review',
    label: 'Weekly review',
    start: '—',
    stop: '—',
    exclusions: 'As each metric’s own definition.',
    time: 'Durations on the targets’ clock.',
    aggregation: `For an ISO week, every headline metric (conversations, first response, next response and resolution medians, target hit rate, CSAT, reopen rate, one-touch share, deflection, QA score, handle time median) against the week before (change, relative change, better or worse) and against its target, with the conversation ids behind each number. What moved most: the largest relative changes, leaving out metrics with fewer than ${SMALL_SAMPLE_MIN} values in either week.`,
    period: 'ISO weeks in the calendar’s time zone; each figure as its own definition.',
  },
];

export interface ProfileDefinition {
  id: ProfileId;
  name: string;
  summary: string;
  rules: Rule[];
}

/** Every profile with its written rules and sources, for the settings screen and the docs. */
export const PROFILES: readonly ProfileDefinition[] = PROFILE_LIST.map((p) => ({
  id: p.id,
  name: p.name,
  summary: p.summary,
  rules: p.rules,
}));
