import type { AcceptOutcome, Invite, InviteAccepter, NewInvite } from './invite-types.ts';
import type { SqlDatabase } from './sql.ts';
import type { Role } from './types.ts';

type Row = Record<string, any>;

/** The invite statements of the accounts store (see `InviteStore` for what each promises). */
export class SqlInvites {
  constructor(private readonly db: SqlDatabase) {}

  async create(invite: NewInvite): Promise<Invite> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO invites (id, org_id, token_hash, email, role, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [invite.id, invite.orgId, invite.tokenHash, invite.email, invite.role, invite.createdBy, invite.expiresAt],
    );
    return toInvite(rows[0]);
  }

  async findByHash(tokenHash: string): Promise<Invite | null> {
    const { rows } = await this.db.query<Row>('SELECT * FROM invites WHERE token_hash = $1', [tokenHash]);
    return rows[0] ? toInvite(rows[0]) : null;
  }

  async listPending(orgId: string, now: Date): Promise<Invite[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM invites WHERE org_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2
       ORDER BY created_at DESC, id`,
      [orgId, now],
    );
    return rows.map(toInvite);
  }

  async revoke(orgId: string, id: string): Promise<boolean> {
    const { affected } = await this.db.query(
      'UPDATE invites SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL',
      [orgId, id],
    );
    return affected > 0;
  }

  async accept(input: { tokenHash: string; accepter: InviteAccepter; now: Date }): Promise<AcceptOutcome> {
    return this.db.transaction(async (tx) => {
      // The row lock makes a second acceptance of the same link wait, then see it used.
      const { rows } = await tx.query<Row>('SELECT * FROM invites WHERE token_hash = $1 FOR UPDATE', [input.tokenHash]);
      if (!rows[0]) return { status: 'not_found' };
      const invite = toInvite(rows[0]);
      if (invite.revokedAt) return { status: 'revoked' };
      if (invite.acceptedAt) return { status: 'used' };
      if (invite.expiresAt.getTime() <= input.now.getTime()) return { status: 'expired' };
      let userId: string;
      if ('userId' in input.accepter) {
        userId = input.accepter.userId;
        const { rows: member } = await tx.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [
          invite.orgId,
          userId,
        ]);
        if (member.length > 0) return { status: 'member' };
      } else {
        const u = input.accepter.newUser;
        // ON CONFLICT rather than catching 23505: a failed statement would abort the whole transaction.
        const { rows: created } = await tx.query<Row>(
          `INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id`,
          [u.id, u.email, u.name, u.passwordHash],
        );
        if (!created[0]) return { status: 'email_taken' };
        userId = created[0].id;
      }
      await tx.query('INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3)', [
        invite.orgId,
        userId,
        invite.role,
      ]);
      await tx.query('UPDATE invites SET accepted_at = $2, accepted_by = $3 WHERE id = $1', [
        invite.id,
        input.now,
        userId,
      ]);
      return { status: 'ok', userId, invite: { ...invite, acceptedAt: input.now, acceptedBy: userId } };
    });
  }
}

function toInvite(row: Row): Invite {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    role: row.role as Role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
  };
}
