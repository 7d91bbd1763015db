import { h } from 'preact';
import { NumberInput, Rows } from '../fields.tsx';
import { type FormProps, list, replaceAt } from './form-parts.tsx';

/** A split node: its branches by weight. */
export function SplitForm(p: FormProps): h.JSX.Element {
  const branches = list<Record<string, unknown>>(p.node.branches);
  return (
    <Rows
      label="Branches by weight"
      items={branches}
      addLabel="Add branch"
      min={1}
      onAdd={() => p.set('branches', [...branches, { weight: 50, next: '' }])}
      onRemove={(i) =>
        p.set(
          'branches',
          branches.filter((_, j) => j !== i),
        )
      }
      render={(b, i) => (
        <NumberInput
          label={`Branch ${i + 1} weight`}
          value={b.weight as number}
          problems={p.at(`branches[${i}].weight`)}
          onChange={(v) => p.set('branches', replaceAt(branches, i, { ...b, weight: v ?? 0 }))}
        />
      )}
    />
  );
}
