import { h, Fragment } from 'preact';
import { TextInput } from '../fields.tsx';
import { type FormProps, list, listRows, question, replaceAt } from './form-parts.tsx';

/** An intent node: an optional question, the variable for the text, and the intents with their examples. */
export function IntentForm(p: FormProps): h.JSX.Element {
  return (
    <>
      {question(p, { optional: true, varLabel: 'Save the text in variable' })}
      {listRows<Record<string, unknown>>(p, 'intents', {
        label: 'Intents',
        addLabel: 'Add intent',
        fresh: (n) => ({ name: `intent_${n + 1}`, examples: [], next: '' }),
        render: (it, i, intents) => (
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
        ),
      })}
    </>
  );
}
