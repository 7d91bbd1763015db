import { h, Fragment } from 'preact';
import { TextField, TextInput } from '../fields.tsx';
import type { FormProps } from './form-parts.tsx';

/** An end node: the last words and where to send the visitor. */
export function EndForm(p: FormProps): h.JSX.Element {
  return (
    <>
      <TextField
        label="Last words"
        optional
        multiline
        value={p.node.text}
        locale={p.locale}
        problems={p.at('text')}
        onChange={(v) => p.set('text', v)}
      />
      <TextInput
        label="Send the visitor to (URL)"
        value={p.node.redirect}
        problems={p.at('redirect')}
        onInput={(v) => p.set('redirect', v || undefined)}
      />
    </>
  );
}
