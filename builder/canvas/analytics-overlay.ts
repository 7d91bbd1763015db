/**
 * Analytics on the canvas: when the author turns it on, each node gets a footer with the visitors who reached
 * it and the share who left there, and a split node one line per branch (starts and completions), so the
 * winner can be picked. The footer goes below the node's summary lines, under the port rows, so the fixed
 * geometry the edges are drawn from (geometry.ts) does not move. Nothing here runs while Analytics is off.
 */
import type { NodeFigures } from '../results/results-model.ts';
import type { Drawn } from './drawn.ts';

/** The class of a node's analytics footer. */
export const FIGURES_CLASS = 'cl-figures';

/** Puts each node's figures in its footer (adding or replacing it), or removes every footer when `figures` is undefined. */
export function paintAnalytics(nodes: Iterable<Drawn>, figures: Map<string, NodeFigures> | undefined): void {
  for (const d of nodes) {
    const old = d.content.querySelector<HTMLElement>(`:scope > .${FIGURES_CLASS}`);
    const f = figures?.get(String(d.node.id));
    if (!f) {
      old?.remove();
      continue;
    }
    const sig = [f.reached, f.dropOff, ...f.branches].join('\n');
    // The node's content is rebuilt when the node changes, which takes the footer with it; an unchanged one stays.
    if (old?.dataset.sig === sig) continue;
    const box = document.createElement('div');
    box.className = FIGURES_CLASS;
    box.dataset.sig = sig;
    const main = document.createElement('div');
    main.className = 'cl-figures-main';
    const reached = document.createElement('strong');
    reached.textContent = f.reached;
    const drop = document.createElement('span');
    drop.textContent = f.dropOff;
    main.append(reached, ' · ', drop);
    box.append(main);
    for (const text of f.branches) {
      const line = document.createElement('div');
      line.className = 'cl-figures-branch';
      line.textContent = text;
      box.append(line);
    }
    if (old) old.replaceWith(box);
    else d.content.append(box);
  }
}
