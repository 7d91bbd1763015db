/** Bot settings: name, language, how and when the chat appears, theme (with a live preview), and server-side settings. */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { Controller } from '../app/controller.ts';
import type { State } from '../app/store.ts';
import { DurationField } from './duration-field.tsx';
import { ResultsSettings } from './results-settings.tsx';
import { Field, Problems, Select, TextInput } from './fields.tsx';
import { ThemePreview } from './theme-preview.tsx';

const START_TYPES = [
  { value: 'open', label: 'When the visitor opens the chat' },
  { value: 'load', label: 'As soon as the page loads' },
  { value: 'delay', label: 'After some time on the page' },
  { value: 'scroll', label: 'When the visitor scrolls down' },
  { value: 'exit', label: 'When the visitor is about to leave' },
  { value: 'event', label: 'When the page sends an event' },
];

/** The bot's settings: name, language, how the chat appears and starts, its look, the pages allowed to embed it, and its webhook. */
export function SettingsPanel({ state, ctl }: { state: State; ctl: Controller }) {
  const settings = (state.doc.settings ?? {}) as Record<string, any>;
  const theme = (settings.theme ?? {}) as Record<string, string>;
  const startOn = (settings.startOn ?? { type: 'open' }) as Record<string, any>;
  const at = (prefix: string) => state.diagnostics.filter((d) => d.path === prefix || d.path?.startsWith(`${prefix}.`));
  const put = (patch: Record<string, unknown>, key: string) => {
    const next: Record<string, unknown> = { ...settings, ...patch };
    for (const k of Object.keys(patch)) if (patch[k] === undefined || patch[k] === '') delete next[k];
    ctl.store.run({ type: 'setField', key: 'settings', value: next, coalesce: `settings.${key}` });
  };
  const setTheme = (k: string, v: string) => {
    const next = { ...theme, [k]: v };
    if (!v) delete next[k];
    put({ theme: Object.keys(next).length ? next : undefined }, `theme.${k}`);
  };
  const setStart = (patch: Record<string, unknown>) => {
    const type = (patch.type as string) ?? startOn.type;
    const base: Record<string, unknown> = { type };
    if (type === 'delay') base.after = patch.after ?? startOn.after ?? 'PT10S';
    if (type === 'scroll') base.percent = patch.percent ?? startOn.percent ?? 50;
    if (type === 'event') base.name = patch.name ?? startOn.name ?? 'open-chat';
    put({ startOn: base }, 'startOn');
  };
  return (
    <section class="cl-settings" aria-label="Bot settings">
      <h2>Bot settings</h2>
      <TextInput
        label="Bot name"
        value={state.doc.name}
        problems={at('name')}
        onInput={(v) => ctl.store.run({ type: 'setField', key: 'name', value: v, coalesce: 'name' })}
      />
      <TextInput
        label="Main language"
        value={state.doc.locale}
        hint="Translated texts fall back to it, e.g. en"
        onInput={(v) => ctl.store.run({ type: 'setField', key: 'locale', value: v || undefined, coalesce: 'locale' })}
      />
      <Select
        label="How the chat appears"
        value={settings.mode ?? 'bubble'}
        problems={at('settings.mode')}
        options={[
          { value: 'bubble', label: 'Bubble: a button in the corner' },
          { value: 'inline', label: 'Inline: inside your page' },
          { value: 'popup', label: 'Popup' },
        ]}
        onChange={(v) => put({ mode: v }, 'mode')}
      />
      {settings.mode === 'inline' && (
        <TextInput
          label="Element to put it in (CSS selector)"
          value={settings.target}
          problems={[...at('settings.target')]}
          placeholder="#chat"
          onInput={(v) => put({ target: v }, 'target')}
        />
      )}
      <Select
        label="Start the conversation"
        value={startOn.type}
        options={START_TYPES}
        problems={at('settings.startOn')}
        onChange={(v) => setStart({ type: v })}
      />
      {startOn.type === 'delay' && (
        <DurationField
          label="After"
          value={startOn.after}
          problems={at('settings.startOn')}
          onChange={(v) => setStart({ after: v })}
        />
      )}
      {startOn.type === 'scroll' && (
        <TextInput
          label="Scrolled percent"
          value={String(startOn.percent ?? '')}
          onInput={(v) => setStart({ percent: Number(v) })}
        />
      )}
      {startOn.type === 'event' && (
        <TextInput label="Event name" value={startOn.name} onInput={(v) => setStart({ name: v })} />
      )}
      <DurationField
        label="Typing pause before each message"
        value={settings.typingDelay}
        subSecond
        problems={at('settings.typingDelay')}
        hint="Empty: 0.6 seconds"
        onChange={(v) => put({ typingDelay: v }, 'typingDelay')}
      />
      <DurationField
        label="Long-timer threshold"
        value={settings.longTimerThreshold}
        defaultUnit="min"
        problems={at('settings.longTimerThreshold')}
        hint="Empty: 1 minute. Pauses this long or longer are also kept by the server, so they fire after the tab is closed"
        onChange={(v) => put({ longTimerThreshold: v }, 'longTimerThreshold')}
      />
      <fieldset>
        <legend>Theme</legend>
        <Field label="Accent colour" problems={at('settings.theme')}>
          {(id) => (
            <input
              id={id}
              type="color"
              value={/^#[0-9a-f]{6}$/i.test(theme.accent ?? '') ? theme.accent : '#4f46e5'}
              onInput={(e) => setTheme('accent', (e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <TextInput label="Chat title" value={theme.title} onInput={(v) => setTheme('title', v)} />
        <ThemePreview doc={state.doc} />
      </fieldset>
      <TextInput
        label="Pages allowed to embed the bot (origins, comma separated)"
        value={(settings.allowedOrigins ?? []).join(', ')}
        problems={at('settings.allowedOrigins')}
        placeholder="https://acme.example"
        onInput={(v) =>
          put(
            {
              allowedOrigins: v
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean),
            },
            'allowedOrigins',
          )
        }
      />
      <ResultsSettings state={state} ctl={ctl} />
      <ServerSettings state={state} />
    </section>
  );
}

/** The webhook and the other settings the server keeps per bot (they are not part of the scenario). */
function ServerSettings({ state }: { state: State }) {
  const s = state.bot.settings ?? {};
  const [url, setUrl] = useState(s.webhookUrl ?? '');
  const [secret, setSecret] = useState('');
  const [note, setNote] = useState('');
  const save = async () => {
    const settings = (state.doc.settings ?? {}) as Record<string, any>;
    const body: Record<string, unknown> = {
      webhookUrl: url.trim() || null,
      allowedOrigins: settings.allowedOrigins ?? [],
      longTimerThreshold: settings.longTimerThreshold ?? 'PT1M',
    };
    if (secret) body.webhookSecret = secret;
    try {
      await api.settings(state.bot.id, body);
      setNote('Saved.');
      setSecret('');
    } catch (err) {
      setNote(`Not saved: ${(err as Error).message}`);
    }
  };
  return (
    <fieldset>
      <legend>Webhook</legend>
      <p class="cl-hint">Chatlet calls this URL when a long timer fires while the visitor is away.</p>
      <TextInput label="Webhook URL" value={url} placeholder="https://acme.example/chatlet-hook" onInput={setUrl} />
      <TextInput label="Webhook secret (leave empty to keep the current one)" value={secret} onInput={setSecret} />
      <button type="button" onClick={save}>
        Save webhook and origins
      </button>
      {note && (
        <span role="status" class="cl-hint">
          {' '}
          {note}
        </span>
      )}
      <Problems list={[]} />
    </fieldset>
  );
}
