import { h } from 'preact';

/** A rollback node: nothing to set; it says what it does. */
export function RollbackForm(): h.JSX.Element {
  return <p class="cl-hint">Runs the compensate requests of the HTTP calls since the last checkpoint, newest first.</p>;
}
