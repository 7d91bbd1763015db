import { d } from '../../../diagnostics/catalogue.ts';
import type { NodeVisitor } from '../visitor.ts';

export const choice: NodeVisitor<'choice'> = {
  waits: true,
  edges: (node) => node.options.map((o, i) => ({ target: o.next, field: `options[${i}].next` })),
  assigns: (node) => (node.var === undefined ? [] : [{ name: node.var, field: 'var' }]),
  check(node, cx) {
    cx.text('prompt', node.prompt);
    if (node.options.length === 0) cx.report(d.choice_no_options(cx.at('options')));
    node.options.forEach((o, i) => cx.text(`options[${i}].label`, o.label));
  },
};
