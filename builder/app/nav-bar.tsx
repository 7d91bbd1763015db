/**
 * The builder's navigation, on every view: the bot list, the Team page, the console, who is signed in, and Log out.
 * The bot list and the Team page show it as a bar of its own; the editor puts the links at the end of its toolbar.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';

/** The builder page being shown, for the navigation to mark. */
export type View = 'bots' | 'team' | 'editor';

// Who is signed in, as the boot's session check found it: every view's links show it without asking again.
let signedIn: { email?: string; role?: string } = {};

/** Remembers the session the builder started with (main.tsx calls it once it knows). */
export function setSignedIn(session: { user?: { email: string }; role?: string }): void {
  signedIn = { email: session.user?.email, role: session.role };
}

/** The role of whoever is signed in, if a session says it (an API token in sessionStorage does not). */
export function signedInRole(): string | undefined {
  return signedIn.role;
}

/** The links between the builder, the team and the console, with who is signed in and Log out. */
export function NavLinks({ current }: { current: View }) {
  const [error, setError] = useState('');
  const logOut = async () => {
    try {
      await api.logout();
      sessionStorage.removeItem('chatlet.token');
      location.assign('/login');
    } catch {
      setError('Not logged out: the server did not answer. Try again.');
    }
  };
  const link = (view: View, href: string, label: string) => (
    <a href={href} class="cl-nav-link" aria-current={current === view ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="cl-nav-links" aria-label="Chatlet">
      {link('bots', '/builder', 'Bots')}
      {link('team', '/builder?view=team', 'Team')}
      <a href="/console" class="cl-nav-link">
        Console
      </a>
      {signedIn.email && (
        <span class="cl-nav-user" title="Signed in as">
          {signedIn.email}
        </span>
      )}
      <button type="button" class="cl-link" onClick={() => void logOut()}>
        Log out
      </button>
      {error && (
        <span role="alert" class="cl-error">
          {error}
        </span>
      )}
    </nav>
  );
}

/** The bar above the bot list and the Team page. */
export function NavBar({ current }: { current: View }) {
  return (
    <header class="cl-nav">
      <a class="cl-brand" href="/builder">
        Chatlet
      </a>
      <NavLinks current={current} />
    </header>
  );
}
