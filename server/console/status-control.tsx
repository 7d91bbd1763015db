import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.ts';

type Status = 'online' | 'away';
const OPTIONS: [Status, string][] = [
  ['online', 'Available'],
  ['away', 'Away'],
];

/**
 * The manager's availability as a state, not an action: "Status" with two options, the current one filled
 * in its colour and checked (a radio group, so a screen reader says "Available, selected"). Clicking or an
 * arrow key picks the other; the REST route is GET/PUT /api/v1/me/availability.
 */
export function StatusControl() {
  const [status, setStatus] = useState<Status | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const buttons = useRef<Partial<Record<Status, HTMLButtonElement | null>>>({});

  useEffect(() => {
    void api<{ status: Status }>('/me/availability').then(
      (r) => setStatus(r.status),
      () => setError('Your status could not be read.'),
    );
  }, []);

  async function choose(next: Status) {
    if (next === status || saving) return;
    setSaving(true);
    setError(null);
    try {
      setStatus((await api<{ status: Status }>('/me/availability', { method: 'PUT', body: { status: next } })).status);
    } catch {
      setError('Your status could not be changed; try again.');
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
    e.preventDefault();
    const next: Status = status === 'online' ? 'away' : 'online';
    buttons.current[next]?.focus();
    void choose(next);
  }

  return (
    <div class="availability">
      <span id="status-label" class="status-label">
        Status
      </span>
      <div class="status-options" role="radiogroup" aria-labelledby="status-label">
        {OPTIONS.map(([value, label]) => {
          const checked = status === value;
          return (
            <button
              key={value}
              ref={(el) => {
                buttons.current[value] = el;
              }}
              type="button"
              role="radio"
              aria-checked={checked ? 'true' : 'false'}
              tabIndex={checked || (status === null && value === 'online') ? 0 : -1}
              class={'status-option ' + value}
              disabled={status === null}
              onClick={() => void choose(value)}
              onKeyDown={onKeyDown}
            >
              <span class="dot" aria-hidden="true" />
              {label}
            </button>
          );
        })}
      </div>
      {error && (
        <span class="status-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
