-- The hub's facts and what it derives from them. Times are epoch milliseconds (bigint), as in
-- the extension's own records; records, events and metrics keep the measuring layer's JSON
-- shapes (lib/measure/stored.ts, lib/engine/types.ts) so both sides measure the same input.

-- Bearer tokens, stored as SHA-256 hashes only (a token is 32 random bytes).
create table tokens (
  id text primary key,
  token_hash text not null unique,
  role text not null check (role in ('agent', 'supervisor', 'admin')),
  name text not null,
  agent_id text,
  created_at bigint not null,
  revoked_at bigint
);

-- Applied observation batches (documentId + seq) and pushed timelines (content hash, seq 0):
-- the idempotency record of ingest.
create table batches (
  document_id text not null,
  seq integer not null,
  token_id text not null,
  applied_at bigint not null,
  primary key (document_id, seq)
);

-- One row per conversation (key = helpdesk|origin|conversationId): the merged record, the
-- metrics as last measured under the team settings, and columns the queue and BI read.
create table conversations (
  key text primary key,
  ordinal bigserial not null,
  helpdesk text not null,
  origin text not null,
  conversation_id text not null,
  record jsonb not null,
  status text,
  channel text,
  priority text,
  assignee_id text,
  created_at bigint,
  waiting_since bigint,
  -- When an agent last observed it (a pushed timeline: its generatedAt): the row's freshness.
  last_seen_at bigint not null,
  -- Every agent the conversation involves (assignee, authors, activity, observers).
  agents text[] not null default '{}',
  metrics jsonb,
  measure_error text,
  measured_at bigint,
  updated_at bigint not null
);
create index conversations_ordinal on conversations (ordinal);
create index conversations_open on conversations (status) where status is distinct from 'resolved';
create index conversations_agents on conversations using gin (agents);

-- Events in the observed-event shape (lib/messaging/protocol.ts observedEventSchema); the
-- same event seen by two agents has one row. No message text: the shape has no field for it.
create table events (
  conversation_key text not null,
  event_id text not null,
  at bigint not null,
  event jsonb not null,
  primary key (conversation_key, event_id)
);

-- Agents' activity spans (handle time), keyed documentId|start as in the extension.
create table activity (
  key text primary key,
  conversation_key text not null,
  document_id text not null,
  agent_id text not null,
  start_at bigint not null,
  end_at bigint not null,
  kind text not null
);
create index activity_conversation on activity (conversation_key);

-- Alerts still to fire: one per running clock and kind, replaced whenever the conversation is
-- measured again. The scheduler claims due rows with FOR UPDATE SKIP LOCKED.
create table alarms (
  id text primary key,
  conversation_key text not null,
  kind text not null check (kind in ('at_risk', 'breached')),
  clock text not null,
  due_at bigint not null,
  fire_at bigint not null
);
create index alarms_fire_at on alarms (fire_at);
create index alarms_conversation on alarms (conversation_key);

-- Alerts fired, each once (the id names conversation, clock, cycle and kind).
create table alerts (
  id text primary key,
  conversation_key text not null,
  kind text not null,
  clock text not null,
  due_at bigint not null,
  fired_at bigint not null,
  alert jsonb not null
);
create index alerts_fired_at on alerts (fired_at);

-- The team's calendar, targets and profile (one row).
create table team_settings (
  id integer primary key check (id = 1),
  settings jsonb not null,
  updated_at bigint not null
);
