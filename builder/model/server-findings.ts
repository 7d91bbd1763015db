/**
 * What the server found in a saved draft that the builder's own check did not. Saving compiles the
 * draft fully on the server (bundling included, and with the bot's settings), so its diagnostics can
 * hold findings the live check in the browser cannot make. The builder shows those next to its own,
 * on the node they name, for as long as that node is the one that was saved.
 */
import type { Diagnostic } from '../../compiler/browser.ts';
import type { Doc } from './types.ts';

/** The server's extra findings and the document they were found in. */
export interface ServerFindings {
  doc: Doc;
  extra: Diagnostic[];
}

/** No findings: before the first save answers. */
export const NO_FINDINGS: ServerFindings = { doc: { format: '', name: '', start: '', nodes: [] }, extra: [] };

const key = (d: Diagnostic) => `${d.code}\u0000${d.nodeId ?? ''}\u0000${d.path ?? ''}`;

/**
 * The server's diagnostics of `doc` that the local check of the same `doc` did not report (by code,
 * node and path: the builder rewords a few messages, so messages are not compared).
 */
export function serverFindings(doc: Doc, server: readonly Diagnostic[], local: readonly Diagnostic[]): ServerFindings {
  const seen = new Set(local.map(key));
  return { doc, extra: server.filter((d) => !seen.has(key(d))) };
}

/**
 * The findings that still hold for `doc`: those on a node that has not changed since the save (the
 * document is immutable, so an unchanged node is the same object), and those on no node until the
 * next save answers. A node that was edited or deleted drops its findings at once.
 */
export function stillHolding(findings: ServerFindings, doc: Doc): Diagnostic[] {
  if (!findings.extra.length) return [];
  if (doc === findings.doc) return findings.extra;
  const before = new Map(findings.doc.nodes.map((n) => [n.id, n]));
  const now = new Map(doc.nodes.map((n) => [n.id, n]));
  return findings.extra.filter(
    (d) => d.nodeId === undefined || (now.has(d.nodeId) && now.get(d.nodeId) === before.get(d.nodeId)),
  );
}

/** The live check's diagnostics, then the server's findings that still hold, each once. */
export function withServerFindings(local: Diagnostic[], findings: ServerFindings, doc: Doc): Diagnostic[] {
  const extra = stillHolding(findings, doc);
  if (!extra.length) return local;
  const seen = new Set(local.map(key));
  return [...local, ...extra.filter((d) => !seen.has(key(d)))];
}
