import { h } from 'preact';
import { Rows } from '../fields.tsx';
import { type FormProps, list } from './form-parts.tsx';

/** A parallel node: its branches, each connected to its first node on the canvas. */
export function ParallelForm(p: FormProps): h.JSX.Element {
  const branches = list<string>(p.node.branches);
  return (
    <Rows
      label="Branches (connect each to its first node)"
      items={branches}
      addLabel="Add branch"
      min={1}
      onAdd={() => p.set('branches', [...branches, ''])}
      onRemove={(i) =>
        p.set(
          'branches',
          branches.filter((_, j) => j !== i),
        )
      }
      render={(b, i) => (
        <span>
          Branch {i + 1}: {b || 'not connected'}
        </span>
      )}
    />
  );
}
