import { parse } from 'acorn';
import { scriptSyntaxChecker } from './script-syntax.ts';

/**
 * The script syntax check with acorn imported statically: what Node's compile runs, and the one
 * module of the builder's lazily loaded chunk (only this file imports acorn).
 */
export const acornSyntax = scriptSyntaxChecker(parse);
