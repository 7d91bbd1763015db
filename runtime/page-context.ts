import type { Ctx, NodeModule } from './types.ts';

/**
 * Page context: fills the read-only `page` variable (`page.url`, `page.referrer` and
 * `page.utm.source|medium|campaign|term|content` from the landing page's query string, '' when
 * missing). Only bundles whose scenario reads `page` carry it.
 *
 * It is a node module so that it costs boot and the host nothing: `buildMachine` calls every module
 * with the environment before it copies the machine's config, and the machine is built when the page
 * view's first conversation starts or is restored. So a new conversation starts with this page's
 * context, and a restored one keeps the page it started on (its saved variables win).
 */
export const pageContext: NodeModule = (R) => {
  const q = new URLSearchParams(location.search);
  const utm: Record<string, string> = {};
  for (const k of ['source', 'medium', 'campaign', 'term', 'content']) utm[k] = q.get('utm_' + k) || '';
  (R.spec.m.context as Ctx).v.page = { url: location.href, referrer: document.referrer, utm };
  return {};
};
