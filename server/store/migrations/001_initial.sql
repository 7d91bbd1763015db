-- Orgs, users, tokens, bots with drafts, immutable versions, content-addressed bundles and the compile cache.
-- Plain PostgreSQL: the same statements run on PGlite and on a real server.

CREATE TABLE orgs (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             text PRIMARY KEY,
  email          text NOT NULL UNIQUE,
  name           text NOT NULL,
  password_hash  text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  org_id   text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id  text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role     text NOT NULL CHECK (role IN ('owner', 'editor', 'manager')),
  PRIMARY KEY (org_id, user_id)
);

CREATE TABLE api_tokens (
  id          text PRIMARY KEY,
  org_id      text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id     text REFERENCES users(id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('owner', 'editor', 'manager')),
  name        text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  revoked_at  timestamptz
);

-- Bundles are keyed by the hash of their bytes; the compressed forms are computed once, when stored.
CREATE TABLE bundles (
  hash        text PRIMARY KEY,
  body        text NOT NULL,
  gzip        bytea NOT NULL,
  brotli      bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per distinct (scenario, compile options, compiler) so nothing is compiled twice, across restarts too.
CREATE TABLE compile_cache (
  key          text PRIMARY KEY,
  ok           boolean NOT NULL,
  diagnostics  jsonb NOT NULL,
  bundle_hash  text REFERENCES bundles(hash),
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- The scenario is `json`, not `jsonb`: the author's document comes back with its key order intact.
CREATE TABLE bots (
  id                 text PRIMARY KEY,
  org_id             text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  name               text NOT NULL,
  draft_scenario     json NOT NULL,
  draft_diagnostics  jsonb NOT NULL,
  draft_updated_at   timestamptz NOT NULL DEFAULT now(),
  last_version       integer NOT NULL DEFAULT 0,
  published_version  integer,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bots_org_idx ON bots (org_id, created_at);

CREATE TABLE versions (
  bot_id       text NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
  version      integer NOT NULL,
  scenario     json NOT NULL,
  bundle_hash  text NOT NULL REFERENCES bundles(hash),
  compile_key  text NOT NULL,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bot_id, version)
);
CREATE INDEX versions_bundle_idx ON versions (bot_id, bundle_hash);

-- A published version is a promise to every page that embeds it: the database refuses to change one.
CREATE FUNCTION chatlet_versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'versions are immutable';
END
$$;
CREATE TRIGGER versions_immutable BEFORE UPDATE ON versions
  FOR EACH ROW EXECUTE FUNCTION chatlet_versions_are_immutable();
