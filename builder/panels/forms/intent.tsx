import { h, Fragment } from 'preact';
import { Rows, TextField, TextInput } from '../fields.tsx';
import { type FormProps, list, replaceAt } from './form-parts.tsx';

/** An intent node: an optional question, the variable for the text, and the intents with their examples. */
export function IntentForm(p: FormProps): h.JSX.Element {
  const intents = list<Record<string, unknown>>(p.node.intents);
  return (
    <>
      <TextField
        label="Question"
        optional
        multiline
        value={p.node.prompt}
        locale={p.locale}
        problems={p.at('prompt')}
        onChange={(v) => p.set('prompt', v)}
      />
      <TextInput
        label="Save the text in variable"
        value={p.node.var}
        mono
        problems={p.at('var')}
        onInput={(v) => p.set('var', v || undefined)}
      />
      <Rows
        label="Intents"
        items={intents}
        addLabel="Add intent"
        onAdd={() => p.set('intents', [...intents, { name: `intent_${intents.length + 1}`, examples: [], next: '' }])}
        onRemove={(i) =>
          p.set(
            'intents',
            intents.filter((_, j) => j !== i),
          )
        }
        render={(it, i) => (
          <>
            <TextInput
              label={`Intent ${i + 1} name`}
              value={String(it.name ?? '')}
              onInput={(v) => p.set('intents', replaceAt(intents, i, { ...it, name: v }))}
            />
            <TextInput
              label={`Intent ${i + 1} examples`}
              hint="Separated by commas"
              value={list<string>(it.examples).join(', ')}
              onInput={(v) =>
                p.set(
                  'intents',
                  replaceAt(intents, i, {
                    ...it,
                    examples: v
                      .split(',')
                      .map((x) => x.trim())
                      .filter(Boolean),
                  }),
                )
              }
            />
          </>
        )}
      />
    </>
  );
}
