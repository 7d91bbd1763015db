/** The top bar: the bot, its save status, undo and redo, zoom, files (export, import) and the preview. */
import { h } from 'preact';
import { fromDrawflow } from '../../compiler/browser.ts';
import { api } from '../api.ts';
import type { Controller } from '../app/controller.ts';
import { NavLinks } from '../app/nav-bar.tsx';
import type { State } from '../app/store.ts';
import { countProblems, problemsText } from '../model/problems.ts';
import type { Doc } from '../model/types.ts';

const SAVE_TEXT: Record<State['save']['status'], string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  conflict: 'Not saved: conflict',
  failed: 'Not saved',
};

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads an imported file: a scenario, a Drawflow export, or a BPMN diagram (converted by the server). */
export async function importFile(ctl: Controller, file: File): Promise<void> {
  const text = await file.text();
  if (/\.bpmn$|\.xml$/i.test(file.name) || text.trimStart().startsWith('<')) {
    try {
      const { scenario, diagnostics } = await api.importBpmn(text);
      ctl.store.run({ type: 'replaceDocument', doc: scenario });
      ctl.store.set({ importNotes: diagnostics.filter((d) => d.code.startsWith('bpmn.')) });
    } catch (err) {
      const diags = (err as { diagnostics?: State['importNotes'] }).diagnostics ?? [];
      ctl.store.set({
        importNotes: diags.length
          ? diags
          : [{ code: 'bpmn.invalid_xml', severity: 'error', message: (err as Error).message }],
      });
    }
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctl.store.set({
      importNotes: [{ code: 'scenario.not_object', severity: 'error', message: `${file.name} is not valid JSON.` }],
    });
    return;
  }
  const doc = parsed && typeof parsed === 'object' && 'drawflow' in parsed ? fromDrawflow(parsed) : parsed;
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as Doc).nodes)) {
    ctl.store.set({
      importNotes: [
        {
          code: 'scenario.not_object',
          severity: 'error',
          message: `${file.name} is not a scenario (it has no "nodes" list).`,
        },
      ],
    });
    return;
  }
  ctl.store.run({ type: 'replaceDocument', doc: doc as Doc });
  ctl.store.set({ importNotes: [] });
}

/** The draft's errors and warnings, counted as the Problems panel and the node badges count them. */
function ProblemCount({ state }: { state: State }) {
  const count = countProblems([...state.importNotes, ...state.diagnostics]);
  const text = problemsText(count);
  return (
    <span
      class={`cl-problem-count${count.errors ? ' cl-error' : count.warnings ? ' cl-warning' : ''}`}
      aria-label="Problems in this bot"
    >
      {text || 'No problems'}
    </span>
  );
}

/** The bar above the canvas: name, save status, undo and redo, zoom, import and export, problems, preview and publish. */
export function Toolbar({ state, ctl }: { state: State; ctl: Controller }) {
  const { past, future } = state.history;
  return (
    <header class="cl-toolbar">
      <a class="cl-brand" href="/builder">
        Chatlet
      </a>
      <span class="cl-bot-name">{state.doc.name || state.bot.name}</span>
      <span class={`cl-save cl-save-${state.save.status}`} role="status" aria-live="polite">
        {SAVE_TEXT[state.save.status]}
      </span>
      <div class="cl-group" role="group" aria-label="History">
        <button type="button" disabled={!past.length} onClick={() => ctl.store.undo()} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" disabled={!future.length} onClick={() => ctl.store.redo()} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
      </div>
      <div class="cl-group" role="group" aria-label="Zoom">
        <button type="button" aria-label="Zoom out" onClick={() => ctl.canvas.zoom('out')}>
          −
        </button>
        <button
          type="button"
          aria-label="Reset zoom"
          title="Zoom: click for 100% (0)"
          class="cl-zoom-level"
          onClick={() => ctl.canvas.zoom('reset')}
        >
          {Math.round(state.zoom * 100)}%
        </button>
        <button type="button" aria-label="Zoom in" onClick={() => ctl.canvas.zoom('in')}>
          +
        </button>
        <button type="button" title="Show every node (Shift+1)" onClick={() => ctl.canvas.zoom('fit')}>
          Fit
        </button>
      </div>
      <div class="cl-group" role="group" aria-label="Files">
        <button
          type="button"
          onClick={() =>
            download(
              `${(state.doc.name || 'scenario').replace(/[^\w.-]+/g, '-')}.json`,
              JSON.stringify(state.doc, null, 2),
            )
          }
        >
          Export JSON
        </button>
        <label class="cl-button">
          Import…
          <input
            type="file"
            class="cl-visually-hidden"
            accept=".json,.bpmn,.xml,application/json,application/xml"
            onChange={async (e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) await importFile(ctl, file);
              input.value = '';
            }}
          />
        </label>
      </div>
      <div class="cl-spacer" />
      <ProblemCount state={state} />
      <button
        type="button"
        aria-pressed={state.analyticsOpen}
        title="Visitors and drop-off on each node"
        onClick={() => ctl.store.set({ analyticsOpen: !state.analyticsOpen })}
      >
        Analytics
      </button>
      <a
        class="cl-button"
        href={`/builder?bot=${encodeURIComponent(state.bot.id)}&view=results`}
        onClick={(e) => {
          // Leaving the editor: the last edits (autosaved a moment after typing) are saved first, not dropped.
          if (state.save.status !== 'unsaved' && state.save.status !== 'saving') return;
          e.preventDefault();
          const href = (e.currentTarget as HTMLAnchorElement).href;
          // A failed save stays here, where its banner offers to try again.
          void ctl.saveNow().then(() => ctl.store.get().save.status === 'saved' && location.assign(href));
        }}
      >
        Results
      </a>
      <button
        type="button"
        aria-pressed={state.previewOpen}
        onClick={() => ctl.store.set({ previewOpen: !state.previewOpen })}
      >
        Preview
      </button>
      <button type="button" class="cl-primary" onClick={() => ctl.store.set({ tab: 'publish' })}>
        Publish…
      </button>
      <NavLinks current="editor" />
    </header>
  );
}
