-- Read-only views for BI tools (Grafana, Metabase), documented in docs/hub.md, and the role
-- `replyline_bi` that may read them and nothing else. Times as timestamptz, durations in seconds.

create view bi_conversations as
select
  c.key,
  c.helpdesk,
  c.origin,
  c.conversation_id,
  c.channel,
  c.priority,
  c.status,
  c.assignee_id,
  to_timestamp(c.created_at / 1000.0) as created_at,
  to_timestamp(c.waiting_since / 1000.0) as waiting_since,
  to_timestamp(c.last_seen_at / 1000.0) as last_seen_at,
  coalesce((c.metrics ->> 'unverified')::boolean, (c.record ->> 'unverified')::boolean) as unverified,
  (c.metrics -> 'firstResponse' ->> 'seconds')::double precision as first_response_seconds,
  (c.metrics -> 'firstResponse' ->> 'businessSeconds')::double precision as first_response_business_seconds,
  to_timestamp((c.metrics -> 'firstResponse' ->> 'repliedAt')::bigint / 1000.0) as first_replied_at,
  jsonb_array_length(coalesce(c.metrics -> 'replies', '[]'::jsonb)) as replies,
  jsonb_array_length(coalesce(c.metrics -> 'resolutions', '[]'::jsonb)) as resolutions,
  (c.metrics ->> 'reopens')::integer as reopens,
  (c.metrics ->> 'oneTouch')::boolean as one_touch,
  (c.metrics ->> 'handleSeconds')::double precision as handle_seconds,
  (c.metrics ->> 'csat')::integer as csat,
  (c.metrics ->> 'ces')::integer as ces,
  c.metrics -> 'targets' -> 'firstResponse' ->> 'state' as first_response_target,
  c.metrics -> 'targets' -> 'resolution' ->> 'state' as resolution_target,
  to_timestamp(c.measured_at / 1000.0) as measured_at
from conversations c;

-- One row per reply (first and next responses) as the team's profile reports them.
create view bi_replies as
select
  c.key,
  c.channel,
  c.priority,
  f.value ->> 'agentId' as agent_id,
  to_timestamp((f.value ->> 'startedAt')::bigint / 1000.0) as started_at,
  to_timestamp((f.value ->> 'repliedAt')::bigint / 1000.0) as replied_at,
  (f.value ->> 'seconds')::double precision as seconds,
  (f.value ->> 'businessSeconds')::double precision as business_seconds,
  f.ordinality = 1 and c.metrics -> 'firstResponse' is not null and c.metrics -> 'firstResponse' <> 'null'::jsonb as is_first
from conversations c
cross join lateral jsonb_array_elements(
  case when jsonb_typeof(c.metrics -> 'firstResponse') = 'object'
    then jsonb_build_array(c.metrics -> 'firstResponse') || coalesce(c.metrics -> 'replies', '[]'::jsonb)
    else coalesce(c.metrics -> 'replies', '[]'::jsonb) end
) with ordinality as f(value, ordinality);

-- Events without payload beyond timing (types, authors, agents, statuses).
create view bi_events as
select
  e.conversation_key as key,
  e.event_id,
  to_timestamp(e.at / 1000.0) as at,
  e.event ->> 'type' as type,
  e.event ->> 'author' as author,
  e.event ->> 'agentId' as agent_id,
  e.event ->> 'status' as status,
  (e.event ->> 'csat')::integer as csat
from events e;

create view bi_alerts as
select
  a.id,
  a.conversation_key as key,
  a.kind,
  a.clock,
  to_timestamp(a.due_at / 1000.0) as due_at,
  to_timestamp(a.fired_at / 1000.0) as fired_at,
  a.alert ->> 'assigneeId' as assignee_id,
  a.alert ->> 'channel' as channel
from alerts a;

-- Names and roles, never token hashes.
create view bi_agents as
select t.id as token_id, t.agent_id, t.name, t.role, to_timestamp(t.created_at / 1000.0) as created_at, t.revoked_at is not null as revoked
from tokens t;

-- The role is cluster-wide and may exist already (another database of the same server), or
-- the hub's user may not be allowed to create roles (a managed database, PGlite): then the
-- views stay and an administrator grants them (docs/hub.md).
do $$
begin
  begin
    if not exists (select 1 from pg_roles where rolname = 'replyline_bi') then
      create role replyline_bi nologin;
    end if;
  exception when insufficient_privilege or duplicate_object then
    raise notice 'replyline_bi role not created: %', sqlerrm;
  end;
  begin
    execute 'grant usage on schema ' || quote_ident(current_schema()) || ' to replyline_bi';
    grant select on bi_conversations, bi_replies, bi_events, bi_alerts, bi_agents to replyline_bi;
  exception when undefined_object or insufficient_privilege then
    raise notice 'replyline_bi grants skipped: %', sqlerrm;
  end;
end
$$;
