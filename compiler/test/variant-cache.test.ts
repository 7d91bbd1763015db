import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../index.ts';
import { VARIANTS_KEPT } from '../phases/4-emit/bundle.ts';

/** The built-variant cache lives in the OS temp folder; this test gives it a folder of its own. */
describe('the disk cache of built runtime variants', () => {
  const savedTmp = process.env.TMPDIR;
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'chatlet-variant-cache-'));
    process.env.TMPDIR = root;
  });
  afterAll(() => {
    process.env.TMPDIR = savedTmp;
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps the most recently used variants and deletes the oldest when a new one is built', async () => {
    const dir = join(root, 'chatlet-variants');
    mkdirSync(dir, { recursive: true });
    // Variants left by earlier runtime versions, the oldest first; one of them was used a minute ago.
    const day = 864e5;
    for (let i = 0; i < VARIANTS_KEPT + 20; i++) {
      const file = join(dir, `old-${String(i).padStart(3, '0')}.js`);
      writeFileSync(file, '/* an old variant */');
      const t = new Date(Date.now() - (VARIANTS_KEPT + 20 - i) * day);
      utimesSync(file, t, t);
    }
    const recent = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'old-000.js'), recent, recent);

    const r = await compile(
      {
        format: 'chatlet.scenario/1',
        name: 'c',
        start: 'm',
        nodes: [
          { id: 'm', type: 'message', text: 'hi', next: 'e' },
          { id: 'e', type: 'end' },
        ],
      },
      { botId: 'x' },
    );
    expect(r.ok).toBe(true);

    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files).toHaveLength(VARIANTS_KEPT);
    const built = files.filter((f) => !f.startsWith('old-'));
    expect(built).toHaveLength(1);
    expect(statSync(join(dir, built[0])).size).toBeGreaterThan(1000);
    // The one used recently stays; the oldest unused ones went.
    expect(files).toContain('old-000.js');
    expect(files).not.toContain('old-001.js');
    expect(files).toContain(`old-${VARIANTS_KEPT + 19}.js`);
  });
});
