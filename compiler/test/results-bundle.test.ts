import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../index.ts';

// The real bundles (esbuild over runtime/): what an opted-in bot carries and what every other bot does not.

const lead = JSON.parse(readFileSync(new URL('../samples/valid/lead-capture.json', import.meta.url), 'utf8'));
const SERVER = 'https://chat.example';
const optedIn = {
  ...lead,
  settings: { ...lead.settings, results: { collect: ['name', 'email', 'page.utm.source'], retentionDays: 30 } },
};

// Strings only these parts spell: the results route, the server link's event stream, page context's query names.
const RESULTS = 'results?token=';
const LINK = '/events?token=';
const PAGE = 'utm_';
/** Whether the bundle holds `marker`; a boolean, so a failure prints the marker rather than the whole bundle. */
const holds = (bundle: string | undefined, marker: string) => [marker, !!bundle?.includes(marker)];

describe('bundles and results', () => {
  it('an opted-in bot with a server carries the results reporter and page context, and no server link', async () => {
    const r = await compile(optedIn, { botId: 'lead', publicUrl: SERVER });
    expect(r.diagnostics).toEqual([]);
    for (const marker of [RESULTS, PAGE, 'rs:["name","email","page.utm.source"]'])
      expect(holds(r.bundle, marker)).toEqual([marker, true]);
    expect(holds(r.bundle, LINK)).toEqual([LINK, false]);
  });

  it('the same bot without settings.results carries none of it', async () => {
    const r = await compile(lead, { botId: 'lead', publicUrl: SERVER });
    expect(r.ok).toBe(true);
    for (const marker of [RESULTS, LINK, PAGE, 'rs:[']) expect(holds(r.bundle, marker)).toEqual([marker, false]);
  });
});
