/**
 * The bot-lifecycle part of the Store contract: draft revisions, settings, unpublish, delete, the visitor
 * endpoints' view of a bot, and export. Registered by `runStoreContract`.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { ContractContext } from './account-store.contract.ts';
import type { Bot } from './types.ts';

const scenario = (text: string, settings?: Record<string, unknown>) => ({
  format: 'chatlet.scenario/1',
  name: 'Contract',
  ...(settings ? { settings } : {}),
  start: 'a',
  nodes: [
    { id: 'a', type: 'message', text, next: 'b' },
    { id: 'b', type: 'end' },
  ],
});

export function runBotLifecycleContract(context: () => ContractContext): void {
  async function newBot(text = 'Hi') {
    const { store, orgId } = context();
    return store.createBot({ id: newId('b'), orgId, name: 'Bot', scenario: scenario(text), diagnostics: [] });
  }

  async function publish(botId: string, doc: unknown) {
    const { store, orgId } = context();
    const body = `bundle ${botId} ${JSON.stringify(doc)}`;
    const hash = createHash('sha256').update(body).digest('hex');
    await store.putCompileResult(
      { key: hash, ok: true, diagnostics: [], bundleHash: hash },
      { hash, body, gzip: new Uint8Array([1]), brotli: new Uint8Array([2]) },
    );
    return (await store.publishVersion({
      orgId,
      botId,
      scenario: doc,
      bundleHash: hash,
      compileKey: hash,
      createdBy: null,
    }))!;
  }

  it('saves a draft only over the revision it was loaded at, so one of two concurrent saves gets a conflict', async () => {
    const { store, orgId, otherOrgId } = context();
    const bot = await newBot();
    expect(bot.draft.revision).toBe(1);
    const saves = await Promise.all(
      ['x', 'y'].map((t) =>
        store.saveDraft(orgId, bot.id, { scenario: scenario(t), diagnostics: [] }, { ifRevision: 1 }),
      ),
    );
    expect(saves.filter((s) => s === 'conflict')).toHaveLength(1);
    const winner = saves.find((s) => s !== 'conflict') as Bot;
    expect(winner.draft.revision).toBe(2);
    expect(await store.saveDraft(orgId, bot.id, { scenario: scenario('z'), diagnostics: [] }, { ifRevision: 1 })).toBe(
      'conflict',
    );
    expect(
      await store.saveDraft(otherOrgId, bot.id, { scenario: scenario('z'), diagnostics: [] }, { ifRevision: 2 }),
    ).toBeNull();
    expect(
      ((await store.saveDraft(orgId, bot.id, { scenario: scenario('z'), diagnostics: [] })) as Bot).draft.revision,
    ).toBe(3);
  });

  it('keeps settings, changes only the fields a patch names, and never returns the webhook secret', async () => {
    const { store, orgId, otherOrgId } = context();
    const bot = await newBot();
    expect(bot.settings).toEqual({
      allowedOrigins: [],
      webhookUrl: null,
      webhookSecretSet: false,
      longTimerThreshold: null,
    });
    const patched = await store.updateBotSettings(orgId, bot.id, {
      allowedOrigins: ['https://a.example'],
      webhookUrl: 'https://hooks.example/x',
      webhookSecret: 's'.repeat(20),
      longTimerThreshold: 'PT5M',
    });
    expect(patched!.settings).toEqual({
      allowedOrigins: ['https://a.example'],
      webhookUrl: 'https://hooks.example/x',
      webhookSecretSet: true,
      longTimerThreshold: 'PT5M',
    });
    expect(JSON.stringify(patched)).not.toContain('s'.repeat(20));
    const cleared = await store.updateBotSettings(orgId, bot.id, { webhookSecret: null, longTimerThreshold: null });
    expect(cleared!.settings).toEqual({
      allowedOrigins: ['https://a.example'],
      webhookUrl: 'https://hooks.example/x',
      webhookSecretSet: false,
      longTimerThreshold: null,
    });
    expect(await store.updateBotSettings(otherOrgId, bot.id, { webhookUrl: null })).toBeNull();
    const listed = (await store.listBots(orgId)).find((b) => b.id === bot.id)!;
    expect(listed.settings.allowedOrigins).toEqual(['https://a.example']);
  });

  it('creates a bot with settings (an import)', async () => {
    const { store, orgId } = context();
    const bot = await store.createBot({
      id: newId('b'),
      orgId,
      name: 'Imported',
      scenario: scenario('i'),
      diagnostics: [],
      settings: { allowedOrigins: ['https://i.example'], webhookUrl: null, longTimerThreshold: 'P1D' },
    });
    expect(bot.settings).toEqual({
      allowedOrigins: ['https://i.example'],
      webhookUrl: null,
      webhookSecretSet: false,
      longTimerThreshold: 'P1D',
    });
  });

  it("tells the visitor endpoints the bot's origins (its own and the published scenario's), webhook and threshold", async () => {
    const { store, orgId } = context();
    const bot = await newBot();
    expect(await store.botVisitorSettings(newId('b'))).toBeNull();
    expect(await store.botVisitorSettings(bot.id)).toEqual({
      orgId,
      allowedOrigins: [],
      webhookUrl: null,
      webhookSecret: null,
      longTimerThreshold: null,
      published: false,
    });
    await store.updateBotSettings(orgId, bot.id, {
      allowedOrigins: ['https://a.example', 'https://b.example'],
      webhookUrl: 'https://h.example',
      webhookSecret: 'k'.repeat(16),
    });
    await publish(
      bot.id,
      scenario('p', { allowedOrigins: ['https://b.example', 'https://c.example', 42], longTimerThreshold: 'PT2S' }),
    );
    expect(await store.botVisitorSettings(bot.id)).toEqual({
      orgId,
      allowedOrigins: ['https://a.example', 'https://b.example', 'https://c.example'],
      webhookUrl: 'https://h.example',
      webhookSecret: 'k'.repeat(16),
      longTimerThreshold: 'PT2S',
      published: true,
    });
    await store.updateBotSettings(orgId, bot.id, { longTimerThreshold: 'PT9M' });
    expect((await store.botVisitorSettings(bot.id))!.longTimerThreshold).toBe('PT9M');
  });

  it('unpublishes a bot: no bundle is served for it, by latest or by hash, and its versions stay', async () => {
    const { store, orgId, otherOrgId } = context();
    const bot = await newBot();
    const version = await publish(bot.id, scenario('served'));
    expect(await store.getBotBundle(bot.id, version.hash)).not.toBeNull();
    expect(await store.unpublishBot(otherOrgId, bot.id)).toBeNull();
    const unpublished = await store.unpublishBot(orgId, bot.id);
    expect(unpublished!.published).toBeNull();
    expect(await store.getPublishedBundle(bot.id)).toBeNull();
    expect(await store.getBotBundle(bot.id, version.hash)).toBeNull();
    expect((await store.listVersions(orgId, bot.id)).map((v) => v.version)).toEqual([1]);
    expect((await store.botVisitorSettings(bot.id))!.published).toBe(false);
    const again = await publish(bot.id, scenario('again'));
    expect(again.version).toBe(2);
    expect((await store.getPublishedBundle(bot.id))!.version).toBe(2);
  });

  it('deletes a bot with its versions, only in its own organisation', async () => {
    const { store, orgId, otherOrgId } = context();
    const bot = await newBot();
    await publish(bot.id, scenario('gone'));
    expect(await store.deleteBot(otherOrgId, bot.id)).toBe(false);
    expect(await store.deleteBot(orgId, bot.id)).toBe(true);
    expect(await store.getBot(orgId, bot.id)).toBeNull();
    expect(await store.getPublishedBundle(bot.id)).toBeNull();
    expect(await store.listVersions(orgId, bot.id)).toEqual([]);
    expect(await store.deleteBot(orgId, bot.id)).toBe(false);
  });

  it('lists every version with its scenario, newest first, for export', async () => {
    const { store, orgId, otherOrgId } = context();
    const bot = await newBot();
    await publish(bot.id, scenario('one'));
    await publish(bot.id, scenario('two'));
    const versions = await store.listVersionsWithScenarios(orgId, bot.id);
    expect(versions.map((v) => [v.version, v.scenario])).toEqual([
      [2, scenario('two')],
      [1, scenario('one')],
    ]);
    expect(await store.listVersionsWithScenarios(otherOrgId, bot.id)).toEqual([]);
  });
}
