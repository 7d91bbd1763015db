import { h, Fragment } from 'preact';
import { NumberInput, Select, TextField, TextInput } from '../fields.tsx';
import { type FormProps, INPUT_KINDS, question } from './form-parts.tsx';

/** An input node: the question, the variable, what kind of answer it expects and the bounds it checks. */
export function InputForm(p: FormProps): h.JSX.Element {
  return (
    <>
      {question(p, { varLabel: 'Save the answer in variable', required: true })}
      <Select
        label="Expected answer"
        value={p.node.input ?? 'text'}
        options={INPUT_KINDS}
        problems={p.at('input')}
        onChange={(v) => p.set('input', v)}
      />
      {p.node.input === 'regex' && (
        <TextInput
          label="Pattern"
          mono
          value={p.node.pattern}
          problems={p.at('pattern')}
          onInput={(v) => p.set('pattern', v || undefined)}
        />
      )}
      <NumberInput label="Minimum" value={p.node.min} problems={p.at('min')} onChange={(v) => p.set('min', v)} />
      <NumberInput label="Maximum" value={p.node.max} problems={p.at('max')} onChange={(v) => p.set('max', v)} />
      <TextField
        label="When the answer does not fit, say"
        optional
        value={p.node.retryText}
        locale={p.locale}
        problems={p.at('retryText')}
        onChange={(v) => p.set('retryText', v)}
      />
    </>
  );
}
