import { h, Fragment } from 'preact';
import { TextField, TextInput } from '../fields.tsx';
import type { FormProps } from './form-parts.tsx';

/** A message node: its text and an optional image. */
export function MessageForm(p: FormProps): h.JSX.Element {
  return (
    <>
      <TextField
        label="Text"
        multiline
        value={p.node.text}
        locale={p.locale}
        problems={p.at('text')}
        onChange={(v) => p.set('text', v ?? '')}
      />
      <TextInput
        label="Image URL"
        value={p.node.image}
        problems={p.at('image')}
        onInput={(v) => p.set('image', v || undefined)}
      />
    </>
  );
}
