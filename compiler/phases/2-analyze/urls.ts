import { d } from '../../diagnostics/catalogue.ts';
import type { NodeContext } from './visitor.ts';

/**
 * A URL the widget puts in the page (an image, a redirect) must not run script: only http(s)
 * or a path on the site. Browsers ignore tabs, line breaks and leading control characters in a
 * scheme, so those are removed before looking. When the URL is a template, its scheme must be
 * written out: `{{url}}` alone could become `javascript:` at run time.
 */
export function checkUrl(url: string, field: string, cx: NodeContext, opts: { allowDataImage?: boolean } = {}): void {
  cx.text(field, url);
  const cut = url.indexOf('{{');
  const literal = (cut < 0 ? url : url.slice(0, cut)).replace(/[\u0000-\u0020]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(literal)?.[1].toLowerCase();
  let safe: boolean;
  if (scheme)
    safe = scheme === 'http' || scheme === 'https' || (!!opts.allowDataImage && /^data:image\//i.test(literal));
  else if (cut < 0)
    safe = true; // a relative URL
  else safe = /^(?:\/|\.\.?\/|[?#])/.test(literal);
  if (!safe) cx.report(d.url_unsafe(cx.at(field), url));
}
