/** What comes before the editor: signing in (or creating the first account), and choosing or creating a bot. */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type BotInfo } from '../api.ts';
import { BLANK, TEMPLATES } from '../model/templates.ts';
import type { Doc } from '../model/types.ts';

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
        {mode === 'setup' && <label>Team name <input name="org" required autoComplete="organization" /></label>}
        <label>Email <input name="email" type="email" required autoComplete="email" /></label>
        <label>Password <input name="password" type="password" required minLength={8} autoComplete={mode === 'login' ? 'current-password' : 'new-password'} /></label>
        {error && <p role="alert" class="cl-error">{error}</p>}
        <button type="submit" class="cl-primary">{mode === 'login' ? 'Sign in' : 'Create account'}</button>
      </form>
      <button type="button" class="cl-link" onClick={() => setMode(mode === 'login' ? 'setup' : 'login')}>
        {mode === 'login' ? 'First time here? Create the account' : 'I already have an account'}
      </button>
    </main>
  );
}

export function BotPicker({ onOpen }: { onOpen: (id: string) => void }) {
  const [bots, setBots] = useState<BotInfo[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => void api.bots().then(setBots, (err) => setError((err as Error).message)), []);
  const create = async (doc: Doc) => {
    try {
      const bot = await api.createBot(doc.name, doc);
      onOpen(bot.id);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main class="cl-start">
      <h1>Your bots</h1>
      {error && <p role="alert" class="cl-error">{error}</p>}
      {bots && bots.length > 0 && (
        <ul class="cl-bot-list">
          {bots.map((b) => (
            <li><button type="button" class="cl-link" onClick={() => onOpen(b.id)}>{b.name}</button> <span class="cl-hint">{b.published ? `version ${b.published.version} live` : 'not published'}</span></li>
          ))}
        </ul>
      )}
      <h2>New bot</h2>
      <ul class="cl-templates">
        <li><button type="button" class="cl-template" onClick={() => create(BLANK())}><strong>Blank</strong><span>Start from an empty canvas</span></button></li>
        {TEMPLATES.map((t) => (
          <li><button type="button" class="cl-template" onClick={() => create(t.make())}><strong>{t.title}</strong><span>{t.description}</span></button></li>
        ))}
      </ul>
    </main>
  );
}
