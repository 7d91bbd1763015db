import { d } from '../../../diagnostics/catalogue.ts';
import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

// Event data merges into variables at run time, but its names are unknown here: authors declare
// the names they read in `variables` (documented in docs/scenario-format.md).
export const wait: NodeVisitor<'wait'> = {
  waits: true,
  edges: (node) => [
    ...node.events.map((e, i) => ({ target: e.next, field: `events[${i}].next` })),
    ...refs(node, 'onTimeout'),
  ],
  check(node, cx) {
    if (node.events.length === 0 && node.timeout === undefined) cx.report(d.wait_never_resumes(cx.at('events')));
    if (node.timeout !== undefined && node.onTimeout === undefined)
      cx.report(d.wait_missing_on_timeout(cx.at('timeout')));
    cx.duration('timeout', node.timeout);
  },
};
