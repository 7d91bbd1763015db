-- Results: what opted-in bots report about each conversation (the declared variables only, the nodes reached,
-- whether it completed), one row per conversation, keyed by the id the runtime made. Deleting a bot deletes them.
CREATE TABLE results (
  id             text PRIMARY KEY,
  org_id         text NOT NULL,
  bot_id         text NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
  visitor_id     text NOT NULL,
  -- The report's sequence number: a write with an equal or lower one changes nothing.
  seq            integer NOT NULL,
  scenario       text NOT NULL,
  version        integer,
  started_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  completed_at   timestamptz,
  completed      boolean NOT NULL,
  handoff        boolean NOT NULL,
  path           text[] NOT NULL,
  last_node_id   text,
  variables      jsonb NOT NULL,
  -- Whether the row was completed before its latest write. Set in the upsert from the row it locked, so of two
  -- concurrent writes that complete a result exactly one sees false: that one queues the result.completed webhook.
  was_completed  boolean NOT NULL DEFAULT false
);
-- The owner's table and CSV (newest first, keyset paging), a visitor's erasure, and retention.
CREATE INDEX results_bot_started_idx ON results (bot_id, started_at DESC, id DESC);
CREATE INDEX results_bot_visitor_idx ON results (bot_id, visitor_id);
CREATE INDEX results_bot_updated_idx ON results (bot_id, updated_at);

-- Completed results whose result.completed webhook is not queued yet, written by the statement that completes them
-- (only for bots with a webhook), as webhook_outbox is for timers: a crash can lose none and queue none twice.
CREATE TABLE result_webhook_outbox (
  result_id  text PRIMARY KEY,
  bot_id     text NOT NULL
);
