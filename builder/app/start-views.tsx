/** What comes before the editor: signing in (or creating the first account), and choosing or creating a bot. */
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type BotInfo } from '../api.ts';
import { BLANK, TEMPLATES } from '../model/templates.ts';
import { DeleteBotButton } from './delete-bot.tsx';
import type { Doc } from '../model/types.ts';

/** The log-in form, or the set-up form of a new install. */
export function SignIn({ onDone }: { onDone: () => void }) {
  const [mode, setMode] = useState<'login' | 'setup'>('login');
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    try {
      if (mode === 'setup') await api.setup(email, password, String(form.get('org') || 'My team'));
      else await api.login(email, password);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main class="cl-start">
      <h1>{mode === 'login' ? 'Sign in to Chatlet' : 'Create your Chatlet account'}</h1>
      <form onSubmit={submit} class="cl-start-form">
        {mode === 'setup' && (
          <label>
            Team name <input name="org" required autoComplete="organization" />
          </label>
        )}
        <label>
          Email <input name="email" type="email" required autoComplete="email" />
        </label>
        <label>
          Password{' '}
          <input
            name="password"
            type="password"
            required
            minLength={8}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          />
        </label>
        {error && (
          <p role="alert" class="cl-error">
            {error}
          </p>
        )}
        <button type="submit" class="cl-primary">
          {mode === 'login' ? 'Sign in' : 'Create account'}
        </button>
      </form>
      <button type="button" class="cl-link" onClick={() => setMode(mode === 'login' ? 'setup' : 'login')}>
        {mode === 'login' ? 'First time here? Create the account' : 'I already have an account'}
      </button>
    </main>
  );
}

/** The organisation's bots and the templates to start a new one from. */
export function BotPicker({ onOpen }: { onOpen: (id: string) => void }) {
  const [bots, setBots] = useState<BotInfo[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => void api.bots().then(setBots, (err) => setError((err as Error).message)), []);
  // Which card is creating its bot. The ref guards synchronously: a double click lands before a re-render.
  const [creating, setCreating] = useState<string | undefined>();
  const busy = useRef(false);
  const create = async (key: string, doc: Doc) => {
    if (busy.current) return;
    busy.current = true;
    setCreating(key);
    setError('');
    try {
      const bot = await api.createBot(doc.name, doc);
      // The cards stay disabled while the editor loads: this picker is replaced, not reused.
      onOpen(bot.id);
    } catch (err) {
      setError(createFailed(err));
      busy.current = false;
      setCreating(undefined);
    }
  };
  const card = (key: string, title: string, description: string, make: () => Doc) => (
    <li>
      <button
        type="button"
        class="cl-template"
        disabled={creating !== undefined}
        aria-busy={creating === key}
        onClick={() => create(key, make())}
      >
        <strong>{title}</strong>
        <span>{creating === key ? 'Creating…' : description}</span>
      </button>
    </li>
  );
  return (
    <main class="cl-start">
      <h1>Your bots</h1>
      {error && (
        <p role="alert" class="cl-error">
          {error}
        </p>
      )}
      {bots && bots.length > 0 && (
        <ul class="cl-bot-list">
          {bots.map((b) => (
            <li>
              <button type="button" class="cl-link" onClick={() => onOpen(b.id)}>
                {b.name}
              </button>{' '}
              <span class="cl-hint">{b.published ? `version ${b.published.version} live` : 'not published'}</span>{' '}
              <a href={`/builder?bot=${encodeURIComponent(b.id)}&view=results`} aria-label={`Results of ${b.name}`}>
                Results
              </a>{' '}
              <DeleteBotButton bot={b} onDeleted={() => setBots((list) => list?.filter((x) => x.id !== b.id))} />
            </li>
          ))}
        </ul>
      )}
      <h2>New bot</h2>
      <ul class="cl-templates">
        {card('blank', 'Blank', 'Start from an empty canvas', BLANK)}
        {TEMPLATES.map((t) => card(t.key, t.title, t.description, t.make))}
      </ul>
    </main>
  );
}

/** What the author reads when a bot could not be created: the server's reason, or that it did not answer. */
function createFailed(err: unknown): string {
  // Status 0: no answer came (offline, timed out), which the sentence below says better than the client's.
  if (err instanceof ApiError && err.status !== 0)
    return `The bot was not created: ${err.message.replace(/\.$/, '')}. Try again.`;
  return 'The bot was not created: the server did not answer. Check your connection and try again.';
}
