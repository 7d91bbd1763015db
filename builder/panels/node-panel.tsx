/** The properties of the selected node: its id and label, its fields, and where each branch goes. */
import { h } from 'preact';
import { portsOf, portTarget, type Diagnostic } from '../../compiler/browser.ts';
import type { Controller } from '../app/controller.ts';
import type { State } from '../app/store.ts';
import { PALETTE } from '../model/new-node.ts';
import type { NodeDoc } from '../model/types.ts';
import { Problems, TextInput } from './fields.tsx';
import { formOf } from './forms/index.ts';

const TITLE = new Map(PALETTE.map((p) => [p.type, p.title]));

/** `nodes[3].options[0].next` → `options[0].next`. */
const fieldOf = (path: string | undefined) => (path ?? '').replace(/^nodes\[\d+\]\.?/, '');

/** The selected node's properties: its id, label, type's form, where each port goes, and its problems. */
export function NodePanel({ state, ctl }: { state: State; ctl: Controller }) {
  const id = [...state.selection][0];
  const index = state.doc.nodes.findIndex((n) => n.id === id);
  if (state.selection.size !== 1 || index < 0) {
    return (
      <p class="cl-empty">
        {state.selection.size > 1
          ? `${state.selection.size} nodes selected. Delete, copy or drag them together.`
          : 'Select a node on the canvas to edit it, or add one from the palette.'}
      </p>
    );
  }
  const node = state.doc.nodes[index];
  const mine = state.diagnostics.filter((d) => d.nodeId === node.id);
  const at = (field: string) =>
    mine.filter((d) => {
      const f = fieldOf(d.path);
      return f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`);
    });
  const general = mine.filter(
    (d) =>
      !fieldOf(d.path) ||
      ['next', 'else', 'onError', 'onTimeout', 'join'].includes(fieldOf(d.path)) ||
      /\.next$|^branches\[\d+\]$/.test(fieldOf(d.path)),
  );
  const update = (next: NodeDoc, key: string) =>
    ctl.store.run({ type: 'updateNode', id: node.id, node: next, coalesce: `${node.id}.${key}` });
  const set = (field: string, value: unknown) => {
    const next: NodeDoc = { ...node };
    if (value === undefined) delete next[field];
    else next[field] = value;
    update(next, field);
  };
  const Form = formOf(node.type);
  const ports = portsOf(node);
  const others = state.doc.nodes.filter((n) => n.id !== node.id);
  return (
    <form class="cl-node-panel" onSubmit={(e) => e.preventDefault()} aria-label={`Properties of ${node.id}`}>
      <h2>
        {TITLE.get(node.type) ?? node.type} <code>{node.id}</code>
      </h2>
      <Problems list={general} />
      <IdField
        node={node}
        taken={new Set(others.map((n) => n.id))}
        onRename={(newId) => ctl.store.run({ type: 'updateNode', id: node.id, node: { ...node, id: newId } })}
      />
      <TextInput
        label="Label (for you, on the canvas)"
        value={node.label}
        onInput={(v) => set('label', v || undefined)}
        problems={at('label')}
      />
      {Form ? (
        <Form node={node} locale={state.doc.locale ?? 'en'} at={at} set={set} />
      ) : (
        <p class="cl-error">Unknown node type; delete this node or fix its type in the JSON.</p>
      )}
      {ports.length > 0 && (
        <fieldset class="cl-ports-panel">
          <legend>Where it goes next</legend>
          {ports.map((port, k) => {
            const target = portTarget(node, port) ?? '';
            const known = target === '' || others.some((n) => n.id === target) || target === node.id;
            return (
              <div class="cl-field">
                <label for={`port-${k}`}>{port.label}</label>
                <select
                  id={`port-${k}`}
                  value={target}
                  onChange={(e) =>
                    ctl.store.run({
                      type: 'connect',
                      id: node.id,
                      port: k,
                      target: (e.target as HTMLSelectElement).value || undefined,
                    })
                  }
                >
                  <option value="">{port.optional ? '— none —' : '— not connected —'}</option>
                  {!known && <option value={target}>{target} (missing)</option>}
                  {[node, ...others].map((n) => (
                    <option value={n.id}>{n.label ? `${n.label} (${n.id})` : n.id}</option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>
      )}
      <div class="cl-actions">
        <button
          type="button"
          disabled={state.doc.start === node.id}
          onClick={() => ctl.store.run({ type: 'setStart', id: node.id })}
        >
          {state.doc.start === node.id ? 'This is the start' : 'Start here'}
        </button>
        <button type="button" class="cl-danger" onClick={() => ctl.deleteSelection()}>
          Delete node
        </button>
      </div>
    </form>
  );
}

/**
 * The id, renamed when the field loses focus (renaming on every key would rewrite every link as you type). The
 * field is uncontrolled (`defaultValue`, a fresh field per id): a controlled one was set back to the old id by any
 * render while the author typed, such as an autosave finishing, and the rename they typed was lost.
 */
function IdField({ node, taken, onRename }: { node: NodeDoc; taken: Set<string>; onRename: (id: string) => void }) {
  return (
    <div class="cl-field">
      <label for="cl-node-id">Id</label>
      <input
        id="cl-node-id"
        class="cl-mono"
        defaultValue={node.id}
        key={node.id}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const value = input.value.trim();
          if (!value || value === node.id) return;
          if (taken.has(value)) {
            input.setCustomValidity(`Another node is already called "${value}"`);
            input.reportValidity();
            return;
          }
          input.setCustomValidity('');
          onRename(value);
        }}
      />
    </div>
  );
}

export type { Diagnostic };
