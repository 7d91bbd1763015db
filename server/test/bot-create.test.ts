import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { CompileFn } from '../compile/types.ts';
import { brokenScenario, scenario, startTestServer, type TestServer } from './test-server.ts';

/**
 * Creating a bot must not wait for a bundle: building a runtime variant takes seconds, and the
 * builder's template picker waits for this call. A compiler held back by the test shows none is built.
 */
describe('creating a bot', () => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  /** A real compiler that does not finish until `release()` is called. */
  function heldCompiler() {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    const fn: CompileFn = async (input, options) => {
      calls.push(options.botId);
      await gate;
      return compile(input, options);
    };
    return { fn, calls, release };
  }

  it('answers with the draft and its diagnostics without building a bundle; the first publish builds it', async () => {
    const held = heldCompiler();
    t = await startTestServer({ compile: held.fn });
    const res = await t.api('/bots', { method: 'POST', body: { name: 'Quick', scenario: scenario('fast') } });
    expect(res.status).toBe(201);
    const bot = await res.json();
    expect(bot.draft.diagnostics).toEqual([]);
    expect(held.calls).toEqual([]);
    const publishing = t.api(`/bots/${bot.id}/publish`, { method: 'POST' });
    held.release();
    expect((await publishing).status).toBe(201);
    expect(held.calls).toEqual([bot.id]);
    expect(t.server.running.compiler.stats.compiles).toBe(1);
  });

  it('reports a broken scenario at once, and builds nothing for it', async () => {
    const held = heldCompiler();
    t = await startTestServer({ compile: held.fn });
    const res = await t.api('/bots', { method: 'POST', body: { name: 'Broken', scenario: brokenScenario() } });
    expect(res.status).toBe(201);
    const bot = await res.json();
    expect(bot.draft.diagnostics.map((d: { code: string }) => d.code)).toContain('node.dangling_next');
    expect(held.calls).toEqual([]);
  });

  it("puts a script node's syntax error in the new draft's diagnostics, without building the bot", async () => {
    const held = heldCompiler();
    t = await startTestServer({ compile: held.fn });
    const withScript = {
      format: 'chatlet.scenario/1',
      name: 'Script',
      start: 'run',
      nodes: [
        { id: 'run', type: 'script', code: 'return {', next: 'end' },
        { id: 'end', type: 'end' },
      ],
    };
    const res = await t.api('/bots', { method: 'POST', body: { name: 'Script', scenario: withScript } });
    expect(res.status).toBe(201);
    const codes = (await res.json()).draft.diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toContain('script.syntax');
    // A script that parses needs no build either: the check vouches for it.
    const fine = { ...withScript, nodes: [{ ...withScript.nodes[0], code: 'return { ok: 1 };' }, withScript.nodes[1]] };
    const ok = await t.api('/bots', { method: 'POST', body: { name: 'Script', scenario: fine } });
    expect((await ok.json()).draft.diagnostics).toEqual([]);
    expect(held.calls).toEqual([]);
  });
});
