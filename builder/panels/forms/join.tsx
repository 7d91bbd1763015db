import { h } from 'preact';

/** A join node: nothing to set; it says what it does. */
export function JoinForm(): h.JSX.Element {
  return <p class="cl-hint">Continues when every branch of its parallel node has arrived.</p>;
}
