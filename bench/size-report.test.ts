import { describe, expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readScenario } from './bots.ts';
import { ENTRY, formatReport, GLUE, moduleOf, SPEC, sizeReport } from './size-report.ts';

describe('size report', () => {
  test('names every module of the full-featured bundle, and its rows add up to the bundle', async () => {
    const r = await sizeReport('full-featured', readScenario('compiler/samples/valid/full-featured.json'));
    const rows = r.modules.map((m) => m.module);
    // The big parts and the node types of a bot that uses every node type each have a row.
    for (const m of ['xstate', 'preact', 'idb', SPEC, 'runtime/boot.ts', 'runtime/host.ts', 'runtime/nodes/http.ts'])
      expect(rows).toContain(m);
    // Rows come from modules esbuild put in the bundle, and none is counted twice.
    for (const m of rows) if (m !== GLUE && m !== SPEC) expect(r.bundled).toContain(m);
    expect(new Set(rows).size).toBe(rows.length);
    expect(r.modules.reduce((a, m) => a + m.minified, 0)).toBe(r.bundle.length);
    expect(r.modules.reduce((a, m) => a + m.gzip, 0)).toBe(r.gzip);
    expect(r.gzip).toBe(gzipSync(Buffer.from(r.bundle), { level: 9 }).length);
    // Largest first, so the top of the table is where the bytes are.
    expect(r.modules.map((m) => m.gzip)).toEqual(r.modules.map((m) => m.gzip).sort((a, b) => b - a));
  });

  test('leaves out node types a bot does not use', async () => {
    const r = await sizeReport('message/choice/input', readScenario('bench/scenarios/message-choice-input.json'));
    const rows = r.modules.map((m) => m.module);
    expect(rows).toContain('runtime/nodes/input.ts');
    expect(rows).not.toContain('runtime/nodes/http.ts');
    expect(rows).not.toContain('runtime/nodes/delay.ts');
    expect(formatReport(r)).toMatch(/^message\/choice\/input: [\d,]+ B gzip/);
  });

  test('groups source paths by package and runtime file', () => {
    expect(moduleOf('../node_modules/xstate/dist/raise-abc.esm.js')).toBe('xstate');
    expect(moduleOf('node_modules/preact/hooks/dist/hooks.module.js')).toBe('preact/hooks');
    expect(moduleOf('node_modules/preact/dist/preact.module.js')).toBe('preact');
    expect(moduleOf('runtime/widget/app.tsx')).toBe('runtime/widget/app.tsx');
    expect(moduleOf('../../runtime/nodes/delay.ts')).toBe('runtime/nodes/delay.ts');
    expect(moduleOf('runtime/variant.js')).toBe(ENTRY);
  });
});
