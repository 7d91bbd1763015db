/** Every diagnostic of the draft; clicking one selects its node and brings it into view. */
import { h } from 'preact';
import type { Controller } from '../app/controller.ts';
import type { State } from '../app/store.ts';
import { countProblems, problemsText } from '../model/problems.ts';

/** Every diagnostic of the draft; clicking one selects its node and brings it into view. */
export function ProblemsList({ state, ctl }: { state: State; ctl: Controller }) {
  const list = [...state.importNotes, ...state.diagnostics];
  const count = countProblems(list);
  return (
    <section class="cl-problems" aria-label="Problems">
      <h2>
        Problems <span class="cl-count">{problemsText(count, true)}</span>
        {state.importNotes.length > 0 && (
          <button type="button" class="cl-link" onClick={() => ctl.store.set({ importNotes: [] })}>
            Dismiss import notes
          </button>
        )}
      </h2>
      {list.length === 0 ? (
        <p class="cl-hint">No problems: the bot is ready to publish.</p>
      ) : (
        <ul>
          {list.map((d) => (
            <li class={d.severity === 'error' ? 'cl-error' : 'cl-warning'}>
              {d.nodeId !== undefined && state.doc.nodes.some((n) => n.id === d.nodeId) ? (
                <button type="button" class="cl-link" onClick={() => ctl.focus(d.nodeId!)}>
                  {d.message}
                </button>
              ) : (
                <span>{d.message}</span>
              )}
              <code class="cl-code">{d.code}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
