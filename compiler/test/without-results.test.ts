import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../phases/1-parse/index.ts';
import { analyze } from '../phases/2-analyze/index.ts';
import { lower } from '../phases/3-lower/index.ts';
import { bundleParts } from '../phases/4-emit/module-source.ts';

/**
 * A bot that does not opt in to results must not change by a byte. A bundle is the variant (the
 * runtime parts a bot uses) plus the bot's spec, so equal variant keys, variant sources and specs give
 * equal bundles over the same runtime. without-results.fingerprints.json holds them for every valid
 * sample, with and without a server, as the compiler produced them before results existed (commit
 * 143c3e9). A deliberate change to what every bot compiles to rewrites that file, and says so.
 */

const dir = join(import.meta.dirname, '../samples/valid');
const before = JSON.parse(readFileSync(join(import.meta.dirname, 'without-results.fingerprints.json'), 'utf8'));
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

function fingerprints(): Record<string, { key: string; variant: string; spec: string }> {
  const out: Record<string, { key: string; variant: string; spec: string }> = {};
  for (const file of readdirSync(dir).sort()) {
    const scenario = parse(readFileSync(join(dir, file), 'utf8')).scenario!;
    expect(scenario.settings?.results).toBeUndefined();
    const lowered = lower(scenario, analyze(scenario).analysis);
    for (const publicUrl of ['', 'https://chat.example']) {
      const p = bundleParts(lowered, { botId: 'bot', publicUrl, version: 'v1' });
      out[`${file}${publicUrl ? ' with a server' : ''}`] = {
        key: p.variantKey,
        variant: sha(p.variant('/runtime')),
        spec: sha(p.spec),
      };
    }
  }
  return out;
}

describe('bots without settings.results', () => {
  it('compile to the same variant keys, variant sources and specs as before results existed', () => {
    expect(fingerprints()).toEqual(before);
  });

  it('carry neither the results module nor page context, and no rs in their settings', () => {
    for (const file of readdirSync(dir)) {
      const scenario = parse(readFileSync(join(dir, file), 'utf8')).scenario!;
      const lowered = lower(scenario, analyze(scenario).analysis);
      const p = bundleParts(lowered, { botId: 'bot', publicUrl: 'https://chat.example', version: 'v1' });
      expect(p.variant('/runtime')).not.toMatch(/results\.ts|page-context\.ts/);
      expect(lowered.settings.rs).toBeUndefined();
      expect(p.spec).not.toContain('"rs":');
    }
  });
});
