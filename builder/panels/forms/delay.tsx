import { h, Fragment } from 'preact';
import { TextField, TextInput } from '../fields.tsx';
import { duration, type FormProps } from './form-parts.tsx';

/** A delay node: a duration or an expression to wait until, and what to say when the pause starts. */
export function DelayForm(p: FormProps): h.JSX.Element {
  return (
    <>
      {duration('Wait for', 'duration', p)}
      <TextInput
        label="Or wait until (expression)"
        mono
        value={p.node.until}
        problems={p.at('until')}
        onInput={(v) => p.set('until', v || undefined)}
      />
      <TextField
        label="Say when the pause starts"
        optional
        value={p.node.text}
        locale={p.locale}
        problems={p.at('text')}
        onChange={(v) => p.set('text', v)}
      />
    </>
  );
}
