import { d } from '../../../diagnostics/catalogue.ts';
import type { NodeVisitor } from '../visitor.ts';
import { refs } from '../visitor.ts';
import { findForbiddenWords } from '../script-scan.ts';

export const script: NodeVisitor<'script'> = {
  waits: false,
  edges: (node) => refs(node, 'next', 'onError'),
  check(node, cx) {
    const syntax = cx.scriptSyntax?.(node.code);
    if (syntax) cx.report(d.script_syntax(cx.at('code', syntax.column), syntax.problem));
    for (const hit of findForbiddenWords(node.code)) {
      const at = cx.at('code', hit.pos + 1);
      cx.report(
        hit.kind === 'import' ? d.script_forbidden_import(at, hit.word) : d.script_forbidden_eval(at, hit.word),
      );
    }
  },
};
