/**
 * Wires the parts together: the store drives the canvas and the diagnostics, the canvas reports
 * intents as commands, edits are autosaved with the draft's ETag, and keys map to commands.
 */
import { check, lazyScriptSyntax, type Diagnostic } from '../../compiler/browser.ts';
import { api, ApiError } from '../api.ts';
import { CanvasView } from '../canvas/canvas-view.ts';
import { copy, pasteNodes, type Clip } from '../model/clipboard.ts';
import { newNode } from '../model/new-node.ts';
import { presentDiagnostics } from '../model/problems.ts';
import { NO_FINDINGS, serverFindings, withServerFindings, type ServerFindings } from '../model/server-findings.ts';
import type { Doc, Position } from '../model/types.ts';
import type { Store } from './store.ts';

/** The live check runs this long after the last edit. */
export const CHECK_DELAY_MS = 250;
/** The draft is saved this long after the last edit. */
export const SAVE_DELAY_MS = 800;

/** Runs the editor: canvas intents become commands, edits are checked and autosaved, keys become commands. */
export class Controller {
  canvas!: CanvasView;
  private clip: Clip | undefined;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  /** The live check's raw diagnostics of the document it last checked. */
  private lastCheck: { doc: Doc; raw: Diagnostic[] } | undefined;
  /** What the server's compile of the saved draft found that the live check did not. */
  private findings: ServerFindings = NO_FINDINGS;
  /**
   * Scripts' syntax, with acorn fetched (its own chunk) the first time a scenario has a script, so a
   * bot without one never downloads it; once it has loaded, the document is checked again.
   */
  private readonly scriptSyntax = lazyScriptSyntax(() => this.runCheck());

  constructor(readonly store: Store) {}

  /** Starts drawing into `host`, and listening for edits and keys. */
  mount(host: HTMLElement): void {
    this.canvas = new CanvasView(host, {
      select: (ids, mode) => this.store.select(ids, mode),
      move: (positions) => this.store.run({ type: 'moveNodes', positions }),
      connect: (id, port, target) => this.store.run({ type: 'connect', id, port, target }),
      remove: (ids) => this.store.run({ type: 'deleteNodes', ids }),
      drop: (type, at) => this.add(type, at),
      zoomed: (zoom) => this.store.set({ zoom }),
      addFirst: () => this.add('message'),
    });
    const s = this.store.get();
    performance.mark('chatlet:canvas-render-start');
    this.canvas.render(s.doc, s.diagnostics, s.selection);
    performance.mark('chatlet:canvas-render-end');
    // Opened bots show whole: zoomed out as far as needed (within limits) for every node to be in view.
    this.canvas.zoom('fit');
    // After the first paint: the canvas shows first, its marks a moment later.
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.runCheck();
        this.takeServerDiagnostics(s.doc, s.bot.draft?.scenario === s.doc ? s.bot.draft.diagnostics : undefined);
      }, 0),
    );
    this.store.subscribe((state, prev) => {
      if (state.doc !== prev.doc || state.diagnostics !== prev.diagnostics || state.selection !== prev.selection) {
        this.canvas.render(state.doc, state.diagnostics, state.selection);
      }
      if (state.doc !== prev.doc) {
        clearTimeout(this.checkTimer);
        this.checkTimer = setTimeout(() => this.runCheck(), CHECK_DELAY_MS);
        if (!this.loading) this.scheduleSave();
      }
    });
    document.addEventListener('keydown', (e) => this.key(e));
  }

  private loading = false;

  /** Replaces the document without recording an edit or saving it: what the server already has. */
  load(doc: Doc, etag: string | null): void {
    this.loading = true;
    this.store.set({ doc, save: { status: 'saved', etag }, history: { past: [], future: [] } });
    this.loading = false;
    this.canvas?.zoom('fit');
  }

  /** Runs the compiler's checks on the current document (the same code the server runs). */
  runCheck(): void {
    const doc = this.store.get().doc;
    this.lastCheck = { doc, raw: this.diagnosticsOf(doc) };
    this.showDiagnostics();
  }

  /** The compiler's diagnostics of `doc`, as far as the parsers loaded so far can tell. */
  private diagnosticsOf(doc: Doc): Diagnostic[] {
    return check(doc, { scriptSyntax: this.scriptSyntax }).diagnostics;
  }

  /** The live check's diagnostics, with the server's findings that still hold for the document. */
  private showDiagnostics(): void {
    const doc = this.store.get().doc;
    if (this.lastCheck?.doc !== doc) return; // A check of the new document is on its way.
    const local = presentDiagnostics(doc, this.lastCheck.raw);
    this.store.set({ diagnostics: withServerFindings(local, this.findings, doc) });
  }

  /**
   * Keeps what the server's compile of `doc` (the saved or loaded draft) found beyond the live check:
   * a full compile bundles, and uses the bot's settings, so it may find more. Shown like the rest.
   */
  private takeServerDiagnostics(doc: Doc, server: Diagnostic[] | undefined): void {
    if (!server) return;
    const local = this.lastCheck?.doc === doc ? this.lastCheck.raw : this.diagnosticsOf(doc);
    this.findings = serverFindings(doc, server, local);
    this.showDiagnostics();
  }

  /** Adds a node of a type at a canvas point (the middle of the view when none is given), and selects it. */
  add(type: string, at?: Position): void {
    const doc = this.store.get().doc;
    const node = newNode(type, new Set(doc.nodes.map((n) => n.id)));
    const pos = at ?? this.freeSpot();
    this.store.run({ type: 'addNodes', nodes: [node], positions: { [node.id]: pos } });
    this.store.select([node.id]);
  }

  /** Right of the selected node (the next step), else near the middle of the view; below anything already there. */
  private freeSpot(): Position {
    const s = this.store.get();
    const layout = s.doc.layout ?? {};
    const selected = s.selection.size === 1 ? layout[[...s.selection][0]] : undefined;
    const c = this.canvas.viewport.center();
    const right = c.x + this.canvas.container.clientWidth / 2 / this.canvas.editor.zoom;
    let p = selected ? { x: selected.x + 300, y: selected.y } : { x: c.x - 115, y: c.y - 80 };
    if (selected && p.x + 240 > right) p = { x: selected.x, y: selected.y + 190 };
    const taken = Object.values(layout);
    while (taken.some((t) => Math.abs(t.x - p.x) < 240 && Math.abs(t.y - p.y) < 150)) p = { x: p.x, y: p.y + 170 };
    return p;
  }

  copySelection(): void {
    const s = this.store.get();
    if (s.selection.size) this.clip = copy(s.doc, s.selection);
  }

  paste(): void {
    if (!this.clip?.nodes.length) return;
    const pasted = pasteNodes(this.store.get().doc, this.clip);
    this.store.run({ type: 'addNodes', ...pasted });
    this.store.select(pasted.nodes.map((n) => n.id));
    this.clip = {
      nodes: this.clip.nodes,
      positions: Object.fromEntries(
        Object.entries(this.clip.positions).map(([k, p]) => [k, { x: p.x + 40, y: p.y + 40 }]),
      ),
    };
  }

  deleteSelection(): void {
    const ids = [...this.store.get().selection];
    if (ids.length) this.store.run({ type: 'deleteNodes', ids });
  }

  /** Focuses a node: selects it and pans it into view. */
  focus(id: string): void {
    this.store.select([id]);
    this.canvas.focus(id);
  }

  private key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    if (
      t &&
      (t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') || t.closest('dialog'))
    )
      return;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    const done = () => e.preventDefault();
    if (mod && k === 'z' && !e.shiftKey) return (done(), this.store.undo());
    if (mod && ((k === 'z' && e.shiftKey) || k === 'y')) return (done(), this.store.redo());
    if (mod && k === 'c') return this.copySelection();
    if (mod && k === 'x') return (this.copySelection(), this.deleteSelection());
    if (mod && k === 'v') return (done(), this.paste());
    if (mod && k === 'd') return (done(), this.copySelection(), this.paste());
    if (mod && k === 'a') return (done(), this.store.select(this.store.get().doc.nodes.map((n) => n.id)));
    if (mod && k === 's') return (done(), void this.saveNow());
    if (k === 'delete' || k === 'backspace') {
      if (this.canvas.editor.connection_selected) return (done(), this.canvas.editor.removeConnection());
      return (done(), this.deleteSelection());
    }
    if (k === 'escape') return this.store.select([]);
    if (!mod && (k === '+' || k === '=')) return this.canvas.zoom('in');
    if (!mod && (k === '-' || k === '_')) return this.canvas.zoom('out');
    if (!mod && k === '0') return this.canvas.zoom('reset');
    // Shift+1 as in design tools; by the key's place, since Shift+1 types "!" only on some layouts.
    if (!mod && e.shiftKey && e.code === 'Digit1') return (done(), this.canvas.zoom('fit'));
  }

  private scheduleSave(): void {
    const save = this.store.get().save;
    if (save.status === 'conflict') return;
    this.store.set({ save: { ...save, status: 'unsaved' } });
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS);
  }

  /** Saves the draft now (waiting for a save in flight first); resolves when the server has it. */
  async saveNow(): Promise<void> {
    clearTimeout(this.saveTimer);
    while (this.saving) await this.saving;
    const s = this.store.get();
    if (s.save.status === 'saved' || s.save.status === 'conflict') return;
    const doc = s.doc;
    this.store.set({ save: { ...s.save, status: 'saving' } });
    this.saving = (async () => {
      try {
        const { etag, diagnostics } = await api.save(s.bot.id, doc, s.save.etag);
        const now = this.store.get();
        this.store.set({ save: { status: now.doc === doc ? 'saved' : 'unsaved', etag: etag ?? now.save.etag } });
        this.takeServerDiagnostics(doc, diagnostics);
        if (now.doc !== doc) this.saveTimer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS);
      } catch (err) {
        const conflict = err instanceof ApiError && err.status === 409;
        this.store.set({
          save: {
            status: conflict ? 'conflict' : 'failed',
            etag: this.store.get().save.etag,
            message: conflict
              ? 'Someone else saved this bot after you opened it, so your last changes were not saved. Reload to get their version, or overwrite it with yours.'
              : `Your changes are not saved: ${(err as Error).message}`,
          },
        });
      } finally {
        this.saving = undefined;
      }
    })();
    await this.saving;
  }

  /** After a conflict: takes the other editor's draft (the local edits are dropped). */
  async reloadDraft(): Promise<void> {
    const { bot, etag } = await api.bot(this.store.get().bot.id);
    this.store.set({ bot });
    const doc = (bot.draft?.scenario ?? this.store.get().doc) as Doc;
    this.load(doc, etag);
    this.runCheck();
    this.takeServerDiagnostics(doc, bot.draft?.diagnostics);
  }

  /** After a conflict: saves this editor's document over the other one. */
  async overwrite(): Promise<void> {
    const { etag } = await api.bot(this.store.get().bot.id);
    this.store.set({ save: { status: 'unsaved', etag } });
    await this.saveNow();
  }
}
