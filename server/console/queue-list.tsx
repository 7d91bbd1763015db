import { h } from 'preact';
import type { QueueEntry } from './api.ts';
import { ago, formatWait, waitedMs } from './waiting-time.ts';

const LONG_WAIT_MS = 2 * 60_000;

/** The list of one tab; waits are computed from each entry's timestamps and the console's one `now`. */
export function QueueList(props: {
  entries: QueueEntry[];
  selected: string | null;
  onSelect: (id: string) => void;
  now: number;
}) {
  if (props.entries.length === 0) return <p class="empty">Nothing here right now.</p>;
  return (
    <ul class="queue">
      {props.entries.map((e) => {
        const waiting = waitedMs(e, props.now);
        const open = e.status === 'waiting' || e.status === 'active';
        return (
          <li key={e.id}>
            <button
              type="button"
              class={e.visitorLeftAt && open ? 'left' : undefined}
              aria-current={props.selected === e.id ? 'true' : undefined}
              onClick={() => props.onSelect(e.id)}
            >
              <strong>{e.preview ?? 'Visitor asked for help'}</strong>
              <span class="meta">
                <span>
                  {e.queue ?? 'general'}
                  {e.claimedByName && e.status !== 'waiting' ? ` · ${e.claimedByName}` : ''}
                </span>
                <span
                  class={'wait' + (e.status === 'waiting' && waiting > LONG_WAIT_MS && !e.visitorLeftAt ? ' long' : '')}
                >
                  {e.status === 'waiting' ? (
                    `waiting ${formatWait(waiting)}`
                  ) : (
                    <span class={'status ' + (e.outcome ?? e.status)}>{e.outcome ?? e.status}</span>
                  )}
                </span>
              </span>
              {e.visitorLeftAt && open && <span class="gone">Visitor left {ago(e.visitorLeftAt, props.now)}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
