import { d } from '../../../diagnostics/catalogue.ts';
import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

export const delay: NodeVisitor<'delay'> = {
  waits: true,
  edges: (node) => refs(node, 'next'),
  check(node, cx) {
    if (node.duration === undefined && node.until === undefined) cx.report(d.delay_no_duration(cx.at('duration')));
    if (node.duration !== undefined && node.until !== undefined) cx.report(d.delay_duration_and_until(cx.at('until')));
    cx.duration('duration', node.duration);
    if (node.until !== undefined) cx.expr('until', node.until);
    cx.text('text', node.text);
  },
};
