import type { Actor } from '../auth/actor.ts';
import { hashToken } from '../auth/token-hash.ts';
import { notFound } from '../http/http-error.ts';
import { newId, newSecret } from '../ids.ts';
import type { AccountsStore, ApiToken, Role } from '../store/types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** API tokens for automation: the secret is shown once, at creation; the store keeps its SHA-256. */
export class TokenService {
  constructor(private readonly store: AccountsStore) {}

  list(actor: Actor): Promise<ApiToken[]> {
    return this.store.listTokens(actor.orgId);
  }

  /**
   * A new token in the caller's organisation. Made by a user, it stops working when that user leaves
   * the organisation; made with another token (no user), it lives until revoked or expired.
   */
  async create(
    actor: Actor,
    input: { name: string; role: Role; expiresInDays?: number },
  ): Promise<{ token: ApiToken; secret: string }> {
    const secret = newSecret();
    const token = await this.store.createToken({
      id: newId('t'),
      orgId: actor.orgId,
      userId: actor.userId ?? null,
      role: input.role,
      name: input.name,
      tokenHash: hashToken(secret),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
    });
    return { token, secret };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    if (!(await this.store.revokeToken(actor.orgId, id))) throw notFound('token', id);
  }
}
