import { duration, expr, nodeRef, nodeSchema, text } from '../values.ts';

// Both timing fields are optional here; the analyze phase requires exactly one of them.
export const delay = nodeSchema('delay', {
  duration: duration.optional(),
  until: expr.optional(),
  text: text.optional(),
  next: nodeRef,
});
