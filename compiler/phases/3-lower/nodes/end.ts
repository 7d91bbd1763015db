import type { NodeLowerer } from './types.ts';
import { act } from './types.ts';

/**
 * An `http(s)` URL or a path on the site (no scheme at all: nothing before the first `/`, `?` or
 * `#` ends in `:`). The analysis already reports anything else as `url.unsafe`; this keeps a
 * `javascript:` redirect out of a bundle even if that check were bypassed.
 */
const safeRedirect = (url: string) => /^https?:\/\//i.test(url) || !/^[^/?#]*:/.test(url);

/** The conversation is over; an optional redirect is followed by the page once the text is shown. */
export const lowerEnd: NodeLowerer<'end'> = (node, cx) => {
  const n = cx.key(node.id);
  return {
    state: { type: 'final', ...(node.text !== undefined ? { entry: act('say', n) } : {}) },
    data: {
      y: 'end',
      ...(node.text !== undefined ? { t: cx.text(node.text) } : {}),
      ...(node.redirect && safeRedirect(node.redirect) ? { r: cx.text(node.redirect) } : {}),
    },
  };
};
