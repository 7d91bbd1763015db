import { describe, expect, it, vi } from 'vitest';
import { check as checkInBrowser } from '../../check.ts';
import { check as checkInNode } from '../../index.ts';
import { acornSyntax } from './acorn-syntax.ts';
import { lazyScriptSyntax } from './lazy-script-syntax.ts';
import type { ScriptSyntaxCheck } from './script-syntax.ts';

const doc = (nodes: unknown[]) => ({ format: 'chatlet.scenario/1', name: 'T', start: nodes.length ? 'a' : '', nodes });
const end = { id: 'e', type: 'end' };
const broken = doc([{ id: 'a', type: 'script', code: 'return { total: vars.price * 2 ', next: 'e' }, end]);
const plain = doc([{ id: 'a', type: 'message', text: 'Hi', next: 'e' }, end]);
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((x) => x.code);

/** A parser load the test settles by hand, as a slow network would. */
function deferredLoad() {
  let resolve!: (c: ScriptSyntaxCheck) => void;
  let reject!: (e: Error) => void;
  const load = vi.fn(
    () =>
      new Promise<ScriptSyntaxCheck>((res, rej) => {
        [resolve, reject] = [res, rej];
      }),
  );
  return { load, resolve: (c: ScriptSyntaxCheck) => resolve(c), reject: (e: Error) => reject(e) };
}

describe('the script syntax check the builder loads lazily', () => {
  it('never loads the parser for a scenario without a script', () => {
    const { load } = deferredLoad();
    const ready = vi.fn();
    const r = checkInBrowser(plain, { scriptSyntax: lazyScriptSyntax(ready, load) });
    expect(r.ok).toBe(true);
    expect(load).not.toHaveBeenCalled();
  });

  it('finds nothing while the parser loads, asks for it once, then says it is ready and reports the syntax error', async () => {
    const { load, resolve } = deferredLoad();
    const ready = vi.fn();
    const scriptSyntax = lazyScriptSyntax(ready, load);
    expect(codes(checkInBrowser(broken, { scriptSyntax }))).not.toContain('script.syntax');
    expect(codes(checkInBrowser(broken, { scriptSyntax }))).not.toContain('script.syntax');
    expect(load).toHaveBeenCalledTimes(1);
    resolve(acornSyntax);
    await vi.waitFor(() => expect(ready).toHaveBeenCalledTimes(1));
    expect(checkInBrowser(broken, { scriptSyntax }).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'script.syntax', nodeId: 'a', path: 'nodes[0].code' }),
    );
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries the load again on the next script after it failed', async () => {
    const first = deferredLoad();
    const ready = vi.fn();
    let attempt = 0;
    const second = deferredLoad();
    const scriptSyntax = lazyScriptSyntax(ready, () => (++attempt === 1 ? first.load() : second.load()));
    checkInBrowser(broken, { scriptSyntax });
    first.reject(new Error('network down'));
    // The check's own handler was attached first, so it has run once this one has.
    await first.load.mock.results[0].value.catch(() => undefined);
    expect(ready).not.toHaveBeenCalled();
    checkInBrowser(broken, { scriptSyntax });
    expect(second.load).toHaveBeenCalledTimes(1);
    second.resolve(acornSyntax);
    await vi.waitFor(() => expect(ready).toHaveBeenCalledTimes(1));
    expect(codes(checkInBrowser(broken, { scriptSyntax }))).toContain('script.syntax');
  });

  it('loads the real parser through its dynamic import', async () => {
    const ready = vi.fn();
    const scriptSyntax = lazyScriptSyntax(ready);
    checkInBrowser(broken, { scriptSyntax });
    await vi.waitFor(() => expect(ready).toHaveBeenCalledTimes(1));
    expect(codes(checkInBrowser(broken, { scriptSyntax }))).toContain('script.syntax');
  });

  it("leaves scripts' syntax unchecked in the browser entry without a check, while Node's check reports it at once", () => {
    expect(codes(checkInBrowser(broken))).not.toContain('script.syntax');
    expect(codes(checkInNode(broken))).toContain('script.syntax');
  });
});
