import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../auth/token-hash.ts';
import { newId, newSecret } from '../ids.ts';
import type { Role } from '../store/types.ts';
import { looksLikeStack, scenario, startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.stop();
});

/** A stored API token for a role in an org, made straight in the store the way the token endpoints mint them. */
async function tokenFor(
  orgId: string,
  role: Role,
  expiresAt: Date | null = null,
): Promise<{ secret: string; id: string }> {
  const { store } = t.server.running;
  await store.ensureOrg({ id: orgId, name: orgId });
  const secret = newSecret();
  const token = await store.createToken({
    id: newId('t'),
    orgId,
    userId: null,
    role,
    name: role,
    tokenHash: hashToken(secret),
    expiresAt,
  });
  return { secret, id: token.id };
}

describe('stored API tokens and roles', () => {
  it('lets an editor token of the default org create and publish bots', async () => {
    const { secret } = await tokenFor('o_default', 'editor');
    const created = await t.api('/bots', {
      method: 'POST',
      token: secret,
      body: { name: 'By editor', scenario: scenario() },
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await t.api(`/bots/${id}/publish`, { method: 'POST', token: secret })).status).toBe(201);
  });

  it('lets a manager read bots but not change them', async () => {
    const { secret } = await tokenFor('o_default', 'manager');
    const bot = await (
      await t.api('/bots', { method: 'POST', body: { name: 'Managed', scenario: scenario() } })
    ).json();
    expect((await t.api(`/bots/${bot.id}`, { token: secret })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/bots', { name: 'x' }],
      ['PUT', `/bots/${bot.id}/scenario`, scenario()],
      ['PATCH', `/bots/${bot.id}`, { name: 'x' }],
      ['POST', `/bots/${bot.id}/publish`, undefined],
      ['POST', `/bots/${bot.id}/versions/1/restore`, undefined],
    ] as const) {
      const res = await t.api(path, { method, token: secret, body });
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect((await res.json()).error.code).toBe('auth.forbidden');
    }
  });

  it("shows an organisation nothing of another organisation's bots", async () => {
    const { secret } = await tokenFor(newId('o'), 'owner');
    const bot = await (
      await t.api('/bots', { method: 'POST', body: { name: 'Secret plans', scenario: scenario() } })
    ).json();
    await t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    const list = await t.api('/bots', { token: secret });
    expect((await list.json()).bots).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `/bots/${bot.id}`, undefined],
      ['PATCH', `/bots/${bot.id}`, { name: 'stolen' }],
      ['PUT', `/bots/${bot.id}/scenario`, scenario('stolen')],
      ['POST', `/bots/${bot.id}/publish`, undefined],
      ['GET', `/bots/${bot.id}/versions`, undefined],
      ['GET', `/bots/${bot.id}/versions/1`, undefined],
      ['POST', `/bots/${bot.id}/versions/1/restore`, undefined],
    ] as const) {
      const res = await t.api(path, { method, token: secret, body });
      const text = await res.text();
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(text).not.toContain('Secret plans');
    }
    const mine = await (await t.api(`/bots/${bot.id}`)).json();
    expect(mine.name).toBe('Secret plans');
    expect(mine.draft.scenario).toEqual(scenario());
  });

  it('refuses revoked and expired tokens with auth.invalid_token', async () => {
    const revoked = await tokenFor('o_default', 'owner');
    await t.server.running.store.revokeToken('o_default', revoked.id);
    const expired = await tokenFor('o_default', 'owner', new Date(Date.now() - 1));
    for (const secret of [revoked.secret, expired.secret]) {
      const res = await t.api('/bots', { token: secret });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('auth.invalid_token');
    }
  });
});

describe('a compiler that throws', () => {
  it('answers 500 internal without a stack, and the server stays up', async () => {
    const broken = await startTestServer({
      compile: async () => {
        throw new Error('compiler exploded at /work/main/compiler/index.ts:42');
      },
    });
    try {
      const res = await broken.api('/compile', { method: 'POST', body: { scenario: scenario() } });
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
      expect(looksLikeStack(text)).toBe(false);
      expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
    } finally {
      await broken.stop();
    }
  });
});
