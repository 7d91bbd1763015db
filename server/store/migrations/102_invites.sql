-- Invite links: an owner invites someone (optionally by email) to join their organisation with a role.
-- Only the SHA-256 of the link's token is stored, as for sessions and API tokens: a leaked database holds no
-- usable link. A link is single-use (`accepted_at`), can be revoked, and expires.
CREATE TABLE invites (
  id           text PRIMARY KEY,
  org_id       text NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  token_hash   text NOT NULL UNIQUE,
  email        text,
  role         text NOT NULL CHECK (role IN ('owner', 'editor', 'manager')),
  created_by   text REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  accepted_by  text REFERENCES users(id) ON DELETE SET NULL,
  revoked_at   timestamptz
);
CREATE INDEX invites_org_idx ON invites (org_id, created_at);
