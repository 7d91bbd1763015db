/**
 * A duration as an author thinks of it: a number and a unit. The document keeps ISO 8601 text
 * (see model/durations.ts); a value with no single number and unit (months, `{expr}`) is shown and
 * edited as written, so opening a form never changes or drops it.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { parseDuration, type Diagnostic } from '../../compiler/browser.ts';
import { readDuration, UNIT_LABELS, writeDuration, type DurationUnit } from '../model/durations.ts';
import { Field } from './fields.tsx';

const UNITS: DurationUnit[] = ['s', 'min', 'h', 'd'];

/** A duration field: its label, value and where a change goes. */
export interface DurationFieldProps {
  label: string;
  /** The document's value: ISO 8601 text, `{ expr }`, or undefined. */
  value: unknown;
  /** Receives the new ISO text, `{ expr }`, or undefined when the amount is cleared. */
  onChange: (value: string | { expr: string } | undefined) => void;
  problems?: Diagnostic[];
  hint?: string;
  /** The unit an empty field starts with. */
  defaultUnit?: DurationUnit;
  /** Offer milliseconds too, where fractions of a second matter (the typing pause). */
  subSecond?: boolean;
}

/** A duration as an amount and a unit (or as written, when it is an expression or not a plain amount). */
export function DurationField(props: DurationFieldProps) {
  const read = readDuration(props.value);
  if (read.kind === 'expr' || read.kind === 'raw') return <AsWritten {...props} read={read} />;
  return <AmountAndUnit {...props} />;
}

function AmountAndUnit(props: DurationFieldProps) {
  const read = readDuration(props.value);
  const [text, setText] = useState(read.kind === 'amount' ? String(read.amount) : '');
  const [unit, setUnit] = useState<DurationUnit>(read.kind === 'amount' ? read.unit : (props.defaultUnit ?? 's'));
  const [invalid, setInvalid] = useState(false);
  // Follow the document when it changes elsewhere (undo, a restored version), unless it already says what is typed.
  useEffect(() => {
    const typed = text.trim() === '' ? undefined : writeDuration(Number(text), unit);
    const same =
      typed === undefined
        ? read.kind === 'empty'
        : parseDuration(typed) === (typeof props.value === 'string' ? parseDuration(props.value) : null);
    if (same) return;
    setText(read.kind === 'amount' ? String(read.amount) : '');
    if (read.kind === 'amount') setUnit(read.unit);
    setInvalid(false);
  }, [props.value]);
  const write = (nextText: string, nextUnit: DurationUnit) => {
    setText(nextText);
    setUnit(nextUnit);
    if (nextText.trim() === '') return (setInvalid(false), props.onChange(undefined));
    const iso = writeDuration(Number(nextText), nextUnit);
    setInvalid(iso === undefined);
    if (iso !== undefined) props.onChange(iso);
  };
  const units: DurationUnit[] = props.subSecond ? ['ms', ...UNITS] : UNITS;
  const errors = props.problems?.some((p) => p.severity === 'error') || invalid;
  return (
    <Field label={props.label} problems={props.problems} hint={invalid ? 'Enter a number of 0 or more.' : props.hint}>
      {(id) => (
        <div class="cl-duration">
          <input
            id={id}
            type="number"
            inputMode="decimal"
            min="0"
            step="any"
            value={text}
            aria-invalid={errors ? 'true' : undefined}
            onInput={(e) => write((e.target as HTMLInputElement).value, unit)}
          />
          <select
            aria-label={`${props.label} unit`}
            value={unit}
            onChange={(e) => write(text, (e.target as HTMLSelectElement).value as DurationUnit)}
          >
            {units.map((u) => (
              <option value={u}>{Number(text) === 1 ? UNIT_LABELS[u].slice(0, -1) : UNIT_LABELS[u]}</option>
            ))}
          </select>
        </div>
      )}
    </Field>
  );
}

/** The fallback: the value as written, with why it is not a number and a unit, and a way back to one. */
function AsWritten(
  props: DurationFieldProps & { read: { kind: 'expr'; expr: string } | { kind: 'raw'; text: string; reason: string } },
) {
  const { read } = props;
  const expr = read.kind === 'expr';
  return (
    <Field
      label={props.label}
      problems={props.problems}
      hint={expr ? 'Computed by this expression each time (milliseconds, or a date to wait until).' : read.reason}
    >
      {(id) => (
        <div class="cl-duration cl-duration-written">
          <span class="cl-tag">{expr ? 'Expression' : 'As written'}</span>
          <input
            id={id}
            class="cl-mono"
            value={expr ? read.expr : read.text}
            onInput={(e) => {
              const v = (e.target as HTMLInputElement).value;
              props.onChange(expr ? { expr: v } : v === '' ? undefined : v);
            }}
          />
          <button type="button" onClick={() => props.onChange(undefined)}>
            Use a number and unit
          </button>
        </div>
      )}
    </Field>
  );
}
