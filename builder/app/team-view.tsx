/**
 * The Team page (/builder?view=team): the organisation's members with their roles, and invite links.
 * Owners change roles, remove members and invite people; others are told who can.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Member, type Role } from '../api.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { InvitePanel } from './invite-panel.tsx';
import { signedInRole } from './nav-bar.tsx';
import { reason, ROLE_LABELS } from './team-words.ts';

/** The Team page: the members with their roles, and invites (owners only). */
export function TeamView() {
  const role = signedInRole();
  if (role && role !== 'owner') {
    return (
      <main class="cl-start cl-team">
        <h1>Team</h1>
        <p role="status">
          Only owners manage the team. Ask an owner of your organisation to invite people or change roles.
        </p>
      </main>
    );
  }
  return (
    <main class="cl-start cl-team">
      <h1>Team</h1>
      <Members />
      <InvitePanel />
    </main>
  );
}

function Members() {
  const [members, setMembers] = useState<Member[] | undefined>();
  const [error, setError] = useState('');
  const [removing, setRemoving] = useState<Member | undefined>();
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState('');
  const load = () => api.members().then(setMembers, (err) => setError(reason(err)));
  useEffect(() => void load(), []);

  const changeRole = async (member: Member, next: Role) => {
    setError('');
    try {
      const updated = await api.changeRole(member.id, next);
      setMembers((list) => list?.map((m) => (m.id === updated.id ? updated : m)));
    } catch (err) {
      setError(`${member.name}'s role was not changed: ${reason(err)}`);
      // The select shows what the server kept, not what was picked.
      setMembers((list) => list?.map((m) => (m.id === member.id ? { ...m } : m)));
    }
  };

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    setRemoveError('');
    try {
      await api.removeMember(removing.id);
      setRemoving(undefined);
      await load();
    } catch (err) {
      setRemoveError(reason(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="cl-members-title">
      <h2 id="cl-members-title">Members</h2>
      {error && (
        <p role="alert" class="cl-error">
          {error}
        </p>
      )}
      {!members && !error && <p class="cl-loading">Loading the team…</p>}
      {members && (
        <table class="cl-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span class="cl-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) => void changeRole(m, (e.target as HTMLSelectElement).value as Role)}
                  >
                    {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                      <option value={r}>{ROLE_LABELS[r]}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    class="cl-danger"
                    onClick={() => {
                      setRemoveError('');
                      setRemoving(m);
                    }}
                    aria-label={`Remove ${m.email}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="cl-hint">
        Owners manage bots, the team and settings; editors build and publish bots; managers answer visitors in the
        console.
      </p>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove from the team"
          busy={busy}
          error={removeError}
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(undefined)}
        >
          <p>
            {removing.name} ({removing.email}) loses access to this organisation at once: their sessions here end. Their
            account stays.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
