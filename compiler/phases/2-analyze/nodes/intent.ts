import type { NodeVisitor } from '../visitor.ts';

export const intent: NodeVisitor<'intent'> = {
  waits: true,
  edges: (node) => [
    ...node.intents.map((c, i) => ({ target: c.next, field: `intents[${i}].next` })),
    { target: node.else, field: 'else' },
  ],
  assigns: (node) => (node.var === undefined ? [] : [{ name: node.var, field: 'var' }]),
  check(node, cx) {
    cx.text('prompt', node.prompt);
  },
};
