/**
 * Definition profiles: each helpdesk's own rules for the same metric names, as data.
 *
 * The engine reads only these fields; it has no `if (profile.id === ...)` anywhere, so a
 * difference between two tools is always a difference in one of the fields below, and every
 * field is backed by a rule with its source.
 */
import type { ConversationStatus } from './events';
import type { ProfileId } from './types';
import type { Landing } from './business-clock';

export interface Rule {
  /** The rule in plain words (shown in the UI and in docs/metrics.md). */
  text: string;
  /** Where it comes from: a URL or `owner/repo path`; "Replyline design" for our own choices. */
  source: string;
}

export interface Profile {
  id: ProfileId;
  name: string;
  /** One sentence for the settings screen. */
  summary: string;
  firstResponse: {
    /**
     * What starts the clock:
     * - `creation`: the conversation's creation time;
     * - `first-customer-message`: the customer's first message (creation if none);
     * - `last-non-human-activity`: the latest hand-off or change to "open" before the reply,
     *   else the last bot resolution, else creation (Chatwoot).
     */
    start: 'creation' | 'first-customer-message' | 'last-non-human-activity';
    /** `excluded`: a later hand-off moves the start to the hand-off (bot time not counted). */
    botTime: 'included' | 'excluded';
    /**
     * `second-agent-comment`: when an agent opened the conversation with a public message (no
     * customer message before it), the clock stops at the second public agent message (Zendesk).
     */
    agentCreated: 'first-reply' | 'second-agent-comment';
    /**
     * A resolution before any human reply ends the wait: the next customer message starts the
     * first-response clock again (Replyline). Otherwise the start rule alone decides.
     */
    resolutionResets: boolean;
  };
  /** Bot time before the hand-off is measured from creation or from the customer's first message. */
  handoff: { start: 'creation' | 'first-customer-message' };
  nextResponse: {
    /**
     * Which figures the profile reports: `every` reply wait, or only the `longest` wait per
     * conversation (Zammad `update_in_min`).
     */
    statistic: 'every' | 'longest';
    /**
     * The wait before the first response is an update wait too: its segment competes for the longest
     * wait and the next-response (update) target runs from the first customer contact (Zammad).
     */
    includeFirstResponse: boolean;
    /** A bot or automation reply ends the customer's wait without a measurement (Chatwoot). */
    botReplyClearsWait: boolean;
  };
  resolution: {
    /**
     * Which resolution figures the profile reports:
     * - `per-cycle`: every open→resolved cycle, from the cycle's start;
     * - `each-from-creation`: every resolution, each from creation (Chatwoot);
     * - `first-from-creation`: the first resolution from creation (Zammad `close_in_min`);
     * - `last-from-creation`: the latest resolution from creation (Zendesk full resolution);
     * - `first-message-to-last-close`: first customer message → last close (Intercom).
     */
    figure: 'per-cycle' | 'each-from-creation' | 'first-from-creation' | 'last-from-creation' | 'first-message-to-last-close';
  };
  /**
   * Statuses whose time is taken out of business seconds and pushes deadlines out. `minutes`:
   * a pause starts and ends at the whole minute of its status changes (Zammad writes its breaks
   * as "HH:MM"); otherwise at the exact instants.
   */
  pauses: { response: ConversationStatus[]; resolution: ConversationStatus[]; minutes?: true };
  /** A business-time deadline that ends exactly at closing time is due at the window end, or at the next opening. */
  deadlineLanding: Landing;
  /**
   * What a business calendar with no working window on any day means (valid input: every day
   * unticked). `businessSeconds`: `zero` (no working time ever passes) or `wall-clock` (the
   * calendar is treated as absent, business seconds equal calendar seconds). `targets` on the
   * business clock: counted on the `wall-clock`, or `none` (no due time, no target result).
   */
  emptyCalendar: { businessSeconds: 'zero' | 'wall-clock'; targets: 'wall-clock' | 'none' };
  /** The figure the helpdesk shows first; the summary always carries n, median, p90, mean, min, max. */
  aggregation: 'median' | 'mean';
  csat: { rule: 'top-2-box' | 'good-bad' };
  /** Which period a measurement belongs to: its stop event's, or the conversation's start. */
  period: 'stop-event' | 'conversation-start';
  rules: Rule[];
}

const CW = 'chatwoot/chatwoot';
const ZM = 'zammad/zammad';

export const REPLYLINE: Profile = {
  id: 'replyline',
  name: 'Replyline',
  summary:
    'Waits as the customer lives them: from the customer’s message to a human’s public reply, bot time included (the hand-off shown as its own figure); medians and p90 first.',
  firstResponse: { start: 'first-customer-message', botTime: 'included', agentCreated: 'first-reply', resolutionResets: true },
  handoff: { start: 'first-customer-message' },
  nextResponse: { statistic: 'every', includeFirstResponse: false, botReplyClearsWait: false },
  resolution: { figure: 'per-cycle' },
  pauses: { response: [], resolution: ['pending', 'snoozed'] },
  deadlineLanding: 'window-end',
  emptyCalendar: { businessSeconds: 'wall-clock', targets: 'wall-clock' },
  aggregation: 'median',
  csat: { rule: 'top-2-box' },
  period: 'stop-event',
  rules: [
    {
      text: 'First response starts at the customer’s first message and stops at the first public reply by a human agent. Bot and automation messages, private notes and non-public messages never stop it.',
      source: 'Replyline design',
    },
    {
      text: 'Bot time is included in first response: the customer was waiting for a person. The bot’s share (first customer message → hand-off) is reported as its own figure, “hand-off”.',
      source: 'Replyline design',
    },
    {
      text: 'An agent message sent before the customer ever wrote is outreach, not a response: first response then starts at the customer’s first message.',
      source: 'Replyline design',
    },
    {
      text: 'Next response starts at the earliest unanswered customer message and stops at the next public human reply; customer follow-ups do not restart it.',
      source:
        'Replyline design; same rule as Chatwoot waiting_since (chatwoot/chatwoot app/models/message.rb) and Zendesk NRT (https://support.zendesk.com/hc/en-us/articles/4408829459866)',
    },
    {
      text: 'Resolving a conversation stops the response clocks: nobody is waiting on a resolved conversation. A reopen starts a new reply clock only when the customer writes again (a customer message on a resolved conversation reopens it).',
      source: 'Replyline design',
    },
    {
      text: 'Resolution is measured per open→resolved cycle (from creation or from the reopen) and, beside it, from creation.',
      source: 'Replyline design',
    },
    {
      text: 'Pending and snoozed time (waiting on the customer) is taken out of resolution business time; response clocks never pause.',
      source: 'Replyline design',
    },
    {
      text: 'A business-time deadline that ends exactly at closing time is due at that closing time (the customer has had all the working time the target promised), as in Chatwoot’s SLA business-hours service.',
      source:
        'Replyline design; chatwoot/chatwoot enterprise/app/services/sla/business_hours_service.rb (remaining ≤ available stays on the same day)',
    },
    {
      text: 'A business calendar with no working window on any day is read as “no business hours”: business seconds equal calendar seconds and targets count calendar time. Zero working time everywhere would show every business figure as 0 and every target as never due, numbers nobody could explain.',
      source:
        'Replyline design; as Chatwoot’s SLA deadlines (chatwoot/chatwoot enterprise/app/services/sla/business_hours_service.rb should_apply_business_hours?)',
    },
    {
      text: 'A wait that a resolution ends without a reply (first or next response) has no target result unless its due time had already passed: then it is a miss. Resolving does not undo a breach, and closing a conversation before its due time is not a reply in time.',
      source: 'Replyline design; the same outcome as Chatwoot’s SLA evaluation and Zammad’s escalations (see those profiles)',
    },
    {
      text: 'Aggregates show the median and p90 first, with mean and n beside them. Each measurement belongs to the period of its stop event (reply, resolution, rating) in the calendar’s time zone.',
      source: 'Replyline design',
    },
    {
      text: 'CSAT is the share of 4 and 5 answers on a 1–5 scale; CES is the mean and the share of 5–7 answers on the 7-point CES 2.0 scale.',
      source:
        'https://youropinion.is/en/docs/calculators/csat; https://support.nicereply.com/article/244-what-is-customer-effort-score-ces',
    },
  ],
};

export const ZENDESK: Profile = {
  id: 'zendesk',
  name: 'Zendesk',
  summary:
    'Zendesk’s ticket metrics: first reply from ticket creation, full resolution to the latest solve, agent work time pausing in pending and on-hold.',
  firstResponse: { start: 'creation', botTime: 'included', agentCreated: 'second-agent-comment', resolutionResets: false },
  handoff: { start: 'creation' },
  nextResponse: { statistic: 'every', includeFirstResponse: false, botReplyClearsWait: false },
  resolution: { figure: 'last-from-creation' },
  pauses: { response: [], resolution: ['pending', 'snoozed', 'resolved'] },
  deadlineLanding: 'window-end',
  emptyCalendar: { businessSeconds: 'wall-clock', targets: 'wall-clock' },
  aggregation: 'median',
  csat: { rule: 'good-bad' },
  period: 'stop-event',
  rules: [
    {
      text: 'First reply time runs from ticket creation to the first public agent comment. Automated or bot actions are not replies, so bot time stays inside the figure.',
      source: 'https://support.zendesk.com/hc/en-us/articles/4408821871642',
    },
    {
      text: 'When an agent creates the ticket, first reply time stops at the second public agent comment.',
      source: 'https://support.zendesk.com/hc/en-us/articles/4408834848154',
    },
    {
      text: 'Next reply time starts at the oldest unanswered end-user comment and stops at the next public agent reply.',
      source: 'https://support.zendesk.com/hc/en-us/articles/4408829459866',
    },
    {
      text: 'Full resolution time runs from creation to the latest Solved; first resolution to the first Solved (reported beside it, from creation).',
      source: 'https://support.zendesk.com/hc/en-us/articles/4408834848154',
    },
    {
      text: 'Resolution business time follows agent work time, which counts only New and Open: it pauses in Pending, On-hold (mapped to the snoozed status) and Solved. Calendar seconds are the plain full resolution time. Reply-time clocks do not pause.',
      source: 'https://handbook.gitlab.com/handbook/security/customer-support-operations/zendesk/metrics-definitions',
    },
    {
      text: 'A business-hours deadline ending exactly at closing time is due at closing time: Zendesk’s own business-time library, biz, ends a duration at the end of the period that completes it.',
      source: 'zendesk/biz lib/biz/calculation/for_duration.rb (vendored in zammad/zammad vendor/bundle/ruby/2.4.0/gems/biz-1.7.0)',
    },
    {
      text: 'A schedule with no business hours at all and a reply wait that a solve ends without a reply are not documented; Replyline’s rules apply (no business hours: calendar time; an unanswered wait is missed only if it was already past due).',
      source: 'Replyline design',
    },
    {
      text: 'Explore reports let you pick the aggregator; Replyline shows the median first, mean beside it. Zendesk’s benchmark is the median of account means.',
      source: 'https://support.zendesk.com/hc/en-us/articles/4408886231066',
    },
    {
      text: 'Satisfaction is good / bad: on a 1–5 scale 4–5 count as good, 1–3 as bad; score = good / (good + bad).',
      source: 'https://www.eesel.ai/blog/zendesk-csat-good-vs-bad-rating',
    },
    {
      text: 'Measurements belong to the period of the event that completes them (reply, solve, rating).',
      source: 'https://support.zendesk.com/hc/en-us/articles/4408834848154',
    },
  ],
};

export const INTERCOM: Profile = {
  id: 'intercom',
  name: 'Intercom',
  summary:
    'Intercom’s reports: first response from the customer’s first message with bot-inbox time excluded, time to close to the last close, medians, filtered by conversation start.',
  firstResponse: { start: 'first-customer-message', botTime: 'excluded', agentCreated: 'first-reply', resolutionResets: false },
  handoff: { start: 'first-customer-message' },
  nextResponse: { statistic: 'every', includeFirstResponse: false, botReplyClearsWait: false },
  resolution: { figure: 'first-message-to-last-close' },
  pauses: { response: [], resolution: [] },
  deadlineLanding: 'window-end',
  emptyCalendar: { businessSeconds: 'wall-clock', targets: 'wall-clock' },
  aggregation: 'median',
  csat: { rule: 'top-2-box' },
  period: 'conversation-start',
  rules: [
    {
      text: 'First response time runs from the customer’s first message to the first reply by a human teammate (operator and other bots excluded).',
      source: 'https://intercom.com/help/en/articles/6762778-reporting-metrics-for-rest-api-and-csv-exports',
    },
    {
      text: 'Bot-inbox time is excluded (report filter “Bot Inbox times excluded”): after a hand-off the clock starts at the hand-off.',
      source:
        'https://forum.intercom.com/s/question/0D55c00006JfaAOCAZ/how-is-median-first-response-time-calculated; https://intercom.com/help/en/articles/5784131-real-time-dashboard',
    },
    {
      text: 'Response time covers every teammate reply that follows a customer message (median_time_to_reply).',
      source: 'https://developers.intercom.com/docs/references/2.15/rest-api/api.intercom.io/models/conversation_statistics',
    },
    {
      text: 'Time to close runs from the customer’s first message to the last close; reopens extend it.',
      source: 'https://www.intercom.com/help/en/articles/3653556',
    },
    {
      text: 'No status pauses the report clocks (handling time excludes snoozed time, but it is a different metric).',
      source: 'https://www.intercom.com/help/en/articles/7022438-reporting-metrics-attributes',
    },
    {
      text: 'Office-hours deadline landing exactly on closing time is not documented; Replyline uses the closing time.',
      source: 'https://www.intercom.com/help/en/articles/9263617-slas-and-office-hours',
    },
    {
      text: 'Office hours with no open day and a wait that a close ends without a reply are not documented; Replyline’s rules apply (no office hours: calendar time; an unanswered wait is missed only if it was already past due).',
      source: 'Replyline design',
    },
    {
      text: 'The default aggregation is the median; average, min and max can be chosen.',
      source: 'https://www.intercom.com/help/en/articles/3653556',
    },
    {
      text: 'Report charts are filtered by the date the conversation started, so a response can fall after the period it is counted in.',
      source: 'https://www.intercom.com/help/en/articles/3653556',
    },
    {
      text: 'CSAT on 5 points; the rating is credited to the teammate who sent the last message.',
      source: 'https://www.intercom.com/help/en/articles/7872853',
    },
  ],
};

export const CHATWOOT: Profile = {
  id: 'chatwoot',
  name: 'Chatwoot',
  summary:
    'Chatwoot’s reports: first response from the last non-human activity (hand-off or reopen), every resolution from creation, means.',
  firstResponse: { start: 'last-non-human-activity', botTime: 'excluded', agentCreated: 'first-reply', resolutionResets: false },
  handoff: { start: 'creation' },
  nextResponse: { statistic: 'every', includeFirstResponse: false, botReplyClearsWait: true },
  resolution: { figure: 'each-from-creation' },
  pauses: { response: [], resolution: [] },
  deadlineLanding: 'window-end',
  emptyCalendar: { businessSeconds: 'zero', targets: 'wall-clock' },
  aggregation: 'mean',
  csat: { rule: 'top-2-box' },
  period: 'stop-event',
  rules: [
    {
      text: 'First response starts at the last non-human activity: the latest bot hand-off or change to “open” (conversation_opened) before the reply, else the last bot resolution, else creation.',
      source: `${CW} app/helpers/reporting_event_helper.rb (last_non_human_activity); app/models/conversation.rb (notify_status_change)`,
    },
    {
      text: 'It stops at the conversation’s first human, public, non-campaign outgoing message; there is one first response per conversation.',
      source: `${CW} app/models/message.rb (valid_first_reply?)`,
    },
    {
      text: 'Reply time (customer waiting time) runs from waiting_since, set by the first unanswered incoming message only, to the next human public reply; bot replies clear the wait without a measurement.',
      source: `${CW} app/models/message.rb; app/listeners/reporting_event_listener.rb`,
    },
    {
      text: 'Every resolution is measured from conversation creation; a reopen-then-resolve adds another figure from creation.',
      source: `${CW} app/listeners/reporting_event_listener.rb; https://chatwoot.com/hc/user-guide/articles/1724140319-how-to-read-conversations-report`,
    },
    { text: 'No status pauses the clocks.', source: `${CW} enterprise/app/services/sla/evaluate_applied_sla_service.rb` },
    {
      text: 'A business-hours SLA deadline that uses up the day’s remaining seconds exactly is due at closing time (remaining ≤ available stays on the same day).',
      source: `${CW} enterprise/app/services/sla/business_hours_service.rb; https://github.com/chatwoot/chatwoot/pull/13392`,
    },
    {
      text: 'SLA: a first reply at or before the due time is a hit.',
      source: `${CW} enterprise/app/services/sla/evaluate_applied_sla_service.rb (frt_was_hit?)`,
    },
    {
      text: 'SLA: a customer still waiting (waiting_since set) past the next-response due time is a miss, logged while it waits; resolving clears waiting_since, so a wait resolved before its due time has no result and one resolved after it stays missed. The same holds for a first response.',
      source: `${CW} enterprise/app/services/sla/evaluate_applied_sla_service.rb (check_nrt, check_frt); app/models/conversation.rb (handle_resolved_status_change); spec/enterprise/services/sla/evaluate_applied_sla_service_spec.rb`,
    },
    {
      text: 'Inbox working hours with every day closed: SLA deadlines fall back to wall-clock time, while reports count 0 seconds in business hours.',
      source: `${CW} enterprise/app/services/sla/business_hours_service.rb (should_apply_business_hours?, open_days?); spec/enterprise/services/sla/business_hours_service_spec.rb ("returns wall-clock deadline when all days are closed"); app/helpers/reporting_event_helper.rb (business_hours: elapsed_seconds || 0); app/services/inboxes/business_hours_calculator.rb`,
    },
    {
      text: 'Reports show the arithmetic mean, grouped by the reporting event’s time.',
      source: `${CW} app/builders/v2/reports/timeseries/average_report_builder.rb`,
    },
    { text: 'CSAT score = share of 4 and 5 ratings on 1–5.', source: `${CW} app/javascript/dashboard/store/modules/csat.js` },
  ],
};

export const ZAMMAD: Profile = {
  id: 'zammad',
  name: 'Zammad',
  summary:
    'Zammad’s SLA statistics: first response and solution from creation, update time as the longest customer→agent wait, pending and closed time paused.',
  firstResponse: { start: 'creation', botTime: 'included', agentCreated: 'first-reply', resolutionResets: false },
  handoff: { start: 'creation' },
  nextResponse: { statistic: 'longest', includeFirstResponse: true, botReplyClearsWait: false },
  resolution: { figure: 'first-from-creation' },
  pauses: { response: ['pending', 'resolved'], resolution: ['pending', 'resolved'], minutes: true },
  deadlineLanding: 'next-window-start',
  emptyCalendar: { businessSeconds: 'zero', targets: 'none' },
  aggregation: 'mean',
  csat: { rule: 'top-2-box' },
  period: 'stop-event',
  rules: [
    {
      text: 'First response runs from ticket creation to the first public agent article; internal notes never count.',
      source: `${ZM} lib/escalation.rb (statistics_first_response); https://community.zammad.org/t/solved-sla-escalation-calculation/1905`,
    },
    {
      text: 'Update time keeps the longest customer→agent segment (update_in_min): from the earliest unanswered customer contact to the next agent reply; unfinished segments are ignored.',
      source: `${ZM} lib/escalation.rb (statistics_update_applicable?); app/models/ticket/article (last_contact_customer_at); https://github.com/zammad/zammad/issues/3410`,
    },
    { text: 'Solution time runs from creation to the first close (close_in_min).', source: `${ZM} lib/escalation.rb (statistics_close)` },
    {
      text: 'The update clock also runs before the first response: any unanswered customer contact sets an update deadline (update_escalation_at), which the next agent reply clears.',
      source: `${ZM} lib/escalation.rb (escalation_update); spec/lib/escalation_spec.rb (issue 3140 examples); test/unit/ticket_sla_test.rb`,
    },
    {
      text: 'Time in states with ignore_escalation (pending reminder, pending close, and closed until a reopen) becomes a calendar break: it is not counted and pushes deadlines out.',
      source: `${ZM} lib/escalation/ticket_biz_break.rb; test/unit/ticket_sla_test.rb (ticket escalation suspend close reopen bug)`,
    },
    {
      text: 'Breaks start and end at the whole minute of the state changes: a ticket reopened at 13:26:36 counts again from 13:26:00, so a wait that began before the pending break is due 36 seconds earlier than from the exact instant.',
      source: `${ZM} lib/escalation/ticket_biz_break.rb (history_range_break_key / _value: strftime('%H:%M')); spec/models/ticket/escalation_examples.rb ("when SLA has Calendar with holidays": update_escalation_at 2016-11-09 09:26:00 UTC)`,
    },
    {
      text: 'A deadline that uses up a working period exactly (it would end at closing time, or where a pending break starts) is due at the next opening: biz 1.8.2, which Zammad uses, moves past a period whose length equals the time still to count. A ticket created 09:00 UTC on a 09:00–18:00 Berlin calendar with 120 minutes to first response, pending 10:00–15:00, is due the next morning at 07:00 UTC, not at 16:00 UTC.',
      source: `${ZM} lib/escalation/destination_time.rb (biz.time(span, :minutes).after); Gemfile.lock (biz 1.8.2); zendesk/biz lib/biz/timeline/forward.rb (overflow?) and lib/biz/timeline/abstract.rb (for); spec/models/ticket/escalation_examples.rb ("when Ticket transitions from pending to open")`,
    },
    {
      text: 'A wait that a close ends without a reply has escalated only if its escalation time had passed before the close (the ticket escalated then); closing nulls every escalation time, so a close before it leaves no result.',
      source: `${ZM} lib/escalation.rb (escalation_update, escalation_disabled?, calculate_next_escalation)`,
    },
    {
      text: 'A calendar with no business hours cannot be used: Zammad refuses to build its schedule (“No configured hours found in calendar”), so no escalation time exists. Replyline gives no target results and 0 working minutes.',
      source: `${ZM} app/models/calendar.rb (biz); lib/escalation.rb (calculate_no_calendar)`,
    },
    {
      text: 'Zammad shows no aggregate; Replyline uses the mean.',
      source: 'https://admin-docs.zammad.org/en/latest/manage/slas/how-do-they-work.html',
    },
    { text: 'Zammad has no CSAT; ratings captured elsewhere use top-2-box.', source: 'Replyline design' },
  ],
};

export const PROFILE_LIST: readonly Profile[] = [REPLYLINE, ZENDESK, INTERCOM, CHATWOOT, ZAMMAD];

const BY_ID: Record<ProfileId, Profile> = {
  replyline: REPLYLINE,
  zendesk: ZENDESK,
  intercom: INTERCOM,
  chatwoot: CHATWOOT,
  zammad: ZAMMAD,
};

export function isProfileId(value: string): value is ProfileId {
  return Object.prototype.hasOwnProperty.call(BY_ID, value);
}

/** The profile for an id; unknown ids fall back to Replyline's default rules. */
export function getProfile(id: string | undefined): Profile {
  return id !== undefined && isProfileId(id) ? BY_ID[id] : REPLYLINE;
}
