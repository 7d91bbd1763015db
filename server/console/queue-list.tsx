import { h } from 'preact';
import { duration, type QueueEntry } from './api.ts';

const LONG_WAIT_MS = 2 * 60_000;

/** The list of one tab; waiting times keep counting between refreshes (`extraMs` since the list was read). */
export function QueueList(props: { entries: QueueEntry[]; selected: string | null; onSelect: (id: string) => void; extraMs: number }) {
  if (props.entries.length === 0) return <p class="empty">Nothing here right now.</p>;
  return (
    <ul class="queue">
      {props.entries.map((e) => {
        const waiting = e.status === 'waiting' ? e.waitingMs + props.extraMs : e.waitingMs;
        return (
          <li key={e.id}>
            <button type="button" aria-current={props.selected === e.id ? 'true' : undefined} onClick={() => props.onSelect(e.id)}>
              <strong>{e.preview ?? 'Visitor asked for help'}</strong>
              <span class="meta">
                <span>{e.queue ?? 'general'}{e.claimedByName && e.status !== 'waiting' ? ` · ${e.claimedByName}` : ''}</span>
                <span class={'wait' + (e.status === 'waiting' && waiting > LONG_WAIT_MS ? ' long' : '')}>
                  {e.status === 'waiting' ? `waiting ${duration(waiting)}` : <span class={'status ' + (e.outcome ?? e.status)}>{e.outcome ?? e.status}</span>}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
