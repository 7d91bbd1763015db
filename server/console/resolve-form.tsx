import { h } from 'preact';
import { useState } from 'preact/hooks';

interface Row {
  name: string;
  value: string;
}

/**
 * Outcome, variables for the bot to continue with, and a private note. A value that parses as JSON
 * (`10`, `true`, `"x"`) is sent as that value; anything else as text.
 */
export function ResolveForm(props: {
  busy: boolean;
  onResolve: (body: { outcome: string; variables: Record<string, unknown>; note: string | null }) => void;
}) {
  const [outcome, setOutcome] = useState('resolved');
  const [rows, setRows] = useState<Row[]>([{ name: '', value: '' }]);
  const [note, setNote] = useState('');

  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function submit(e: Event) {
    e.preventDefault();
    const variables: Record<string, unknown> = {};
    for (const r of rows) if (r.name.trim()) variables[r.name.trim()] = parse(r.value);
    props.onResolve({ outcome, variables, note: note.trim() || null });
  }

  return (
    <form onSubmit={submit}>
      <div class="field">
        <label for="outcome">Outcome</label>
        <select id="outcome" value={outcome} onChange={(e) => setOutcome((e.target as HTMLSelectElement).value)}>
          <option value="resolved">Resolved</option>
          <option value="unresolved">Unresolved</option>
        </select>
      </div>
      <fieldset class="field">
        <legend>Variables for the bot</legend>
        {rows.map((r, i) => (
          <div class="varrow" key={i}>
            <input
              aria-label={`Variable ${i + 1} name`}
              placeholder="name"
              value={r.name}
              onInput={(e) => set(i, { name: (e.target as HTMLInputElement).value })}
            />
            <input
              aria-label={`Variable ${i + 1} value`}
              placeholder="value"
              value={r.value}
              onInput={(e) => set(i, { value: (e.target as HTMLInputElement).value })}
            />
            <button
              type="button"
              class="btn"
              aria-label={`Remove variable ${i + 1}`}
              onClick={() => setRows(rows.length > 1 ? rows.filter((_, j) => j !== i) : [{ name: '', value: '' }])}
            >
              ×
            </button>
          </div>
        ))}
        <button type="button" class="btn" onClick={() => setRows([...rows, { name: '', value: '' }])}>
          Add variable
        </button>
      </fieldset>
      <div class="field">
        <label for="note">Note (for the team, not the visitor)</label>
        <textarea id="note" rows={3} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </div>
      <button type="submit" class="btn primary" disabled={props.busy}>
        Resolve
      </button>
    </form>
  );
}

function parse(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
