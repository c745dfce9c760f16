-- What /v1/report needs of each conversation, kept when it is measured (ingest, a settings
-- change, start-up after this migration) so a report over 100k conversations aggregates stored
-- figures instead of measuring a million events again:
-- - report_input: the engine's input (lib/measure/input.ts toEngineConversation), null while
--   the thread was never read; the Insights read its events (participation, tags, customers).
-- - settled: the stored metrics (measured at measured_at under the team settings) hold for any
--   later evaluation time: no clock runs, nobody waits, no event lies after measured_at.
--   Null: not measured since this migration (the hub measures such rows at start).
alter table conversations add column report_input jsonb;
alter table conversations add column settled boolean;
create index conversations_unsettled on conversations (ordinal) where settled is null;
