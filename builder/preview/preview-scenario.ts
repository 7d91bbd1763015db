/**
 * What the preview compiles: the draft, told to start where the author asked, with its end redirects taken
 * out. A redirect would navigate the preview frame to the landing owner's site, leaving an empty frame (or a
 * browser error page) where the conversation was; the pane says where the visitor would go instead.
 */
import type { Doc } from '../model/types.ts';

/** The draft as the preview runs it, and what the preview says in place of what it leaves out. */
export interface PreviewScenario {
  scenario: Doc;
  /** End node id → the redirect it has on a live page. */
  redirects: Record<string, string>;
  /** The handoff nodes: nobody answers them in the preview. */
  handoffs: string[];
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
  const handoffs = doc.nodes.filter((n) => n.type === 'handoff').map((n) => n.id);
  return { scenario: { ...doc, nodes, ...(startAt ? { start: startAt } : {}) }, redirects, handoffs };
}

/**
 * The preview's bundle never calls the server (the server takes long timers and handoffs only from published
 * bots), so a handoff goes on as if nobody answered. The pane says so rather than leave the author guessing.
 */
export const PREVIEW_HANDOFF_NOTE =
  'Nobody answers a handoff in the preview, so the bot went on as if nobody came. Try it with a manager on the test page once published.';

/** What the pane says when the preview is at `at`: where a redirect would go, or why a handoff got no answer. */
export function previewNote(
  at: readonly string[] | undefined,
  prepared: Pick<PreviewScenario, 'redirects' | 'handoffs'>,
): string | undefined {
  const redirect = at?.find((a) => prepared.redirects[a]);
  if (redirect) return `On a live page the visitor would now go to ${prepared.redirects[redirect]}.`;
  return at?.some((a) => prepared.handoffs.includes(a)) ? PREVIEW_HANDOFF_NOTE : undefined;
}
