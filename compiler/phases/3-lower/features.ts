import type { Scenario } from '../../model/types.ts';
import type { NodeData, NodeKind, RuntimeSettings } from '../../contract.ts';
import type { Analysis } from '../2-analyze/types.ts';

/** Widget parts a bot can show, each shipped only when the scenario can use it. */
export interface Features {
  /** names of the CSS parts exported by runtime/widget/styles.ts */
  css: string[];
  /** the scenario's texts use markdown-lite */
  markdown: boolean;
  /** the scenario has a multiple choice */
  multi: boolean;
  /** the bot may call its server: it has a handoff, or a timer that can reach the long-timer threshold */
  server: boolean;
  /** the bot reports results (`settings.results`); the reporter asks for its visitor session itself, without the link */
  results: boolean;
  /** the bot's results wait for the visitor's consent (`settings.results.consent`): only then does it carry that code */
  consent: boolean;
  /** the scenario reads page context (`page.url`, `page.utm.source`…), which the runtime then fills */
  page: boolean;
}

const MARKDOWN = /\*[^*]+\*|_[^_]+_|\[[^\]]+\]\(https?:|\n/;

function texts(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => texts(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => texts(x, out));
  return out;
}

/** Decides which widget parts the bundle carries, from the scenario and its lowered nodes. */
export function features(
  scenario: Scenario,
  analysis: Analysis,
  nodes: Record<string, NodeData>,
  uses: NodeKind[],
  s: RuntimeSettings,
): Features {
  const css = ['CSS_BASE'];
  if (s.td > 0) css.push('CSS_TYPING');
  if (s.o === 'inline') css.push('CSS_INLINE');
  if (s.o === 'popup') css.push('CSS_POPUP');
  if (scenario.nodes.some((n) => n.type === 'message' && n.image)) css.push('CSS_IMAGE');
  if (uses.includes('handoff')) css.push('CSS_MANAGER');
  const markdown = scenario.nodes.some(
    (n) => n.type !== 'script' && n.type !== 'http' && texts(n).some((t) => MARKDOWN.test(t)),
  );
  if (markdown) css.push('CSS_LINK');
  const multi = scenario.nodes.some((n) => n.type === 'choice' && n.multiple);
  const long = (d: unknown) => typeof d !== 'number' || d >= s.lt;
  const server = Object.values(nodes).some(
    (n) => n.y === 'handoff' || ((n.y === 'delay' || n.y === 'wait') && 'd' in n && long(n.d)),
  );
  return { css, markdown, multi, server, results: !!s.rs, consent: !!s.rk, page: analysis.pageContext };
}
