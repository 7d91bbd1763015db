/** Form fields shared by the panels. Every value shown is author text, rendered by Preact as text. */
import { h, Fragment, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Diagnostic } from '../../compiler/browser.ts';

let counter = 0;
const uid = () => `f${++counter}`;

/** The diagnostics of one field, under it. */
export function Problems({ list }: { list: Diagnostic[] }) {
  if (!list.length) return null;
  return (
    <ul class="cl-field-problems">
      {list.map((d) => (
        <li class={d.severity === 'error' ? 'cl-error' : 'cl-warning'}>{d.message}</li>
      ))}
    </ul>
  );
}

/** A labelled field with its problems under it; `children` gets the id for the control. */
export function Field(props: {
  label: string;
  children: (id: string) => ComponentChildren;
  problems?: Diagnostic[];
  hint?: string;
}) {
  const [id] = useState(uid);
  return (
    <div class="cl-field">
      <label for={id}>{props.label}</label>
      {props.children(id)}
      {props.hint && <div class="cl-hint">{props.hint}</div>}
      <Problems list={props.problems ?? []} />
    </div>
  );
}

/** A one-line text field. */
export function TextInput(props: {
  label: string;
  value: string | undefined;
  onInput: (v: string) => void;
  problems?: Diagnostic[];
  hint?: string;
  placeholder?: string;
  mono?: boolean;
}) {
  return (
    <Field label={props.label} problems={props.problems} hint={props.hint}>
      {(id) => (
        <input
          id={id}
          class={props.mono ? 'cl-mono' : ''}
          value={props.value ?? ''}
          placeholder={props.placeholder}
          aria-invalid={props.problems?.some((p) => p.severity === 'error') ? 'true' : undefined}
          onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
        />
      )}
    </Field>
  );
}

/** A number field; empty is undefined. */
export function NumberInput(props: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  problems?: Diagnostic[];
}) {
  return (
    <Field label={props.label} problems={props.problems}>
      {(id) => (
        <input
          id={id}
          type="number"
          value={props.value ?? ''}
          onInput={(e) => {
            const raw = (e.target as HTMLInputElement).value;
            props.onChange(raw === '' ? undefined : Number(raw));
          }}
        />
      )}
    </Field>
  );
}

/** A drop-down of fixed options. */
export function Select(props: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
  problems?: Diagnostic[];
}) {
  return (
    <Field label={props.label} problems={props.problems}>
      {(id) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          {props.options.map((o) => (
            <option value={o.value}>{o.label}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label. */
export function Checkbox(props: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const [id] = useState(uid);
  return (
    <div class="cl-field cl-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/**
 * A Text: one string, or one string per language. "Add a language" turns a string into a map
 * keyed by the scenario's language plus the new one; removing all but one language keeps a map.
 */
export function TextField(props: {
  label: string;
  value: unknown;
  locale: string;
  onChange: (v: string | Record<string, string> | undefined) => void;
  problems?: Diagnostic[];
  multiline?: boolean;
  optional?: boolean;
}) {
  const [lang, setLang] = useState('');
  const map =
    props.value !== null && typeof props.value === 'object' ? (props.value as Record<string, string>) : undefined;
  const box = (p: { id?: string; value: string; onInput: (v: string) => void; label?: string }) =>
    props.multiline ? (
      <textarea
        id={p.id}
        aria-label={p.label}
        rows={2}
        value={p.value}
        onInput={(e) => p.onInput((e.target as HTMLTextAreaElement).value)}
      />
    ) : (
      <input
        id={p.id}
        aria-label={p.label}
        value={p.value}
        onInput={(e) => p.onInput((e.target as HTMLInputElement).value)}
      />
    );
  const addLanguage = () => {
    const code = lang.trim().toLowerCase();
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(code)) return;
    const base = map ?? { [props.locale]: typeof props.value === 'string' ? props.value : '' };
    if (!(code in base)) props.onChange({ ...base, [code]: '' });
    setLang('');
  };
  return (
    <Field label={props.label} problems={props.problems}>
      {(id) => (
        <>
          {map
            ? Object.entries(map).map(([code, text], i) => (
                <div class="cl-lang-row">
                  <span class="cl-lang">{code}</span>
                  {box({
                    id: i === 0 ? id : undefined,
                    label: `${props.label} (${code})`,
                    value: text,
                    onInput: (v) => props.onChange({ ...map, [code]: v }),
                  })}
                  <button
                    type="button"
                    class="cl-icon"
                    aria-label={`Remove ${code}`}
                    disabled={Object.keys(map).length < 2}
                    onClick={() => {
                      const { [code]: _, ...rest } = map;
                      props.onChange(rest);
                    }}
                  >
                    ×
                  </button>
                </div>
              ))
            : box({
                id,
                value: typeof props.value === 'string' ? props.value : '',
                onInput: (v) => props.onChange(v === '' && props.optional ? undefined : v),
              })}
          <div class="cl-lang-add">
            <input
              aria-label={`Language code to add to ${props.label}`}
              placeholder="uk"
              size={4}
              value={lang}
              onInput={(e) => setLang((e.target as HTMLInputElement).value)}
            />
            <button type="button" onClick={addLanguage}>
              Add language
            </button>
          </div>
        </>
      )}
    </Field>
  );
}

/** A list editor: rows with a remove button each, and an add button. */
export function Rows<T>(props: {
  label: string;
  items: T[];
  render: (item: T, i: number) => ComponentChildren;
  onAdd: () => void;
  onRemove: (i: number) => void;
  addLabel: string;
  min?: number;
}) {
  return (
    <fieldset class="cl-rows">
      <legend>{props.label}</legend>
      {props.items.map((item, i) => (
        <div class="cl-row">
          <div class="cl-row-body">{props.render(item, i)}</div>
          <button
            type="button"
            class="cl-icon"
            aria-label={`Remove ${props.label.toLowerCase()} ${i + 1}`}
            disabled={props.items.length <= (props.min ?? 0)}
            onClick={() => props.onRemove(i)}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={props.onAdd}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}
