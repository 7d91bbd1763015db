import { h } from 'preact';
import { Rows, TextInput } from '../fields.tsx';
import { type FormProps, list, replaceAt } from './form-parts.tsx';

/** A condition node: its branches, each an expression; the first true one wins. */
export function ConditionForm(p: FormProps): h.JSX.Element {
  const branches = list<Record<string, unknown>>(p.node.branches);
  return (
    <Rows
      label="Branches (the first true one wins, else goes to else)"
      items={branches}
      addLabel="Add branch"
      onAdd={() => p.set('branches', [...branches, { when: 'true', next: '' }])}
      onRemove={(i) =>
        p.set(
          'branches',
          branches.filter((_, j) => j !== i),
        )
      }
      render={(b, i) => (
        <TextInput
          label={`Branch ${i + 1} when`}
          mono
          value={String(b.when ?? '')}
          problems={p.at(`branches[${i}].when`)}
          onInput={(v) => p.set('branches', replaceAt(branches, i, { ...b, when: v }))}
        />
      )}
    />
  );
}
