/** The console header's way out: back to the builder (for owners and editors), who is signed in, and Log out. */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';

/** Who is signed in, with links to the builder and Log out. */
export function AccountLinks() {
  const [me, setMe] = useState<{ email: string; role: string } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ user: { email: string }; role: string }>('/session').then(
      (s) => setMe({ email: s.user.email, role: s.role }),
      () => undefined,
    );
  }, []);
  const logOut = async () => {
    try {
      await api('/session', { method: 'DELETE' });
      location.assign('/login');
    } catch {
      setError('Not logged out: try again.');
    }
  };
  return (
    <nav class="account-links" aria-label="Account">
      {me && me.role !== 'manager' && <a href="/builder">Builder</a>}
      {me && <span class="account-email">{me.email}</span>}
      <button type="button" onClick={() => void logOut()}>
        Log out
      </button>
      {error && (
        <span role="alert" class="status-error">
          {error}
        </span>
      )}
    </nav>
  );
}

// Its own sheet, so the console's stylesheet (another engineer's) stays as it is.
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
.account-links { display: flex; align-items: center; gap: 12px; font-size: 13px; }
.account-links a { color: var(--accent); }
.account-email { color: var(--muted); }
.account-links button { border: 1px solid var(--line); background: var(--card); border-radius: 8px; padding: 5px 10px; cursor: pointer; color: var(--ink); }
`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
