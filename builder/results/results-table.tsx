/**
 * The Results table: one row per conversation with its collected answers; a row opens the visitor's reached
 * path, and an owner deletes a result (or every result of that visitor) after a question naming it.
 */
import { h, Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ConfirmDialog } from '../app/confirm-dialog.tsx';
import { signedInRole } from '../app/nav-bar.tsx';
import { reason } from '../app/team-words.ts';
import { stepText, type ResultRow } from './results-model.ts';

/** What is being deleted: one result, or every result of its visitor. */
type Deleting = { row: ResultRow; what: 'result' | 'visitor' };

/** The rows of one page; `onChanged` reloads the page after a delete. */
export function ResultsTable(props: { botId: string; columns: string[]; rows: ResultRow[]; onChanged: () => void }) {
  const [open, setOpen] = useState<string | undefined>();
  const [deleting, setDeleting] = useState<Deleting | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // Only owners may delete (editors read); a session without a role (an API token) is left to the server to judge.
  const mayDelete = signedInRole() !== 'editor';
  const shown = props.rows.find((r) => r.id === open);

  const remove = async ({ row, what }: Deleting) => {
    setBusy(true);
    setError('');
    try {
      if (what === 'result') await api.deleteResult(props.botId, row.id);
      else await api.eraseVisitor(props.botId, row.visitorId);
      setDeleting(undefined);
      setOpen(undefined);
      props.onChanged();
    } catch (err) {
      setError(`Nothing was deleted: ${reason(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div class="cl-results-scroll">
        <table class="cl-results-table" aria-label="Results">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Updated</th>
              <th scope="col">Status</th>
              <th scope="col">Last node</th>
              {props.columns.map((c) => (
                <th scope="col" class="cl-mono">
                  {c}
                </th>
              ))}
              {mayDelete && (
                <th scope="col">
                  <span class="cl-visually-hidden">Delete</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr
                class={r.id === open ? 'cl-open' : ''}
                onClick={(e) => {
                  // The delete button is a row's child too; it asks its own question.
                  if (!(e.target as HTMLElement).closest('.cl-danger')) setOpen(r.id === open ? undefined : r.id);
                }}
              >
                <td>
                  <button type="button" class="cl-link" aria-expanded={r.id === open} title="Show the reached path">
                    {r.started}
                  </button>
                </td>
                <td>{r.updated}</td>
                <td>
                  <span class={`cl-status cl-status-${r.status === 'Completed' ? 'done' : 'left'}`}>{r.status}</span>
                </td>
                <td>{r.lastNode}</td>
                {r.cells.map((c) => (
                  <td>{c}</td>
                ))}
                {mayDelete && (
                  <td>
                    <button
                      type="button"
                      class="cl-danger"
                      aria-label={`Delete the result started ${r.started}`}
                      onClick={() => setDeleting({ row: r, what: 'result' })}
                    >
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown && (
        <section class="cl-results-path" aria-label="Reached path">
          <h2>Path of the conversation started {shown.started}</h2>
          <ol>
            {shown.path.map((s) => (
              <li class={s.title === undefined ? 'cl-hint' : ''}>{stepText(s)}</li>
            ))}
          </ol>
          <p class="cl-hint">
            Visitor <code>{shown.visitorId}</code>, {shown.status.toLowerCase()}.
          </p>
          {mayDelete && (
            <button type="button" class="cl-danger" onClick={() => setDeleting({ row: shown, what: 'visitor' })}>
              Erase everything from this visitor
            </button>
          )}
        </section>
      )}
      {deleting && (
        <ConfirmDialog
          title={
            deleting.what === 'result'
              ? `Delete the result started ${deleting.row.started}?`
              : `Erase every result of visitor ${deleting.row.visitorId}?`
          }
          confirmLabel={deleting.what === 'result' ? 'Delete result' : 'Erase visitor'}
          busy={busy}
          error={error}
          onConfirm={() => void remove(deleting)}
          onCancel={() => {
            setDeleting(undefined);
            setError('');
          }}
        >
          <p>
            {deleting.what === 'result'
              ? `Its answers (${describe(props.columns, deleting.row)}) leave the table, the CSV and the analytics counts.`
              : 'All their conversations with this bot leave the table, the CSV and the analytics counts.'}{' '}
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** The row's answers in a few words for the question: "email: ann@acme.example, name: Ann", or that there are none. */
function describe(columns: string[], row: ResultRow): string {
  const set = columns.map((c, i) => [c, row.cells[i]] as const).filter(([, v]) => v);
  return set.length ? set.map(([c, v]) => `${c}: ${v}`).join(', ') : 'none collected';
}
