-- Sessions for the builder and console pages, per-bot settings, and a draft revision for optimistic concurrency.

-- Only the SHA-256 of a session cookie is stored: a leaked database holds no usable session.
-- `org_id` is the organisation the session currently acts in; a user may belong to several.
CREATE TABLE sessions (
  id_hash     text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id      text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

ALTER TABLE memberships ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX memberships_user_idx ON memberships (user_id);
CREATE INDEX api_tokens_org_idx ON api_tokens (org_id, created_at);

-- `draft_revision` goes up by one on every draft save: the builder sends it back as If-Match, so two
-- editors saving the same bot get a conflict instead of a silent overwrite.
-- The webhook secret is kept as written because the server must sign with it; the API never returns it.
ALTER TABLE bots
  ADD COLUMN draft_revision        integer NOT NULL DEFAULT 1,
  ADD COLUMN allowed_origins       jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN webhook_url           text,
  ADD COLUMN webhook_secret        text,
  ADD COLUMN long_timer_threshold  text;
