import { d } from '../../../diagnostics/catalogue.ts';
import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';

export const input: NodeVisitor<'input'> = {
  waits: true,
  edges: (node) => refs(node, 'next'),
  assigns: (node) => [{ name: node.var, field: 'var' }],
  check(node, cx) {
    cx.text('prompt', node.prompt);
    cx.text('retryText', node.retryText);
    if (node.input === 'regex' && node.pattern === undefined) {
      cx.report(d.input_bad_pattern(cx.at('pattern'), '"input": "regex" needs a "pattern"'));
    }
    if (node.pattern !== undefined) {
      try {
        new RegExp(node.pattern);
      } catch (e) {
        cx.report(
          d.input_bad_pattern(
            cx.at('pattern'),
            `the pattern is not a valid regular expression (${(e as Error).message})`,
          ),
        );
      }
    }
    if (node.min !== undefined && node.max !== undefined && node.min > node.max) {
      cx.report(d.input_bad_range(cx.at('min'), node.min, node.max));
    }
  },
};
