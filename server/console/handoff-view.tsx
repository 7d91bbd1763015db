import { h, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type HandoffDetail } from './api.ts';
import { ago, formatWait, waitedMs } from './waiting-time.ts';
import { ResolveForm } from './resolve-form.tsx';

/**
 * One handoff: the conversation (the bot's transcript, then the chat with the manager) with a reply box,
 * and beside it the visitor's variables and the resolve form. Claiming moves focus to the reply box.
 */
export function HandoffView(props: { detail: HandoffDetail; now: number; onChanged: () => Promise<void> }) {
  const d = props.detail;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [d.id, d.messages.length]);
  useEffect(() => setError(null), [d.id]);
  // After claiming, the reply box appears with the next read of the handoff; that is when it takes focus.
  const claimedHere = useRef(false);
  useEffect(() => {
    if (d.status === 'active' && claimedHere.current) {
      claimedHere.current = false;
      box.current?.focus();
    }
  }, [d.status]);

  async function act(fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await props.onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong; try again.');
      await props.onChanged().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  }

  const claim = () =>
    act(async () => {
      claimedHere.current = true;
      await api(`/handoffs/${d.id}/claim`, { method: 'POST' });
    });

  const send = (e?: Event) => {
    e?.preventDefault();
    const message = text.trim();
    if (!message) return;
    void act(async () => {
      await api(`/handoffs/${d.id}/messages`, { method: 'POST', body: { text: message } });
      setText('');
      box.current?.focus();
    });
  };

  // One click for a task nobody can answer any more: closed as unresolved, with a note saying why.
  const closeLeft = () =>
    act(() =>
      api(`/handoffs/${d.id}/resolve`, {
        method: 'POST',
        body: { outcome: 'unresolved', variables: {}, note: 'Visitor left' },
      }),
    );

  const open = d.status === 'waiting' || d.status === 'active';
  return (
    <div class="detail">
      <div class="chat">
        <h2>
          {d.status === 'waiting'
            ? `Waiting ${formatWait(waitedMs(d, props.now))}`
            : d.claimedByName
              ? `With ${d.claimedByName}`
              : 'Conversation'}{' '}
          <span class={'status ' + (d.outcome ?? d.status)}>{d.outcome ?? d.status}</span>
        </h2>
        {d.visitorLeftAt && open && (
          <div class="left-banner">
            <p>
              <strong>Visitor left</strong>{' '}
              <time dateTime={d.visitorLeftAt} title={new Date(d.visitorLeftAt).toLocaleString()}>
                {ago(d.visitorLeftAt, props.now)}
              </time>{' '}
              · they closed the page and have not come back.
            </p>
            <button
              type="button"
              class="btn"
              disabled={busy}
              title="Closes it as unresolved, with the note “Visitor left”"
              onClick={closeLeft}
            >
              Close task
            </button>
          </div>
        )}
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        <div class="log" role="log" aria-label="Conversation" ref={log}>
          <ol>
            {d.transcript.map((line, i) => (
              <li key={'t' + i} class={'msg ' + line.from}>
                <span class="who">{label(line.from)}</span>
                {line.text}
              </li>
            ))}
            <li class="divider">Handed over to a manager</li>
            {d.messages.map((m) => (
              <li key={m.id} class={'msg ' + m.from}>
                <span class="who">{m.from === 'manager' ? (m.name ?? 'Manager') : 'Visitor'}</span>
                {m.text}
              </li>
            ))}
          </ol>
        </div>
        {d.status === 'waiting' && (
          <div class="compose">
            <button type="button" class="btn primary" disabled={busy} onClick={claim}>
              Claim
            </button>
          </div>
        )}
        {d.status === 'active' && (
          <form class="compose" onSubmit={send}>
            <label class="sr-only" for="reply">
              Message to the visitor
            </label>
            <textarea
              id="reply"
              ref={box}
              value={text}
              placeholder="Write to the visitor… (Enter sends, Shift+Enter for a new line)"
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) send(e);
              }}
            />
            <button type="submit" class="btn primary" disabled={busy || !text.trim()}>
              Send
            </button>
          </form>
        )}
      </div>
      <aside class="side" aria-label="Visitor details">
        <section>
          <h3>Variables</h3>
          <Vars vars={d.variables} />
        </section>
        {open ? (
          <section>
            <h3>Resolve</h3>
            <ResolveForm
              key={d.id}
              busy={busy}
              onResolve={(body) => act(() => api(`/handoffs/${d.id}/resolve`, { method: 'POST', body }))}
            />
          </section>
        ) : (
          <section>
            <h3>Outcome</h3>
            <p>
              {d.outcome ?? 'timed out before anyone claimed it'}
              {d.rating ? ` · rated ${d.rating}/5` : ''}
            </p>
            {d.note && <p>{d.note}</p>}
            {d.resultVariables && Object.keys(d.resultVariables).length > 0 && <Vars vars={d.resultVariables} />}
          </section>
        )}
      </aside>
    </div>
  );
}

function Vars(props: { vars: Record<string, unknown> }) {
  const entries = Object.entries(props.vars);
  if (entries.length === 0) return <p class="empty">None.</p>;
  return (
    <table class="vars">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{typeof v === 'string' ? v : JSON.stringify(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function label(from: string): string {
  return from === 'bot' ? 'Bot' : from === 'visitor' ? 'Visitor' : from === 'manager' ? 'Manager' : 'System';
}
