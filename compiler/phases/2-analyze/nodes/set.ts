import { formatPath } from '../../1-parse/issues.ts';
import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

export const set: NodeVisitor<'set'> = {
  waits: false,
  edges: (node) => refs(node, 'next'),
  assigns: (node) => Object.keys(node.assign).map((name) => ({ name, field: formatPath('assign', [name]) })),
  check(node, cx) {
    for (const [name, src] of Object.entries(node.assign)) cx.expr(formatPath('assign', [name]), src);
  },
};
