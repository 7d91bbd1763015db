/**
 * What the preview compiles: the draft, told to start where the author asked, with its end redirects taken
 * out. A redirect would navigate the preview frame to the landing owner's site, leaving an empty frame (or a
 * browser error page) where the conversation was; the pane says where the visitor would go instead.
 */
import type { Doc } from '../model/types.ts';

export interface PreviewScenario {
  scenario: Doc;
  /** End node id → the redirect it has on a live page. */
  redirects: Record<string, string>;
}

/** The scenario the preview runs for `doc`, starting at `startAt` when given. */
export function previewScenario(doc: Doc, startAt?: string): PreviewScenario {
  const redirects: Record<string, string> = {};
  const nodes = doc.nodes.map((node) => {
    if (node.type !== 'end' || typeof node.redirect !== 'string' || !node.redirect) return node;
    redirects[node.id] = node.redirect;
    const { redirect: _live, ...rest } = node;
    return rest as typeof node;
  });
  return { scenario: { ...doc, nodes, ...(startAt ? { start: startAt } : {}) }, redirects };
}

/** The line the pane shows when the preview ends at a node that redirects on a live page. */
export function redirectNote(at: readonly string[] | undefined, redirects: Record<string, string>): string | undefined {
  const id = at?.find((a) => redirects[a]);
  return id ? `On a live page the visitor would now go to ${redirects[id]}.` : undefined;
}

/**
 * The preview's bundle is not published, so the server takes none of its long timers or handoffs: the
 * runtime keeps timers in the frame and treats a handoff as unanswered. That is not an error to show.
 */
export const PREVIEW_OFFLINE_NOTE = 'In the preview, long timers stay in this frame and nobody answers a handoff: the server takes them only from a published bot.';
