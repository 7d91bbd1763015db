import { h, Fragment } from 'preact';
import { TextField, TextInput } from '../fields.tsx';
import { duration, type FormProps } from './form-parts.tsx';

/** A handoff node: the queue, what to say while waiting, and when to give up. */
export function HandoffForm(p: FormProps): h.JSX.Element {
  return (
    <>
      <TextInput label="Queue" value={p.node.queue} onInput={(v) => p.set('queue', v || undefined)} />
      <TextField
        label="Say while waiting"
        optional
        value={p.node.text}
        locale={p.locale}
        problems={p.at('text')}
        onChange={(v) => p.set('text', v)}
      />
      {duration('Give up after', 'timeout', p, 'min')}
    </>
  );
}
