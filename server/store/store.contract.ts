/**
 * The behaviour every Store implementation must have, facet by facet (accounts, bots, timers, handoffs, results). Each
 * implementation's test file calls `runStoreContract(name, makeStore)`: PGlite always, PostgreSQL when installed.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { runAccountContract } from './account-store.contract.ts';
import { runBotLifecycleContract } from './bot-lifecycle.contract.ts';
import { runHandoffStoreContract } from './handoff-store.contract.ts';
import { runResultStoreContract } from './result-store.contract.ts';
import { runTimerStoreContract } from './timer-store.contract.ts';
import type { Bot, Bundle, Store } from './types.ts';

export interface StoreFixture {
  store: Store;
  /** Called once after the suite, after `store.close()`. */
  cleanup?: () => Promise<void>;
}

const scenario = (text: string) => ({
  format: 'chatlet.scenario/1',
  name: 'Contract',
  start: 'a',
  nodes: [
    { id: 'a', type: 'message', text, next: 'b' },
    { id: 'b', type: 'end' },
  ],
});

function fakeBundle(body: string): Bundle {
  return {
    hash: createHash('sha256').update(body).digest('hex'),
    body,
    gzip: new Uint8Array([1, 2, 3]),
    brotli: new Uint8Array([4, 5, 6]),
  };
}

/** Registers the Store contract tests for one implementation. */
export function runStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    let orgId: string;
    let otherOrgId: string;

    beforeAll(async () => {
      fixture = await makeStore();
      store = fixture.store;
      orgId = (await store.ensureOrg({ id: newId('o'), name: 'Acme' })).id;
      otherOrgId = (await store.ensureOrg({ id: newId('o'), name: 'Rival' })).id;
    });

    afterAll(async () => {
      await store?.close();
      await fixture?.cleanup?.();
    });

    // First: the first-owner set-up needs a store without users.
    const context = () => ({ store, orgId, otherOrgId });
    describe('accounts facet', () => runAccountContract(context));
    describe('bots facet', () => runBotLifecycleContract(context));
    describe('timers facet', () => runTimerStoreContract(context));
    describe('handoffs facet', () => runHandoffStoreContract(context));
    describe('results facet', () => runResultStoreContract(context));

    async function newBot(name = 'Bot', text = 'Hello') {
      return store.createBot({ id: newId('b'), orgId, name, scenario: scenario(text), diagnostics: [] });
    }

    async function publish(botId: string, text: string) {
      const bundle = fakeBundle(`bundle:${botId}:${text}`);
      const key = `key:${botId}:${text}`;
      await store.putCompileResult({ key, ok: true, diagnostics: [], bundleHash: bundle.hash }, bundle);
      const version = await store.publishVersion({
        orgId,
        botId,
        scenario: scenario(text),
        bundleHash: bundle.hash,
        compileKey: key,
        createdBy: null,
      });
      return { version: version!, bundle };
    }

    it('reports the newest migration as applied', async () => {
      expect(await store.schemaVersion()).toBeGreaterThanOrEqual(1);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('creates an organisation once, however often it is ensured', async () => {
      const id = newId('o');
      const first = await store.ensureOrg({ id, name: 'First' });
      const second = await store.ensureOrg({ id, name: 'Second' });
      expect(second).toEqual(first);
      expect(first.name).toBe('First');
    });

    it('returns bot names and draft scenarios exactly as they were stored, hostile text included', async () => {
      const hostile = `<script>alert(1)</script> '; DROP TABLE bots; -- "quoted" \\ 😀 \u2028`;
      const doc = { ...scenario(hostile), zeta: 1, alpha: { nested: [1, 'two', null, true] } };
      const bot = await store.createBot({ id: newId('b'), orgId, name: hostile, scenario: doc, diagnostics: [] });
      const read = await store.getBot(orgId, bot.id);
      expect(read!.name).toBe(hostile);
      expect(read!.draft.scenario).toEqual(doc);
      expect(Object.keys(read!.draft.scenario as object)).toEqual(Object.keys(doc));
      expect(read!.published).toBeNull();
    });

    it('hides a bot from every other organisation', async () => {
      const bot = await newBot();
      expect(await store.getBot(otherOrgId, bot.id)).toBeNull();
      expect((await store.listBots(otherOrgId)).map((b) => b.id)).not.toContain(bot.id);
      expect(await store.saveDraft(otherOrgId, bot.id, { scenario: {}, diagnostics: [] })).toBeNull();
      expect(await store.renameBot(otherOrgId, bot.id, 'stolen')).toBeNull();
      expect(await store.listVersions(otherOrgId, bot.id)).toEqual([]);
      const bundle = fakeBundle('x');
      await store.putCompileResult({ key: newId('k'), ok: true, diagnostics: [], bundleHash: bundle.hash }, bundle);
      expect(
        await store.publishVersion({
          orgId: otherOrgId,
          botId: bot.id,
          scenario: {},
          bundleHash: bundle.hash,
          compileKey: 'k',
          createdBy: null,
        }),
      ).toBeNull();
      expect((await store.getBot(orgId, bot.id))!.name).toBe('Bot');
    });

    it("lists an organisation's bots with counts of draft errors and warnings", async () => {
      const bot = await newBot('Counted');
      await store.saveDraft(orgId, bot.id, {
        scenario: scenario('x'),
        diagnostics: [
          { code: 'a', severity: 'error', message: 'm' },
          { code: 'b', severity: 'warning', message: 'm' },
          { code: 'c', severity: 'warning', message: 'm' },
        ],
      });
      const listed = (await store.listBots(orgId)).find((b) => b.id === bot.id)!;
      expect(listed).toMatchObject({ name: 'Counted', draftErrors: 1, draftWarnings: 2, published: null });
    });

    it('saves a draft with its diagnostics and moves its timestamp forward', async () => {
      const bot = await newBot();
      const diagnostics = [
        {
          code: 'node.dangling_next',
          severity: 'error' as const,
          message: 'no such node',
          nodeId: 'a',
          path: 'nodes[0].next',
        },
      ];
      const saved = (await store.saveDraft(orgId, bot.id, { scenario: scenario('Changed'), diagnostics })) as Bot;
      expect(saved.draft.revision).toBe(bot.draft.revision + 1);
      expect(saved!.draft.scenario).toEqual(scenario('Changed'));
      expect(saved!.draft.diagnostics).toEqual(diagnostics);
      expect(saved!.draft.updatedAt.getTime()).toBeGreaterThanOrEqual(bot.draft.updatedAt.getTime());
      expect(await store.saveDraft(orgId, newId('b'), { scenario: {}, diagnostics: [] })).toBeNull();
    });

    it('renames a bot', async () => {
      const bot = await newBot('Old');
      expect((await store.renameBot(orgId, bot.id, 'New'))!.name).toBe('New');
    });

    it('numbers versions 1, 2, 3 and publishes the newest', async () => {
      const bot = await newBot();
      const published = [];
      for (const text of ['one', 'two', 'three']) published.push(await publish(bot.id, text));
      expect(published.map((p) => p.version.version)).toEqual([1, 2, 3]);
      const read = await store.getBot(orgId, bot.id);
      expect(read!.published).toMatchObject({ version: 3, hash: published[2].bundle.hash });
      const versions = await store.listVersions(orgId, bot.id);
      expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
      expect(versions[2]).toMatchObject({ hash: published[0].bundle.hash, compileKey: `key:${bot.id}:one` });
    });

    it("keeps a version's scenario when the draft changes afterwards", async () => {
      const bot = await newBot();
      await publish(bot.id, 'published text');
      await store.saveDraft(orgId, bot.id, { scenario: scenario('later edit'), diagnostics: [] });
      const v1 = await store.getVersion(orgId, bot.id, 1);
      expect(v1!.scenario).toEqual(scenario('published text'));
      expect(await store.getVersion(orgId, bot.id, 2)).toBeNull();
      expect(await store.getVersion(otherOrgId, bot.id, 1)).toBeNull();
    });

    it('gives concurrent publishes of one bot distinct consecutive numbers', async () => {
      const bot = await newBot();
      const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => publish(bot.id, t)));
      expect(results.map((r) => r.version.version).sort()).toEqual([1, 2, 3, 4, 5]);
      expect((await store.getBot(orgId, bot.id))!.published!.version).toBe(5);
    });

    it('serves the published bundle, and older bundles by hash only for the bot that published them', async () => {
      const bot = await newBot();
      const other = await newBot();
      const first = await publish(bot.id, 'first');
      const second = await publish(bot.id, 'second');
      const latest = await store.getPublishedBundle(bot.id);
      expect(latest!.version).toBe(2);
      expect(latest!.bundle.body).toBe(second.bundle.body);
      expect(Array.from(latest!.bundle.gzip)).toEqual([1, 2, 3]);
      expect(Array.from(latest!.bundle.brotli)).toEqual([4, 5, 6]);
      expect((await store.getBotBundle(bot.id, first.bundle.hash))!.body).toBe(first.bundle.body);
      expect(await store.getBotBundle(other.id, first.bundle.hash)).toBeNull();
      expect(await store.getBotBundle(bot.id, 'f'.repeat(64))).toBeNull();
      expect(await store.getPublishedBundle(other.id)).toBeNull();
      expect(await store.publishedBundleHash(bot.id)).toBe(second.bundle.hash);
      expect(await store.publishedBundleHash(other.id)).toBeNull();
      expect(await store.getPublishedBundle(newId('b'))).toBeNull();
    });

    it('remembers compile results, failed ones included, and stores each bundle once', async () => {
      const key = newId('k');
      expect(await store.getCompileResult(key)).toBeNull();
      const failed = {
        key,
        ok: false,
        diagnostics: [{ code: 'x', severity: 'error' as const, message: 'bad' }],
        bundleHash: null,
      };
      await store.putCompileResult(failed, null);
      expect(await store.getCompileResult(key)).toEqual(failed);

      const bundle = fakeBundle(`shared ${key}`);
      const okA = { key: `${key}-a`, ok: true, diagnostics: [], bundleHash: bundle.hash };
      const okB = { key: `${key}-b`, ok: true, diagnostics: [], bundleHash: bundle.hash };
      await store.putCompileResult(okA, bundle);
      await store.putCompileResult(okB, bundle);
      await store.putCompileResult(okA, bundle);
      expect(await store.getCompileResult(okB.key)).toEqual(okB);
      expect((await store.getBundle(bundle.hash))!.body).toBe(bundle.body);
      expect(await store.getBundle('0'.repeat(64))).toBeNull();
    });

    it('finds a live token by its hash, but not once revoked or expired', async () => {
      expect(await store.findTokenByHash('no such hash')).toBeNull();
      const hash = newId('h');
      const token = await store.createToken({
        id: newId('t'),
        orgId,
        userId: null,
        role: 'manager',
        name: 'Ops',
        tokenHash: hash,
        expiresAt: null,
      });
      expect(await store.findTokenByHash(hash)).toMatchObject({
        id: token.id,
        orgId,
        role: 'manager',
        revokedAt: null,
      });
      expect(await store.revokeToken(otherOrgId, token.id)).toBe(false);
      expect(await store.revokeToken(orgId, token.id)).toBe(true);
      expect(await store.findTokenByHash(hash)).toBeNull();

      const expiredHash = newId('h');
      await store.createToken({
        id: newId('t'),
        orgId,
        userId: null,
        role: 'owner',
        name: 'Old',
        tokenHash: expiredHash,
        expiresAt: new Date(Date.now() - 1000),
      });
      expect(await store.findTokenByHash(expiredHash)).toBeNull();
    });

    it('keeps users and their role in each organisation', async () => {
      const email = `${newId('u')}@example.com`;
      const user = await store.createUser({ id: newId('u'), email, name: 'Ann', passwordHash: null });
      expect(await store.getUserByEmail(email)).toEqual(user);
      await store.setMembership({ orgId, userId: user.id, role: 'editor' });
      await store.setMembership({ orgId, userId: user.id, role: 'owner' });
      expect(await store.getMembership(orgId, user.id)).toEqual({ orgId, userId: user.id, role: 'owner' });
      expect(await store.getMembership(otherOrgId, user.id)).toBeNull();
    });
  });
}
