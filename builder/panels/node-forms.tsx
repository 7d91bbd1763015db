/** The fields of each node type. Each form edits a copy of the node and hands it to `set`. */
import { h, Fragment } from 'preact';
import type { Diagnostic } from '../../compiler/check.ts';
import type { NodeDoc } from '../model/types.ts';
import type { DurationUnit } from '../model/durations.ts';
import { DurationField } from './duration-field.tsx';
import { Checkbox, NumberInput, Rows, Select, TextField, TextInput } from './fields.tsx';

export interface FormProps {
  node: NodeDoc;
  locale: string;
  /** Diagnostics of a field of this node, by its path inside the node (`options[0].label`). */
  at: (field: string) => Diagnostic[];
  /** Replaces a field (undefined removes it); `key` names the field for merging keystrokes into one undo step. */
  set: (field: string, value: unknown) => void;
}

const INPUT_KINDS = ['text', 'email', 'phone', 'number', 'date', 'url', 'regex'].map((v) => ({ value: v, label: v }));
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((v) => ({ value: v, label: v }));
const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const replaceAt = <T,>(items: T[], i: number, item: T) => items.map((x, j) => (j === i ? item : x));
/** A duration field of the node; `key` remounts it when another node of the same type is selected. */
function duration(label: string, field: string, p: FormProps, defaultUnit: DurationUnit = 's') {
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
function pairs(label: string, field: string, p: FormProps, keyLabel: string, valueLabel: string) {
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

export const FORMS: Record<string, (p: FormProps) => h.JSX.Element> = {
  message: (p) => (
    <>
      <TextField
        label="Text"
        multiline
        value={p.node.text}
        locale={p.locale}
        problems={p.at('text')}
        onChange={(v) => p.set('text', v ?? '')}
      />
      <TextInput
        label="Image URL"
        value={p.node.image}
        problems={p.at('image')}
        onInput={(v) => p.set('image', v || undefined)}
      />
    </>
  ),
  choice: (p) => {
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
  },
  input: (p) => (
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
        onInput={(v) => p.set('var', v)}
      />
      <Select
        label="Expected answer"
        value={p.node.input ?? 'text'}
        options={INPUT_KINDS}
        problems={p.at('input')}
        onChange={(v) => p.set('input', v)}
      />
      {p.node.input === 'regex' && (
        <TextInput
          label="Pattern"
          mono
          value={p.node.pattern}
          problems={p.at('pattern')}
          onInput={(v) => p.set('pattern', v || undefined)}
        />
      )}
      <NumberInput label="Minimum" value={p.node.min} problems={p.at('min')} onChange={(v) => p.set('min', v)} />
      <NumberInput label="Maximum" value={p.node.max} problems={p.at('max')} onChange={(v) => p.set('max', v)} />
      <TextField
        label="When the answer does not fit, say"
        optional
        value={p.node.retryText}
        locale={p.locale}
        problems={p.at('retryText')}
        onChange={(v) => p.set('retryText', v)}
      />
    </>
  ),
  intent: (p) => {
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
  },
  condition: (p) => {
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
  },
  set: (p) => pairs('Assignments', 'assign', p, 'Variable', 'Expression'),
  http: (p) => (
    <>
      <Select label="Method" value={p.node.method ?? 'GET'} options={METHODS} onChange={(v) => p.set('method', v)} />
      <TextField
        label="URL"
        value={p.node.url}
        locale={p.locale}
        problems={p.at('url')}
        onChange={(v) => p.set('url', v ?? '')}
      />
      {pairs('Headers', 'headers', p, 'Header', 'Value')}
      <BodyField {...p} />
      {duration('Timeout', 'timeout', p)}
      <NumberInput
        label="Retries"
        value={p.node.retry?.max}
        problems={p.at('retry')}
        onChange={(v) => p.set('retry', v === undefined ? undefined : { ...(p.node.retry ?? {}), max: v })}
      />
      {pairs('Save from the response', 'save', p, 'Variable', 'Response path')}
      <Checkbox
        label="Run in the background"
        checked={!!p.node.background}
        onChange={(v) => p.set('background', v || undefined)}
      />
    </>
  ),
  delay: (p) => (
    <>
      {duration('Wait for', 'duration', p)}
      <TextInput
        label="Or wait until (expression)"
        mono
        value={p.node.until}
        problems={p.at('until')}
        onInput={(v) => p.set('until', v || undefined)}
      />
      <TextField
        label="Say when the pause starts"
        optional
        value={p.node.text}
        locale={p.locale}
        problems={p.at('text')}
        onChange={(v) => p.set('text', v)}
      />
    </>
  ),
  wait: (p) => {
    const events = list<Record<string, unknown>>(p.node.events);
    return (
      <>
        <Rows
          label="Page events"
          items={events}
          addLabel="Add event"
          onAdd={() => p.set('events', [...events, { event: `event-${events.length + 1}`, next: '' }])}
          onRemove={(i) =>
            p.set(
              'events',
              events.filter((_, j) => j !== i),
            )
          }
          render={(ev, i) => (
            <TextInput
              label={`Event ${i + 1} name`}
              value={String(ev.event ?? '')}
              problems={p.at(`events[${i}].event`)}
              onInput={(v) => p.set('events', replaceAt(events, i, { ...ev, event: v }))}
            />
          )}
        />
        {duration('Timeout', 'timeout', p)}
      </>
    );
  },
  parallel: (p) => {
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
  },
  join: () => <p class="cl-hint">Continues when every branch of its parallel node has arrived.</p>,
  split: (p) => {
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
  },
  handoff: (p) => (
    <>
      <TextInput label="Queue" value={p.node.queue} onInput={(v) => p.set('queue', v || undefined)} />
      <TextField
        label="Say while waiting"
        optional
        value={p.node.text}
        locale={p.locale}
        problems={p.at('text')}
        onChange={(v) => p.set('text', v)}
      />
      {duration('Give up after', 'timeout', p, 'min')}
    </>
  ),
  script: (p) => (
    <div class="cl-field">
      <label for="cl-script-code">Code (receives vars, returns variables to set)</label>
      <textarea
        id="cl-script-code"
        class="cl-mono"
        rows={8}
        value={p.node.code ?? ''}
        onInput={(e) => p.set('code', (e.target as HTMLTextAreaElement).value)}
      />
    </div>
  ),
  checkpoint: () => (
    <p class="cl-hint">Starts a transaction: a later rollback undoes the HTTP calls made after this point.</p>
  ),
  rollback: () => (
    <p class="cl-hint">Runs the compensate requests of the HTTP calls since the last checkpoint, newest first.</p>
  ),
  end: (p) => (
    <>
      <TextField
        label="Last words"
        optional
        multiline
        value={p.node.text}
        locale={p.locale}
        problems={p.at('text')}
        onChange={(v) => p.set('text', v)}
      />
      <TextInput
        label="Send the visitor to (URL)"
        value={p.node.redirect}
        problems={p.at('redirect')}
        onInput={(v) => p.set('redirect', v || undefined)}
      />
    </>
  ),
};

/** The JSON body of an http node, edited as text and stored once it parses. */
function BodyField(p: FormProps) {
  const text = p.node.body === undefined ? '' : JSON.stringify(p.node.body, null, 2);
  return (
    <div class="cl-field">
      <label for="cl-http-body">Body (JSON)</label>
      <textarea
        id="cl-http-body"
        class="cl-mono"
        rows={4}
        value={text}
        onChange={(e) => {
          const raw = (e.target as HTMLTextAreaElement).value.trim();
          if (raw === '') return p.set('body', undefined);
          try {
            p.set('body', JSON.parse(raw));
          } catch {
            (e.target as HTMLTextAreaElement).setCustomValidity('This is not valid JSON yet');
            (e.target as HTMLTextAreaElement).reportValidity();
          }
        }}
      />
    </div>
  );
}
