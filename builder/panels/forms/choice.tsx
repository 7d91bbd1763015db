import { h, Fragment } from 'preact';
import { Checkbox, TextField, TextInput } from '../fields.tsx';
import { type FormProps, listRows, question, replaceAt } from './form-parts.tsx';

/** A choice node: the question, the variable for the answer, and its options (each with a label and a value). */
export function ChoiceForm(p: FormProps): h.JSX.Element {
  return (
    <>
      {question(p, { varLabel: 'Save the answer in variable' })}
      <Checkbox
        label="Allow several answers"
        checked={!!p.node.multiple}
        onChange={(v) => p.set('multiple', v || undefined)}
      />
      {listRows<Record<string, unknown>>(p, 'options', {
        label: 'Options',
        addLabel: 'Add option',
        min: 1,
        fresh: (n) => ({ label: `Option ${n + 1}`, next: '' }),
        render: (o, i, options) => (
          <>
            <TextField
              label={`Option ${i + 1} label`}
              value={o.label}
              locale={p.locale}
              problems={p.at(`options[${i}].label`)}
              onChange={(v) => p.set('options', replaceAt(options, i, { ...o, label: v ?? '' }))}
            />
            <TextInput
              label={`Option ${i + 1} value`}
              value={o.value === undefined ? '' : String(o.value)}
              hint="Stored in the variable; the label when empty"
              onInput={(v) => {
                const { value: _, ...rest } = o;
                p.set('options', replaceAt(options, i, v === '' ? rest : { ...o, value: v }));
              }}
            />
          </>
        ),
      })}
    </>
  );
}
