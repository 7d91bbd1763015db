import { h } from 'preact';
import { type FormProps, pairs } from './form-parts.tsx';

/** A set node: variables and the expressions assigned to them. */
export function SetForm(p: FormProps): h.JSX.Element {
  return pairs('Assignments', 'assign', p, 'Variable', 'Expression');
}
