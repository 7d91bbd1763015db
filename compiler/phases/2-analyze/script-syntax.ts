import type { parse } from 'acorn';

const PREFIX = '(async function(vars){\n';

/** Why a script's code does not parse, and where (1-based column in its line of the code). */
export interface ScriptSyntaxError {
  problem: string;
  column: number;
}

/**
 * Checks a script node's code; undefined when it parses (or, in the builder, while the parser
 * is still loading). Analyze takes it as an option so that acorn is not part of every caller:
 * Node passes {@link scriptSyntaxChecker} over acorn at once, the builder one that loads acorn
 * when a scenario first has a script.
 */
export type ScriptSyntaxCheck = (code: string) => ScriptSyntaxError | undefined;

/**
 * The script syntax check over acorn's `parse`: the code must parse as exactly one function body,
 * as the bundle wraps it. Code that closes the wrapper early (`}); other(); (function(){`) is
 * refused: the author's code stays inside its function.
 */
export function scriptSyntaxChecker(parseJs: typeof parse): ScriptSyntaxCheck {
  return (code) => {
    const src = `${PREFIX}${code}\n})`;
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
      if (program.body.length !== 1 || stmt.expression?.type !== 'FunctionExpression' || bodyEnd !== src.length - 1)
        return { problem: 'the code closes its function early', column: 1 };
      return undefined;
    } catch (err) {
      const e = err as { message: string; loc?: { line: number; column: number } };
      const line = (e.loc?.line ?? 2) - 1;
      return {
        problem: `${e.message.replace(/ \(\d+:\d+\)$/, '')} at line ${line}`,
        column: (e.loc?.column ?? 0) + 1,
      };
    }
  };
}
