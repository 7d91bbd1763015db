/**
 * The builder's state in one place: the document with its history, the selection, the
 * diagnostics and the save status. Views subscribe; every edit goes through `run(command)`.
 */
import type { Diagnostic } from '../../compiler/browser.ts';
import type { BotInfo } from '../api.ts';
import type { Command } from '../model/commands.ts';
import { emptyHistory, execute, redo, undo, type History } from '../model/history.ts';
import type { Doc } from '../model/types.ts';

/** Where the draft's autosave stands, as the toolbar says it. */
export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'failed';

/** Everything the builder shows: the bot, its document and history, the selection, problems, save status and view. */
export interface State {
  bot: BotInfo;
  doc: Doc;
  history: History;
  selection: Set<string>;
  diagnostics: Diagnostic[];
  /** Problems found by an import, shown until the next import or until dismissed. */
  importNotes: Diagnostic[];
  save: { status: SaveStatus; message?: string; etag: string | null };
  /** What the inspector shows. */
  tab: 'node' | 'variables' | 'settings' | 'versions' | 'publish';
  previewOpen: boolean;
  /** Whether the canvas shows Analytics (visitors and drop-off per node). */
  analyticsOpen: boolean;
  /** The canvas's zoom (1 is 100 %), as the canvas reports it. */
  zoom: number;
}

type Listener = (state: State, previous: State) => void;

/** The state, its subscribers, and the one way to edit the document: `run(command)`, undoable. */
export class Store {
  private listeners = new Set<Listener>();
  constructor(
    private state: State,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  get(): State {
    return this.state;
  }

  set(patch: Partial<State>): void {
    const previous = this.state;
    this.state = { ...previous, ...patch };
    for (const fn of this.listeners) fn(this.state, previous);
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Performs an edit and records it for undo. */
  run(command: Command): void {
    const { doc, history } = execute(this.state.history, this.state.doc, command, this.clock());
    if (doc === this.state.doc) return;
    let selection = this.state.selection;
    // A renamed node stays selected under its new id.
    if (command.type === 'updateNode' && command.node.id !== command.id && selection.has(command.id)) {
      selection = new Set([...selection].map((id) => (id === command.id ? command.node.id : id)));
    }
    this.set({ doc, history, selection: this.prune(doc, selection) });
  }

  undo(): void {
    const { doc, history } = undo(this.state.history, this.state.doc);
    if (doc !== this.state.doc) this.set({ doc, history, selection: this.prune(doc, this.state.selection) });
  }

  redo(): void {
    const { doc, history } = redo(this.state.history, this.state.doc);
    if (doc !== this.state.doc) this.set({ doc, history, selection: this.prune(doc, this.state.selection) });
  }

  select(ids: string[], mode: 'replace' | 'toggle' | 'add' = 'replace'): void {
    const next = mode === 'replace' ? new Set<string>() : new Set(this.state.selection);
    for (const id of ids) {
      if (mode === 'toggle' && next.has(id)) next.delete(id);
      else next.add(id);
    }
    const same = next.size === this.state.selection.size && [...next].every((id) => this.state.selection.has(id));
    if (!same) this.set({ selection: next, tab: next.size === 1 ? 'node' : this.state.tab });
  }

  private prune(doc: Doc, selection: Set<string>): Set<string> {
    const ids = new Set(doc.nodes.map((n) => n.id));
    return [...selection].every((id) => ids.has(id)) ? selection : new Set([...selection].filter((id) => ids.has(id)));
  }
}

/** A fresh state for a loaded bot. */
export function initialState(bot: BotInfo, doc: Doc, etag: string | null): State {
  return {
    bot,
    doc,
    history: emptyHistory(),
    selection: new Set(),
    diagnostics: [],
    importNotes: [],
    save: { status: 'saved', etag },
    tab: 'settings',
    previewOpen: false,
    analyticsOpen: false,
    zoom: 1,
  };
}
