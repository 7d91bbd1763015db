/** What every node form is given, and the pieces several forms are made of. */
import { h, Fragment } from 'preact';
import type { Diagnostic } from '../../../compiler/browser.ts';
import type { NodeDoc } from '../../model/types.ts';
import type { DurationUnit } from '../../model/durations.ts';
import { DurationField } from '../duration-field.tsx';
import { Rows, TextField, TextInput } from '../fields.tsx';

/** The node a form edits, and how it reads problems and writes fields. */
export interface FormProps {
  node: NodeDoc;
  locale: string;
  /** Diagnostics of a field of this node, by its path inside the node (`options[0].label`). */
  at: (field: string) => Diagnostic[];
  /** Replaces a field (undefined removes it); `key` names the field for merging keystrokes into one undo step. */
  set: (field: string, value: unknown) => void;
}

/** The kinds of answer an input node checks, as select options. */
export const INPUT_KINDS = ['text', 'email', 'phone', 'number', 'date', 'url', 'regex'].map((v) => ({
  value: v,
  label: v,
}));
/** HTTP methods, as select options. */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((v) => ({ value: v, label: v }));
/** A list field of a node, or an empty list when it is missing or not a list. */
export const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
/** A copy of `items` with item `i` replaced. */
export const replaceAt = <T,>(items: T[], i: number, item: T) => items.map((x, j) => (j === i ? item : x));
/** A duration field of the node; `key` remounts it when another node of the same type is selected. */
export function duration(label: string, field: string, p: FormProps, defaultUnit: DurationUnit = 's') {
  return (
    <DurationField
      key={`${p.node.id}.${field}`}
      label={label}
      value={p.node[field]}
      defaultUnit={defaultUnit}
      problems={p.at(field)}
      onChange={(v) => p.set(field, v)}
    />
  );
}

/** Key/value rows for `assign`, `save` and `headers`. */
export function pairs(label: string, field: string, p: FormProps, keyLabel: string, valueLabel: string) {
  const entries = Object.entries((p.node[field] ?? {}) as Record<string, unknown>);
  const write = (next: [string, unknown][]) =>
    p.set(field, next.length || field === 'assign' ? Object.fromEntries(next) : undefined);
  return (
    <Rows
      label={label}
      items={entries}
      addLabel={`Add ${keyLabel.toLowerCase()}`}
      onAdd={() => write([...entries, [`${keyLabel.toLowerCase().replace(/\W+/g, '_')}_${entries.length + 1}`, '']])}
      onRemove={(i) => write(entries.filter((_, j) => j !== i))}
      render={([k, v], i) => (
        <>
          <TextInput
            label={keyLabel}
            value={k}
            mono
            onInput={(nk) => write(replaceAt(entries, i, [nk, v]))}
            problems={p.at(`${field}.${k}`)}
          />
          <TextInput
            label={valueLabel}
            value={typeof v === 'string' ? v : JSON.stringify(v)}
            mono
            onInput={(nv) => write(replaceAt(entries, i, [k, nv]))}
          />
        </>
      )}
    />
  );
}

/**
 * The question a node asks and the variable the answer is saved in: the top of the choice, input and intent forms.
 * `required` keeps an emptied variable as '' (so the check names it) instead of removing the field.
 */
export function question(p: FormProps, o: { optional?: boolean; varLabel: string; required?: boolean }) {
  return (
    <>
      <TextField
        label="Question"
        optional={o.optional}
        multiline
        value={p.node.prompt}
        locale={p.locale}
        problems={p.at('prompt')}
        onChange={(v) => p.set('prompt', o.optional ? v : (v ?? ''))}
      />
      <TextInput
        label={o.varLabel}
        value={p.node.var}
        mono
        problems={p.at('var')}
        onInput={(v) => p.set('var', o.required ? v : v || undefined)}
      />
    </>
  );
}

/** Rows of a list field (a choice's options, an intent node's intents): added with `fresh(count)`, removed by index. */
export function listRows<T extends Record<string, unknown>>(
  p: FormProps,
  field: string,
  o: {
    label: string;
    addLabel: string;
    min?: number;
    fresh: (count: number) => T;
    render: (item: T, i: number, items: T[]) => h.JSX.Element;
  },
) {
  const items = list<T>(p.node[field]);
  return (
    <Rows
      label={o.label}
      items={items}
      addLabel={o.addLabel}
      min={o.min}
      onAdd={() => p.set(field, [...items, o.fresh(items.length)])}
      onRemove={(i) =>
        p.set(
          field,
          items.filter((_, j) => j !== i),
        )
      }
      render={(item, i) => o.render(item, i, items)}
    />
  );
}

/** One form: the fields of one node type. */
export type Form = (p: FormProps) => h.JSX.Element;
