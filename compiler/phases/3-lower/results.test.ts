import { describe, expect, it } from 'vitest';
import { parse } from '../1-parse/index.ts';
import { analyze } from '../2-analyze/index.ts';
import { bundleParts } from '../4-emit/module-source.ts';
import { lower } from './index.ts';

// How settings.results and page context reach the bundle: the lowered settings, the features, the variant.

const SERVER = 'https://chat.example';

function lowered(extra: Record<string, unknown>, text = 'Thanks!') {
  const parsed = parse({
    format: 'chatlet.scenario/1',
    name: 'T',
    start: 'a',
    nodes: [
      { id: 'a', type: 'input', prompt: 'Your email?', var: 'email', input: 'email', next: 'agree' },
      {
        id: 'agree',
        type: 'choice',
        prompt: 'May we keep it?',
        var: 'ok',
        options: [
          { label: 'Yes', value: 'yes', next: 'end' },
          { label: 'No', value: 'no', next: 'end' },
        ],
      },
      { id: 'end', type: 'end', text },
    ],
    ...extra,
  });
  expect(parsed.diagnostics).toEqual([]);
  const { analysis, diagnostics } = analyze(parsed.scenario!);
  expect(diagnostics).toEqual([]);
  return lower(parsed.scenario!, analysis);
}

const parts = (spec: ReturnType<typeof lowered>, publicUrl = SERVER) =>
  bundleParts(spec, { botId: 'b', publicUrl, version: 'v' });

describe('settings.results in the bundle', () => {
  it('lowers collect to s.rs and leaves retentionDays to the server', () => {
    const spec = lowered({ settings: { results: { collect: ['email', 'page.utm.source'], retentionDays: 30 } } });
    expect(spec.settings.rs).toEqual(['email', 'page.utm.source']);
    expect(spec.settings).not.toHaveProperty('rk');
  });

  it('lowers consent to s.rk as [variable, accept]', () => {
    const spec = lowered({ settings: { results: { collect: ['email'], consent: { variable: 'ok', accept: 'yes' } } } });
    expect([spec.settings.rs, spec.settings.rk]).toEqual([['email'], ['ok', 'yes']]);
  });

  it('gives a results bot with a server the results module as rs, without the server link it does not use', () => {
    const spec = lowered({ settings: { results: { collect: ['email'] } } });
    expect(spec.features).toMatchObject({ results: true, server: false });
    const p = parts(spec);
    const variant = p.variant('/rt');
    expect(variant).toContain('import { results } from "/rt/results.ts";');
    expect(variant).not.toContain('link.ts');
    expect(variant).toMatch(/boot\(\{[^\n]*rs: results/);
    expect(JSON.parse(p.variantKey)).toMatchObject({ lk: false, rs: true });
    expect(p.spec).toContain('"rs":["email"]');
  });

  it('gives a results bot that asks for consent the consent module around the reporter, and others none of it', () => {
    const asks = parts(
      lowered({ settings: { results: { collect: ['email'], consent: { variable: 'ok', accept: 'yes' } } } }),
    );
    expect(asks.variant('/rt')).toContain('import { consent } from "/rt/results-consent.ts";');
    expect(asks.variant('/rt')).toMatch(/boot\(\{[^\n]*rs: consent/);
    expect(JSON.parse(asks.variantKey)).toMatchObject({ rs: true, rk: true });
    const plain = parts(lowered({ settings: { results: { collect: ['email'] } } }));
    expect(plain.variant('/rt')).not.toContain('results-consent');
    expect(JSON.parse(plain.variantKey)).not.toHaveProperty('rk');
  });

  it('gives a results bot that also hands off both the results module and the server link', () => {
    const spec = lowered({
      settings: { results: { collect: ['email'] } },
      nodes: [
        { id: 'a', type: 'input', prompt: 'Your email?', var: 'email', input: 'email', next: 'human' },
        { id: 'human', type: 'handoff', next: 'end' },
        { id: 'end', type: 'end' },
      ],
    });
    const variant = parts(spec).variant('/rt');
    expect(variant).toMatch(/boot\(\{[^\n]*lk: serverLink, rs: results/);
  });

  it('leaves the results module out of a results bot with no server to report to', () => {
    const p = parts(lowered({ settings: { results: { collect: ['email'] } } }), '');
    expect(p.variant('/rt')).not.toMatch(/results\.ts|link\.ts/);
    expect(JSON.parse(p.variantKey)).not.toHaveProperty('rs');
  });

  it('gives the same scenario without results neither module, and a different variant key', () => {
    const withResults = parts(lowered({ settings: { results: { collect: ['email'] } } }));
    const without = parts(lowered({}));
    expect(without.variant('/rt')).not.toMatch(/results\.ts|link\.ts|page-context\.ts/);
    expect(Object.keys(JSON.parse(without.variantKey))).toEqual(['uses', 'tr', 'css', 'md', 'mc', 'lk', 'helpers']);
    expect(without.variantKey).not.toBe(withResults.variantKey);
  });
});

describe('page context in the bundle', () => {
  it('imports page context as the last node module when a text reads page, with or without a server', () => {
    for (const url of [SERVER, '']) {
      const p = parts(lowered({}, 'Thanks, you came from {{page.utm.source}}'), url);
      expect(p.variant('/rt')).toContain('import { pageContext } from "/rt/page-context.ts";');
      expect(p.variant('/rt')).toMatch(/boot\(\{[^\n]*k: \[k0, [^\]]*, pageContext\]/);
      expect(JSON.parse(p.variantKey)).toMatchObject({ pc: true });
    }
  });

  it('imports page context when results collect a page field, and not otherwise', () => {
    const collected = lowered({ settings: { results: { collect: ['page.referrer'] } } });
    expect(collected.features.page).toBe(true);
    expect(parts(collected).variant('/rt')).toContain('page-context.ts');
    const plain = lowered({ settings: { results: { collect: ['email'] } } });
    expect(plain.features.page).toBe(false);
    expect(parts(plain).variant('/rt')).not.toContain('page-context.ts');
  });
});
