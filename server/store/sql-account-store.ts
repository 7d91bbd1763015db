import type { AcceptOutcome, Invite, InviteAccepter, NewInvite } from './invite-types.ts';
import { SqlInvites } from './sql-invites.ts';
import type { SqlDatabase } from './sql.ts';
import type {
  AccountsStore,
  ApiToken,
  Membership,
  NewToken,
  Org,
  OrgMember,
  Role,
  Session,
  User,
} from './account-types.ts';

type Row = Record<string, any>;

// Any constant works; it only serialises concurrent first-owner set-ups against one database.
const SETUP_LOCK = 7_242_002;

/**
 * The accounts facet over SQL: organisations, users, memberships, API tokens, sessions, invites and server secrets.
 */
export class SqlAccountStore implements AccountsStore {
  private readonly invites: SqlInvites;

  constructor(private readonly db: SqlDatabase) {
    this.invites = new SqlInvites(db);
  }

  async secret(name: string, generate: () => string): Promise<string> {
    await this.db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      name,
      generate(),
    ]);
    const { rows } = await this.db.query<Row>('SELECT value FROM server_secrets WHERE name = $1', [name]);
    return rows[0].value;
  }

  async ensureOrg(org: { id: string; name: string }): Promise<Org> {
    await this.db.query('INSERT INTO orgs (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [org.id, org.name]);
    return (await this.getOrg(org.id))!;
  }

  async getOrg(id: string): Promise<Org | null> {
    const { rows } = await this.db.query<Row>('SELECT id, name, created_at FROM orgs WHERE id = $1', [id]);
    return rows[0] ? toOrg(rows[0]) : null;
  }

  async createOrg(org: { id: string; name: string }, ownerId?: string): Promise<Org> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>('INSERT INTO orgs (id, name) VALUES ($1, $2) RETURNING *', [
        org.id,
        org.name,
      ]);
      if (ownerId) {
        await tx.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'owner')`, [org.id, ownerId]);
      }
      return toOrg(rows[0]);
    });
  }

  async renameOrg(id: string, name: string): Promise<Org | null> {
    const { rows } = await this.db.query<Row>('UPDATE orgs SET name = $2 WHERE id = $1 RETURNING *', [id, name]);
    return rows[0] ? toOrg(rows[0]) : null;
  }

  async listUserOrgs(userId: string): Promise<{ org: Org; role: Role }[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT o.id, o.name, o.created_at, m.role FROM memberships m JOIN orgs o ON o.id = m.org_id
       WHERE m.user_id = $1 ORDER BY m.created_at, o.id`,
      [userId],
    );
    return rows.map((row) => ({ org: toOrg(row), role: row.role as Role }));
  }

  async hasUsers(): Promise<boolean> {
    const { rows } = await this.db.query<Row>('SELECT EXISTS (SELECT 1 FROM users) AS any');
    return rows[0].any === true;
  }

  async createFirstOwner(input: {
    user: Omit<User, 'createdAt'>;
    orgId: string;
    orgName: string;
  }): Promise<User | null> {
    return this.db.transaction(async (tx) => {
      // Two set-up forms submitted at once must not both become "the first owner".
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      const { rows: existing } = await tx.query<Row>('SELECT 1 FROM users LIMIT 1');
      if (existing.length > 0) return null;
      const { user } = input;
      const { rows } = await tx.query<Row>(
        'INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING *',
        [user.id, user.email, user.name, user.passwordHash],
      );
      await tx.query(
        'INSERT INTO orgs (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name',
        [input.orgId, input.orgName],
      );
      await tx.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'owner')`, [
        input.orgId,
        user.id,
      ]);
      return toUser(rows[0]);
    });
  }

  async createUser(user: Omit<User, 'createdAt'>): Promise<User> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING *`,
      [user.id, user.email, user.name, user.passwordHash],
    );
    return toUser(rows[0]);
  }

  async getUser(id: string): Promise<User | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async getUserByEmail(email: string): Promise<User | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM users WHERE email = $1', [email]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async setMembership(m: Membership): Promise<void> {
    await this.db.query(
      `INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [m.orgId, m.userId, m.role],
    );
  }

  async getMembership(orgId: string, userId: string): Promise<Membership | null> {
    const { rows } = await this.db.query<Row>(
      'SELECT org_id, user_id, role FROM memberships WHERE org_id = $1 AND user_id = $2',
      [orgId, userId],
    );
    return rows[0] ? { orgId: rows[0].org_id, userId: rows[0].user_id, role: rows[0].role } : null;
  }

  async listMembers(orgId: string): Promise<OrgMember[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT u.id, u.email, u.name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.org_id = $1 ORDER BY m.created_at, u.id`,
      [orgId],
    );
    return rows.map((row) => ({
      userId: row.id,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      joinedAt: row.created_at,
    }));
  }

  async updateMembership(orgId: string, userId: string, role: Role | null): Promise<'ok' | 'not_found' | 'last_owner'> {
    return this.db.transaction(async (tx) => {
      // Locking the org row serialises role changes in one org, so two owners demoting each other cannot both win.
      const { rows: org } = await tx.query<Row>('SELECT id FROM orgs WHERE id = $1 FOR UPDATE', [orgId]);
      if (org.length === 0) return 'not_found';
      const { rows } = await tx.query<Row>('SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2', [
        orgId,
        userId,
      ]);
      if (rows.length === 0) return 'not_found';
      if (rows[0].role === 'owner' && role !== 'owner') {
        const { rows: owners } = await tx.query<Row>(
          `SELECT count(*)::int AS n FROM memberships WHERE org_id = $1 AND role = 'owner'`,
          [orgId],
        );
        if (owners[0].n <= 1) return 'last_owner';
      }
      if (role === null) {
        await tx.query('DELETE FROM memberships WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
        await tx.query('DELETE FROM sessions WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
      } else {
        await tx.query('UPDATE memberships SET role = $3 WHERE org_id = $1 AND user_id = $2', [orgId, userId, role]);
      }
      return 'ok';
    });
  }

  async createToken(t: NewToken): Promise<ApiToken> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO api_tokens (id, org_id, user_id, role, name, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [t.id, t.orgId, t.userId, t.role, t.name, t.tokenHash, t.expiresAt],
    );
    return toToken(rows[0]);
  }

  async findTokenByHash(tokenHash: string): Promise<ApiToken | null> {
    // A token made by a user dies with that user's membership: removing someone from an org must lock them out.
    const { rows } = await this.db.query<Row>(
      `SELECT t.* FROM api_tokens t
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
         AND (t.user_id IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = t.org_id AND m.user_id = t.user_id))`,
      [tokenHash],
    );
    return rows[0] ? toToken(rows[0]) : null;
  }

  async listTokens(orgId: string): Promise<ApiToken[]> {
    const { rows } = await this.db.query<Row>(
      'SELECT * FROM api_tokens WHERE org_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id',
      [orgId],
    );
    return rows.map(toToken);
  }

  async revokeToken(orgId: string, id: string): Promise<boolean> {
    const { affected } = await this.db.query(
      'UPDATE api_tokens SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL',
      [orgId, id],
    );
    return affected > 0;
  }

  async createSession(s: { idHash: string; userId: string; orgId: string; expiresAt: Date }): Promise<void> {
    await this.db.query('INSERT INTO sessions (id_hash, user_id, org_id, expires_at) VALUES ($1, $2, $3, $4)', [
      s.idHash,
      s.userId,
      s.orgId,
      s.expiresAt,
    ]);
  }

  async getSession(idHash: string): Promise<Session | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT s.user_id, s.org_id, s.created_at, s.expires_at, u.email, u.name, m.role
       FROM sessions s JOIN users u ON u.id = s.user_id
       LEFT JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id
       WHERE s.id_hash = $1 AND s.expires_at > now()`,
      [idHash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.user_id,
      orgId: row.org_id,
      role: (row.role as Role | null) ?? null,
      email: row.email,
      name: row.name,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  async updateSession(idHash: string, change: { expiresAt?: Date; orgId?: string }): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET expires_at = coalesce($2, expires_at), org_id = coalesce($3, org_id) WHERE id_hash = $1`,
      [idHash, change.expiresAt ?? null, change.orgId ?? null],
    );
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteExpiredSessions(): Promise<number> {
    const { affected } = await this.db.query('DELETE FROM sessions WHERE expires_at <= now()');
    return affected;
  }

  createInvite(invite: NewInvite): Promise<Invite> {
    return this.invites.create(invite);
  }

  findInviteByHash(tokenHash: string): Promise<Invite | null> {
    return this.invites.findByHash(tokenHash);
  }

  listPendingInvites(orgId: string, now: Date): Promise<Invite[]> {
    return this.invites.listPending(orgId, now);
  }

  revokeInvite(orgId: string, id: string): Promise<boolean> {
    return this.invites.revoke(orgId, id);
  }

  acceptInvite(input: { tokenHash: string; accepter: InviteAccepter; now: Date }): Promise<AcceptOutcome> {
    return this.invites.accept(input);
  }
}

function toOrg(row: Row): Org {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

function toUser(row: Row): User {
  return { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash, createdAt: row.created_at };
}

function toToken(row: Row): ApiToken {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    role: row.role as Role,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
