import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../model/templates.ts';
import type { Doc } from '../model/types.ts';
import { firstWords, LAUNCHER_ICON_PATH, previewTitle } from './theme-preview.tsx';

const doc = (extra: Partial<Doc>): Doc =>
  ({ format: 'chatlet.scenario/1', name: 'Acme', start: 'a', nodes: [], layout: {}, ...extra }) as Doc;

describe('the theme preview', () => {
  it('draws the same launcher icon as the live widget', () => {
    const app = readFileSync(new URL('../../runtime/widget/app.tsx', import.meta.url), 'utf8');
    const runtimePath = /const ICON = \(?\s*<svg[^>]*>\s*<path d="([^"]+)"/.exec(app)?.[1];
    expect(runtimePath).toBe(LAUNCHER_ICON_PATH);
  });

  it("titles the chat like the widget: the theme title, else the word for chat in the bot's language, never the bot name", () => {
    expect(previewTitle(doc({ settings: { theme: { title: 'Ava' } } }))).toBe('Ava');
    expect(previewTitle(doc({}))).toBe('Chat');
    expect(previewTitle(doc({ settings: { theme: { title: '  ' } } }))).toBe('Chat');
    expect(previewTitle(doc({ locale: 'uk' }))).toBe('Чат');
  });

  it("shows the bot's first messages up to its first question, with declared starting values filled in", () => {
    const lead = TEMPLATES.find((t) => t.key === 'lead-capture')!.make();
    expect(firstWords(lead)).toEqual([
      "Hi! I'm Ava. Two quick questions and we'll send you an offer.",
      "What's your name?",
    ]);
    const support = TEMPLATES.find((t) => t.key === 'support')!.make();
    expect(firstWords(support)).toEqual(['Hi! What do you need help with?']);
    const greeting = doc({
      locale: 'uk',
      variables: { who: 'друже' },
      nodes: [
        { id: 'a', type: 'message', text: { en: 'Hi, {{who}}', uk: 'Привіт, {{who}}' }, next: 'b' },
        { id: 'b', type: 'delay', duration: 'PT5S', next: 'c' },
        { id: 'c', type: 'message', text: 'later' },
      ] as Doc['nodes'],
    });
    expect(firstWords(greeting)).toEqual(['Привіт, друже']);
    expect(firstWords(doc({ nodes: [{ id: 'a', type: 'handoff', queue: 'q' }] as Doc['nodes'] }))).toEqual([]);
  });
});
