/**
 * Undo and redo over commands. Each entry keeps the command and the documents before and after
 * it, so undo and redo restore exact documents. Typing in one field makes one entry, not one per
 * key: commands with the same `coalesce` key within a short time merge into the latest entry.
 */
import { perform, type Command } from './commands.ts';
import type { Doc } from './types.ts';

/** One undo step: the command and the exact documents before and after it. */
export interface Entry {
  command: Command;
  before: Doc;
  after: Doc;
  at: number;
}

/** The undo steps behind the document and the undone ones ahead of it. */
export interface History {
  past: Entry[];
  future: Entry[];
}

/** Edits of one field closer together than this merge into one undo step. */
export const COALESCE_MS = 1000;
const LIMIT = 500;

/** A history with nothing to undo or redo. */
export const emptyHistory = (): History => ({ past: [], future: [] });

const coalesceKey = (c: Command) => ('coalesce' in c ? c.coalesce : undefined);

/** Performs a command and records it. A command that changes nothing records nothing. */
export function execute(h: History, doc: Doc, command: Command, now: number): { doc: Doc; history: History } {
  const after = perform(doc, command);
  if (after === doc) return { doc, history: h };
  const last = h.past[h.past.length - 1];
  const key = coalesceKey(command);
  if (
    last &&
    key !== undefined &&
    coalesceKey(last.command) === key &&
    now - last.at < COALESCE_MS &&
    last.after === doc
  ) {
    const merged: Entry = { command, before: last.before, after, at: now };
    return { doc: after, history: { past: [...h.past.slice(0, -1), merged], future: [] } };
  }
  const past = [...h.past, { command, before: doc, after, at: now }];
  return { doc: after, history: { past: past.length > LIMIT ? past.slice(-LIMIT) : past, future: [] } };
}

/** Steps back one entry; the document is exactly the one before it. */
export function undo(h: History, doc: Doc): { doc: Doc; history: History } {
  const last = h.past[h.past.length - 1];
  if (!last) return { doc, history: h };
  return { doc: last.before, history: { past: h.past.slice(0, -1), future: [last, ...h.future] } };
}

/** Steps forward one undone entry; the document is exactly the one after it. */
export function redo(h: History, doc: Doc): { doc: Doc; history: History } {
  const next = h.future[0];
  if (!next) return { doc, history: h };
  return { doc: next.after, history: { past: [...h.past, next], future: h.future.slice(1) } };
}
