import { h, Fragment } from 'preact';
import { Checkbox, Rows, TextField, TextInput } from '../fields.tsx';
import { type FormProps, list, replaceAt } from './form-parts.tsx';

/** A choice node: the question, the variable for the answer, and its options (each with a label and a value). */
export function ChoiceForm(p: FormProps): h.JSX.Element {
  const options = list<Record<string, unknown>>(p.node.options);
  return (
    <>
      <TextField
        label="Question"
        multiline
        value={p.node.prompt}
        locale={p.locale}
        problems={p.at('prompt')}
        onChange={(v) => p.set('prompt', v ?? '')}
      />
      <TextInput
        label="Save the answer in variable"
        value={p.node.var}
        mono
        problems={p.at('var')}
        onInput={(v) => p.set('var', v || undefined)}
      />
      <Checkbox
        label="Allow several answers"
        checked={!!p.node.multiple}
        onChange={(v) => p.set('multiple', v || undefined)}
      />
      <Rows
        label="Options"
        items={options}
        addLabel="Add option"
        min={1}
        onAdd={() => p.set('options', [...options, { label: `Option ${options.length + 1}`, next: '' }])}
        onRemove={(i) =>
          p.set(
            'options',
            options.filter((_, j) => j !== i),
          )
        }
        render={(o, i) => (
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
        )}
      />
    </>
  );
}
