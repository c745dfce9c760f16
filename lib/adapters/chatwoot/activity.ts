/**
 * Chatwoot's activity messages (`message_type` 2) as status, reopen and assignment facts.
 *
 * Chatwoot records a status change or an assignment only as an activity message whose sole
 * payload is a sentence, `I18n.t("conversations.activity.…")` rendered when the change was saved
 * (`content_attributes` stays empty): app/models/concerns/activity_message_handler.rb
 * (`status_change_activity`, `create_assignee_change_activity`, `create_team_change_activity`),
 * app/models/message.rb (`reopen_conversation`: a contact writing to a resolved conversation of
 * an API inbox gives `system_auto_open`). The sentence is in the locale of the request that made
 * the change (`switch_locale_using_account_locale`), so only Chatwoot's English sentences are
 * known here: config/locales/en.yml `conversations.activity` at chatwoot/chatwoot@006eb17c
 * (read 2026-12-02), plus the older `status.auto_resolved` wording.
 *
 * The sentence is matched in the page and dropped: only what it means leaves this module (a
 * status, or a person's name to look up among the account's agents, never stored). A sentence
 * that matches none of these templates is reported, not guessed: it may be a status change in
 * another language.
 */
import type { ObservedConversation } from '../../messaging/protocol';

type Status = NonNullable<ObservedConversation['status']>;

/** What an activity sentence says, as far as the metrics care. */
export type ActivityMeaning =
  /** `by`: the name of who changed it, when the sentence names a person (an agent, a bot, "Automation System"). */
  | { kind: 'status'; status: Status; by?: string }
  /**
   * "Assigned to {name} by …": Chatwoot writes team and agent assignments in the same words
   * (`assignee.assigned` and `team.assigned`), so the name is an agent's or a team's. Names may
   * themselves contain " by ", so every way of reading the sentence is listed (`names`).
   */
  | { kind: 'assigned-to'; names: string[] }
  /** An agent assignment ("… via {team} by …", "… self-assigned …"): the agent is one of `names`. */
  | { kind: 'assignment'; names: string[] }
  | { kind: 'unassigned' }
  /** Known, and nothing the metrics use (labels, priority, team removed, SLA, mute…). */
  | { kind: 'other' };

type Template = [template: string, meaning: (values: Record<string, string>, text: string) => ActivityMeaning];

const status =
  (value: Status, by?: 'user_name') =>
  (names: Record<string, string>): ActivityMeaning =>
    by ? { kind: 'status', status: value, by: names[by] } : { kind: 'status', status: value };
const other = (): ActivityMeaning => ({ kind: 'other' });

/** Every text that can stand before `separator` in `rest` with something after it. */
function leftParts(rest: string, separator: string): string[] {
  const out: string[] = [];
  for (let at = rest.indexOf(separator); at > 0; at = rest.indexOf(separator, at + 1))
    if (at + separator.length < rest.length) out.push(rest.slice(0, at));
  return out;
}
const ASSIGNED_TO = 'Assigned to ';
/** "Assigned to {assignee} by {user}": the assignee is any text before one of the " by ". */
const assignedTo = (_: Record<string, string>, text: string): ActivityMeaning => ({
  kind: 'assigned-to',
  names: leftParts(text.slice(ASSIGNED_TO.length), ' by '),
});
/** "Assigned to {assignee} via {team} by {user}": the assignee is any text before a " via " followed by " by ". */
const assignedVia = (_: Record<string, string>, text: string): ActivityMeaning => {
  const rest = text.slice(ASSIGNED_TO.length);
  return { kind: 'assignment', names: leftParts(rest, ' via ').filter((name) => rest.indexOf(' by ', name.length + 5) > 0) };
};

/**
 * en.yml `conversations.activity`, most specific first: "marked resolved by system due to 3 days
 * of inactivity" must not be read as resolved by a user called "system due to 3 days…".
 */
const TEMPLATES: Template[] = [
  ['Conversation was marked resolved by system due to %{count} days of inactivity', status('resolved')],
  ['Conversation was marked resolved by system due to %{count} hours of inactivity', status('resolved')],
  ['Conversation was marked resolved by system due to %{count} minutes of inactivity', status('resolved')],
  ['Conversation was marked resolved by %{user_name} due to inactivity', status('resolved', 'user_name')], // captain.resolved
  ['Conversation was marked resolved by %{user_name} (%{reason})', status('resolved', 'user_name')], // captain.resolved_with_reason
  ['Conversation was marked resolved by %{user_name}: %{reason}', status('resolved', 'user_name')], // captain.resolved_by_tool
  ['Conversation was marked resolved by %{user_name}', status('resolved', 'user_name')], // status.resolved
  ['Conversation was resolved by %{contact_name}', status('resolved')], // status.contact_resolved (the customer)
  ['Conversation was reopened by %{user_name}', status('open', 'user_name')], // status.open
  ['Conversation was marked open automatically after an agent reply', status('open')], // captain.auto_opened_after_agent_reply
  ['Conversation was marked open by system due to an error with the agent bot.', status('open')], // agent_bot.error_moved_to_open
  ['Conversation was marked open by %{user_name} (%{reason})', status('open', 'user_name')], // captain.open_with_reason
  ['Conversation was marked open by %{user_name}', status('open', 'user_name')], // captain.open
  ['System reopened the conversation due to a new incoming message.', status('open')], // status.system_auto_open
  ['Conversation was marked as pending by %{user_name}', status('pending', 'user_name')], // status.pending
  ['Conversation was snoozed by %{user_name}', status('snoozed', 'user_name')], // status.snoozed
  ['%{user_name} self-assigned this conversation', (n) => ({ kind: 'assignment', names: [n.user_name] })], // assignee.self_assigned
  ['Assigned to %{assignee_name} via %{team_name} by %{user_name}', assignedVia], // team.assigned_with_assignee
  ['Assigned to %{assignee_name} by %{user_name}', assignedTo], // assignee.assigned, team.assigned
  ['Conversation unassigned by %{user_name}', () => ({ kind: 'unassigned' })], // assignee.removed
  ['Unassigned from %{team_name} by %{user_name}', other], // team.removed
  ['%{user_name} set the priority to %{new_priority}', other],
  ['%{user_name} changed the priority from %{old_priority} to %{new_priority}', other],
  ['%{user_name} removed the priority', other],
  ['%{user_name} added SLA policy %{sla_name}', other],
  ['%{user_name} removed SLA policy %{sla_name}', other],
  ['Linear issue %{issue_id} was created by %{user_name}', other],
  ['Linear issue %{issue_id} was linked by %{user_name}', other],
  ['Linear issue %{issue_id} was unlinked by %{user_name}', other],
  ['Sent a call permission request to %{contact_name}.', other],
  ['%{contact_name} accepted the call permission request.', other],
  ['CSAT survey not sent due to outgoing message restrictions', other],
  ['Auto-resolve message not sent due to outgoing message restrictions', other],
  ['%{user_name} has muted the conversation', other],
  ['%{user_name} has unmuted the conversation', other],
  // Labels last: "{user} added {labels}" would also match other sentences ending in "added …".
  ['%{user_name} added %{labels}', other],
  ['%{user_name} removed %{labels}', other],
];

const COMPILED = TEMPLATES.map(([template, meaning]) => {
  const names: string[] = [];
  const source = template.replace(/%\{(\w+)\}|[.*+?^${}()|[\]\\]/g, (match, name: string | undefined) => {
    if (!name) return `\\${match}`;
    names.push(name);
    return '(.+)';
  });
  return { pattern: new RegExp(`^${source}$`), names, meaning };
});

/** What an activity sentence means; null when it is none of Chatwoot's English sentences. */
export function readActivity(content: string | null | undefined): ActivityMeaning | null {
  const text = content?.trim();
  if (!text) return null;
  for (const { pattern, names, meaning } of COMPILED) {
    const m = pattern.exec(text);
    if (!m) continue;
    const values: Record<string, string> = {};
    names.forEach((name, index) => {
      values[name] = m[index + 1];
    });
    return meaning(values, text);
  }
  return null;
}
