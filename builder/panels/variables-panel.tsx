/** The bot's variables and their starting values, and which nodes set each one. */
import { h } from 'preact';
import type { Controller } from '../app/controller.ts';
import type { State } from '../app/store.ts';
import { Problems } from './fields.tsx';

/** A starting value as typed: numbers, true/false and null as themselves, anything else as text. */
function parseValue(raw: string): unknown {
  const t = raw.trim();
  if (t === 'true' || t === 'false' || t === 'null') return JSON.parse(t);
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  if ((t.startsWith('{') || t.startsWith('[')) && t.length > 1) {
    try {
      return JSON.parse(t);
    } catch {
      // Not JSON after all: keep it as text.
    }
  }
  return raw;
}
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Nodes that assign a variable: `var` of questions, `assign` of set nodes, `save` of http nodes. */
function setters(state: State, name: string): string[] {
  return state.doc.nodes
    .filter((n) => n.var === name || (n.assign && name in n.assign) || (n.save && name in n.save))
    .map((n) => n.id);
}

/** The bot's declared variables and their starting values. */
export function VariablesPanel({ state, ctl }: { state: State; ctl: Controller }) {
  const vars = Object.entries(state.doc.variables ?? {});
  const write = (entries: [string, unknown][]) =>
    ctl.store.run({ type: 'setField', key: 'variables', value: Object.fromEntries(entries), coalesce: 'variables' });
  const problems = state.diagnostics.filter((d) => d.path?.startsWith('variables'));
  return (
    <section class="cl-variables" aria-label="Variables">
      <h2>Variables</h2>
      <p class="cl-hint">What the bot knows about the visitor. Declare here every name you read from page events.</p>
      <Problems list={problems} />
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts as</th>
            <th scope="col">Set by</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {vars.map(([name, value], i) => (
            <tr>
              <td>
                <input
                  aria-label={`Variable ${i + 1} name`}
                  class="cl-mono"
                  value={name}
                  onChange={(e) =>
                    write(vars.map((v, j) => (j === i ? [(e.target as HTMLInputElement).value, v[1]] : v)))
                  }
                />
              </td>
              <td>
                <input
                  aria-label={`Variable ${i + 1} starting value`}
                  value={show(value)}
                  onChange={(e) =>
                    write(vars.map((v, j) => (j === i ? [v[0], parseValue((e.target as HTMLInputElement).value)] : v)))
                  }
                />
              </td>
              <td class="cl-hint">{setters(state, name).join(', ') || '—'}</td>
              <td>
                <button
                  type="button"
                  class="cl-icon"
                  aria-label={`Remove variable ${name}`}
                  onClick={() => write(vars.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => {
          let n = vars.length + 1;
          while (`var_${n}` in (state.doc.variables ?? {})) n++;
          write([...vars, [`var_${n}`, '']]);
        }}
      >
        Add variable
      </button>
    </section>
  );
}
