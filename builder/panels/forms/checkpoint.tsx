import { h } from 'preact';

/** A checkpoint node: nothing to set; it says what it does. */
export function CheckpointForm(): h.JSX.Element {
  return <p class="cl-hint">Starts a transaction: a later rollback undoes the HTTP calls made after this point.</p>;
}
