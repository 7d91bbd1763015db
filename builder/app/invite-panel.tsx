/** The invite part of the Team page: make a link (role, optional email), copy it, and see or revoke pending ones. */
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type InviteInfo, type Role } from '../api.ts';
import { reason, ROLE_LABELS } from './team-words.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "8 December 2026": when a link stops working, in the author's own locale. */
export function expiryDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** Invites: create a single-use link for a role, and see or withdraw the pending ones. */
export function InvitePanel() {
  const [pending, setPending] = useState<InviteInfo[]>([]);
  const [created, setCreated] = useState<InviteInfo | undefined>();
  const [error, setError] = useState('');
  const load = () => api.invites().then(setPending, (err) => setError(reason(err)));
  useEffect(() => void load(), []);

  const revoke = async (invite: InviteInfo) => {
    setError('');
    try {
      await api.revokeInvite(invite.id);
      if (created?.id === invite.id) setCreated(undefined);
      await load();
    } catch (err) {
      setError(`The invite was not revoked: ${reason(err)}`);
    }
  };

  return (
    <section aria-labelledby="cl-invite-title">
      <h2 id="cl-invite-title">Invite someone</h2>
      <InviteForm
        onCreated={(invite) => {
          setCreated(invite);
          void load();
        }}
      />
      {created?.url && <CreatedLink invite={created} />}
      <h3>Pending invites</h3>
      {error && (
        <p role="alert" class="cl-error">
          {error}
        </p>
      )}
      {pending.length === 0 ? (
        <p class="cl-hint">No invites are waiting.</p>
      ) : (
        <ul class="cl-invites" aria-label="Pending invites">
          {pending.map((i) => (
            <li key={i.id}>
              <span>{i.email ?? 'Anyone with the link'}</span>{' '}
              <span class="cl-hint">
                {ROLE_LABELS[i.role]}, expires {expiryDate(i.expiresAt)}
              </span>{' '}
              <button
                type="button"
                class="cl-danger"
                onClick={() => void revoke(i)}
                aria-label={`Revoke the invite for ${i.email ?? 'anyone with the link'}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InviteForm({ onCreated }: { onCreated: (invite: InviteInfo) => void }) {
  const [role, setRole] = useState<Role>('editor');
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    const address = email.trim();
    if (address && !EMAIL.test(address)) {
      setEmailError('Enter an email address like name@example.com, or leave it empty.');
      return;
    }
    setEmailError('');
    setBusy(true);
    try {
      onCreated(await api.createInvite(address ? { role, email: address } : { role }));
      setEmail('');
    } catch (err) {
      if (err instanceof ApiError && err.fields.email) setEmailError(err.fields.email);
      else setError(`No invite was made: ${reason(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="cl-invite-form" onSubmit={submit} noValidate>
      <label>
        Role
        <select
          name="role"
          aria-label="Role of the invited person"
          value={role}
          onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}
        >
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
            <option value={r}>{ROLE_LABELS[r]}</option>
          ))}
        </select>
      </label>
      <label>
        Email <span class="cl-hint">(optional: only this address can use the link)</span>
        <input
          name="email"
          type="email"
          value={email}
          aria-invalid={emailError ? 'true' : undefined}
          aria-describedby={emailError ? 'cl-invite-email-error' : undefined}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
        />
        {emailError && (
          <span id="cl-invite-email-error" class="cl-error">
            {emailError}
          </span>
        )}
      </label>
      {error && (
        <p role="alert" class="cl-error">
          {error}
        </p>
      )}
      <button type="submit" class="cl-primary" disabled={busy}>
        Create invite link
      </button>
    </form>
  );
}

/** The new link, once: the server keeps only its hash, so this is the moment to copy it. */
function CreatedLink({ invite }: { invite: InviteInfo }) {
  const [copied, setCopied] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invite.url!);
      setCopied('Copied.');
    } catch {
      // Without clipboard permission, select it so Ctrl+C does the rest.
      input.current?.select();
      setCopied('Press Ctrl+C (⌘C) to copy the selected link.');
    }
  };
  return (
    <div class="cl-invite-link" role="group" aria-label="New invite link">
      <p>
        Send this link to {invite.email ?? 'the person you invite'}. It works once, as{' '}
        {ROLE_LABELS[invite.role].toLowerCase()}, until {expiryDate(invite.expiresAt)}; you will not see it again.
      </p>
      <div class="cl-copy-row">
        <input
          readOnly
          value={invite.url}
          aria-label="Invite link"
          ref={input}
          onFocus={(e) => (e.target as HTMLInputElement).select()}
        />
        <button type="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      {copied && (
        <p role="status" class="cl-hint">
          {copied}
        </p>
      )}
    </div>
  );
}
