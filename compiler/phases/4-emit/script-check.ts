import { parse as parseJs } from 'acorn';
import type { Scenario } from '../../model/types.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { d } from '../../diagnostics/catalogue.ts';

const PREFIX = '(async function(vars){\n';

/**
 * Parses each script node's code as exactly one function body. Code that closes the wrapper
 * early (`}); other(); (function(){`) is refused: the author's code stays inside its function.
 */
export function checkScripts(scenario: Scenario): Diagnostic[] {
  const out: Diagnostic[] = [];
  scenario.nodes.forEach((node, index) => {
    if (node.type !== 'script') return;
    const path = `nodes[${index}].code`;
    const src = `${PREFIX}${node.code}\n})`;
    try {
      const program = parseJs(src, {
        ecmaVersion: 'latest',
        sourceType: 'script',
        allowReturnOutsideFunction: false,
      }) as unknown as {
        body: { type: string; expression?: { type: string; body?: { end: number } } }[];
      };
      const stmt = program.body[0];
      const bodyEnd = stmt?.expression?.body?.end;
      if (program.body.length !== 1 || stmt.expression?.type !== 'FunctionExpression' || bodyEnd !== src.length - 1) {
        out.push(d.script_syntax({ nodeId: node.id, path, column: 1 }, 'the code closes its function early'));
      }
    } catch (err) {
      const e = err as { message: string; loc?: { line: number; column: number } };
      const line = (e.loc?.line ?? 2) - 1;
      out.push(
        d.script_syntax(
          { nodeId: node.id, path, column: (e.loc?.column ?? 0) + 1 },
          `${e.message.replace(/ \(\d+:\d+\)$/, '')} at line ${line}`,
        ),
      );
    }
  });
  return out;
}
