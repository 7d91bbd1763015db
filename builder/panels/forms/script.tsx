import { h } from 'preact';
import type { FormProps } from './form-parts.tsx';

/** A script node: its code. */
export function ScriptForm(p: FormProps): h.JSX.Element {
  return (
    <div class="cl-field">
      <label for="cl-script-code">Code (receives vars, returns variables to set)</label>
      <textarea
        id="cl-script-code"
        class="cl-mono"
        rows={8}
        value={p.node.code ?? ''}
        onInput={(e) => p.set('code', (e.target as HTMLTextAreaElement).value)}
      />
    </div>
  );
}
