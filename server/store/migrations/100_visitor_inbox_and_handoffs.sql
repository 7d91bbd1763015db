-- Issue 5: what a bot's visitors keep on the server. Long timers themselves live in pg-boss's job table;
-- here are the secrets that sign visitor tokens, each visitor's inbox of deliveries, and handoffs.

CREATE TABLE server_secrets (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per visitor of a bot: the last delivery number handed out and the last one acknowledged.
-- Taking this row's lock to number a delivery makes numbers commit in order per visitor, so a stream
-- that resumes after id N can never miss a smaller id that committed late.
CREATE TABLE visitor_inboxes (
  bot_id      text NOT NULL,
  visitor_id  text NOT NULL,
  last_seq    bigint NOT NULL DEFAULT 0,
  acked_seq   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bot_id, visitor_id)
);

-- `id` is global (the webhook's idempotency key); `seq` numbers one visitor's deliveries (the stream's ids).
-- `ref` is the timer id or handoff id; a timer is delivered at most once, whatever retries the job has.
CREATE TABLE deliveries (
  id          bigserial PRIMARY KEY,
  bot_id      text NOT NULL,
  visitor_id  text NOT NULL,
  seq         bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('timer', 'handoff')),
  ref         text NOT NULL,
  event       jsonb NOT NULL,
  due_at      timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bot_id, visitor_id, seq)
);
CREATE UNIQUE INDEX deliveries_timer_once ON deliveries (bot_id, visitor_id, ref) WHERE kind = 'timer';

CREATE TABLE handoffs (
  id               text PRIMARY KEY,
  org_id           text NOT NULL,
  bot_id           text NOT NULL,
  visitor_id       text NOT NULL,
  handoff_key      text NOT NULL,
  queue            text,
  status           text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'active', 'resolved', 'timeout')),
  transcript       jsonb NOT NULL,
  variables        jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  timeout_at       timestamptz,
  claimed_at       timestamptz,
  claimed_by       text,
  claimed_by_name  text,
  resolved_at      timestamptz,
  outcome          text CHECK (outcome IN ('resolved', 'unresolved')),
  result_variables jsonb,
  note             text,
  rating           smallint CHECK (rating BETWEEN 1 AND 5),
  UNIQUE (bot_id, visitor_id, handoff_key)
);
CREATE INDEX handoffs_queue_idx ON handoffs (org_id, status, created_at);

-- What managers of an org see happen, numbered per org under the lock of `org_event_counters`,
-- for the same reason as visitor_inboxes. Messages of a handoff are its `message` events.
CREATE TABLE org_event_counters (
  org_id    text PRIMARY KEY,
  last_seq  bigint NOT NULL DEFAULT 0
);
CREATE TABLE handoff_events (
  org_id      text NOT NULL,
  seq         bigint NOT NULL,
  handoff_id  text NOT NULL REFERENCES handoffs(id) ON DELETE CASCADE,
  type        text NOT NULL,
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX handoff_events_handoff_idx ON handoff_events (handoff_id, seq);

CREATE TABLE manager_availability (
  org_id      text NOT NULL,
  user_id     text NOT NULL,
  status      text NOT NULL CHECK (status IN ('online', 'away')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
