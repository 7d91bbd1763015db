import { parse as parseScript } from 'acorn';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../index.ts';

const read = (p: string) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const full = read('../samples/valid/full-featured.json');
const lead = read('../samples/valid/lead-capture.json');

describe('the emitted bundle', () => {
  it('is deterministic: the same scenario gives the same bytes and hash', async () => {
    const a = await compile(full, { botId: 'bot-1' });
    const b = await compile(structuredClone(full), { botId: 'bot-1' });
    expect(a.ok).toBe(true);
    expect(b.bundle).toBe(a.bundle);
    expect(b.hash).toBe(a.hash);
    const other = await compile(full, { botId: 'bot-2' });
    expect(other.hash).not.toBe(a.hash);
  });

  it('contains no eval and no new Function, even with every node type and a script node', async () => {
    const r = await compile(full, { botId: 'x' });
    expect(r.bundle).not.toMatch(/\beval\s*\(/);
    expect(r.bundle).not.toMatch(/new\s+Function\b/);
    expect(r.bundle).not.toMatch(/\bFunction\s*\(/);
  });

  it('is one minified ES2020 IIFE: it parses as ES2020 (nothing newer), as a script without imports', async () => {
    const r = await compile(full, { botId: 'x' });
    const code = r.bundle!;
    expect(code.startsWith('(()=>{')).toBe(true);
    expect(code.trimEnd().endsWith('})();')).toBe(true);
    expect(code.split('\n').length).toBeLessThan(6);
    // acorn refuses any syntax newer than the version it is given (??=, class fields, and so on).
    expect(() => parseScript(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
    expect(() => parseScript('a ??= 1', { ecmaVersion: 2020, sourceType: 'script' })).toThrow();
    expect(code).not.toMatch(/^import\s|\bimport\(/m);
  });

  it('leaves out the runtime code of node types the scenario does not use', async () => {
    const small = await compile(lead, { botId: 'x' });
    const big = await compile(full, { botId: 'x' });
    for (const marker of ['Idempotency-Key', ':compensate', '2147483e3', 'hres']) {
      expect(big.bundle).toContain(marker);
      expect(small.bundle).not.toContain(marker);
    }
  });

  it('refuses script code that closes its own function early, naming the node', async () => {
    const doc = {
      format: 'chatlet.scenario/1',
      name: 'x',
      start: 's',
      nodes: [
        { id: 's', type: 'script', code: 'return {}; }); document.title = "owned"; (async function(){', next: 'e' },
        { id: 'e', type: 'end' },
      ],
    };
    const r = await compile(doc, { botId: 'x' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'script.syntax', nodeId: 's' }));
    expect(r.bundle).toBeUndefined();
  });

  it('reports a script syntax error as a diagnostic with its node and column', async () => {
    const doc = {
      format: 'chatlet.scenario/1',
      name: 'x',
      start: 's',
      nodes: [
        { id: 's', type: 'script', code: 'return { a: 1 ', next: 'e' },
        { id: 'e', type: 'end' },
      ],
    };
    const r = await compile(doc, { botId: 'x' });
    const diag = r.diagnostics.find((d) => d.code === 'script.syntax');
    expect(diag).toMatchObject({ nodeId: 's', path: 'nodes[0].code' });
  });

  it('returns the XState machine config as plain JSON', async () => {
    const r = await compile(lead, { botId: 'x' });
    expect(JSON.parse(JSON.stringify(r.machine))).toEqual(r.machine);
    expect(r.machine).toMatchObject({ id: 'chatlet', initial: lead.start });
  });
});
