/** A small likeness of the widget in the bot's colours, title and first words, updated as the author edits. */
import { h } from 'preact';
import { uiText } from '../../compiler/browser.ts';
import type { Scenario } from '../../compiler/index.ts';
import type { Doc } from '../model/types.ts';

/**
 * The launcher icon's path, as runtime/widget/app.tsx draws it. A copy, not an import: the runtime's bundle is
 * byte-budgeted and keeps its icon inline; builder/panels/theme-preview.test.ts checks the two are equal.
 */
export const LAUNCHER_ICON_PATH = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';

const DEFAULT_ACCENT = '#4f46e5';

type Text = string | Record<string, string> | undefined;

/** A scenario Text in the bot's main language (the widget picks the visitor's, falling back to that one). */
function inLocale(text: Text, locale: string): string {
  if (text === undefined || typeof text === 'string') return text ?? '';
  return text[locale] ?? text[locale.slice(0, 2)] ?? Object.values(text)[0] ?? '';
}

/** What the widget's header says: the theme's title, else the runtime's own word for "Chat" in the bot's language. */
export function previewTitle(doc: Doc): string {
  const title = ((doc.settings as { theme?: { title?: string } } | undefined)?.theme?.title ?? '').trim();
  if (title) return title;
  const locale = doc.locale ?? 'en';
  return inLocale(uiText(doc as unknown as Scenario, 'title', locale), locale.slice(0, 2));
}

/**
 * The bot's first words, as the widget shows them on opening: the messages from the start node on, up to and
 * including the first question (choice, input or intent prompt), where the bot waits for the visitor.
 * Empty when the bot starts with something else (a delay, a handoff…).
 */
export function firstWords(doc: Doc, max = 3): string[] {
  const locale = doc.locale ?? 'en';
  const vars = (doc.variables ?? {}) as Record<string, unknown>;
  const fill = (t: Text) =>
    inLocale(t, locale).replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? ''));
  const byId = new Map(doc.nodes.map((n) => [n.id, n as Record<string, any>]));
  const words: string[] = [];
  for (let node = byId.get(doc.start); node && words.length < max; node = byId.get(node.next)) {
    if (node.type === 'message') words.push(fill(node.text));
    else {
      if (['choice', 'input', 'intent'].includes(node.type) && node.prompt) words.push(fill(node.prompt));
      break;
    }
  }
  return words.filter(Boolean);
}

/** A still of the widget in the chosen look, with the bot's first words. */
export function ThemePreview({ doc }: { doc: Doc }) {
  const accent = (doc.settings as { theme?: { accent?: string } } | undefined)?.theme?.accent ?? '';
  const colour = /^#[0-9a-f]{3,8}$/i.test(accent) ? accent : DEFAULT_ACCENT;
  const words = firstWords(doc);
  return (
    <div class="cl-theme-preview" role="figure" aria-label="Theme preview" data-accent={colour}>
      <div class="cl-theme-header" style={{ background: colour }}>
        {previewTitle(doc)}
      </div>
      <div class="cl-theme-body">
        {words.length ? (
          words.map((w) => <span class="cl-theme-bubble">{w}</span>)
        ) : (
          <span class="cl-theme-bubble cl-theme-sample" title="The bot does not start with a message">
            Sample: Hi! How can I help?
          </span>
        )}
      </div>
      <div class="cl-theme-launcher" style={{ background: colour }} aria-hidden="true">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d={LAUNCHER_ICON_PATH} />
        </svg>
      </div>
    </div>
  );
}
