import type { BundleSpec } from '../../contract.ts';
import type { MachineSpec } from '../3-lower/types.ts';
import { toSource } from './serialize.ts';
import { FUNCTIONS } from '../../expr/index.ts';

/** A free name in the variant that the bot's spec replaces after minification (minifiers keep free names). */
export const SPEC_PLACEHOLDER = '__CHATLET_SPEC__';

/** Names exported by runtime/expr-helpers.ts: the language's functions plus member access and display text. */
const HELPERS = new Set(['m', 's', ...Object.keys(FUNCTIONS)]);

export interface ModuleOptions {
  botId: string;
  publicUrl: string;
  /** Content hash of the scenario; a saved conversation compares it to know the bot changed. */
  version: string;
}

/**
 * A bundle is two parts. The **runtime variant** is the runtime with only the node types,
 * widget parts, trigger and expression helpers this bot uses; many bots share one, so it is
 * built and minified once and cached. The **spec** is this bot's own data and compiled code.
 */
export interface BundleParts {
  /** Identifies the variant: equal keys, equal variant source. */
  variantKey: string;
  /** ES module source of the variant: it boots `__CHATLET_SPEC__($)`, the placeholder the spec replaces. */
  variant: (runtimeDir: string) => string;
  /** JavaScript expression source of the spec, using the free name `$`. */
  spec: string;
}

/** Splits a lowered scenario into its runtime variant and its spec. */
export function bundleParts(lowered: MachineSpec, o: ModuleOptions): BundleParts {
  const trigger = lowered.settings.st.type;
  const tr = trigger === 'delay' || trigger === 'scroll' || trigger === 'exit' ? trigger : '';
  const server = lowered.features.server && !!o.publicUrl;
  // A bot without a server to report to carries no results code. The reporter opens its own visitor
  // session rather than using the server link, which would cost a lead bot without handoff ~600 B gzip.
  const results = lowered.features.results && !!o.publicUrl;
  const consent = results && lowered.features.consent;
  const page = lowered.features.page;
  const data: BundleSpec = {
    id: o.botId,
    u: o.publicUrl,
    h: o.version,
    s: lowered.settings,
    m: lowered.machine,
    n: lowered.nodes,
    x: lowered.exprs,
    ui: lowered.ui,
  };
  const spec = toSource(data);
  // Only the expression helpers the compiled code calls are imported; the rest is left out.
  const helpers = [...new Set(Array.from(spec.matchAll(/\$\.([a-zA-Z]+)/g), (m) => m[1]))]
    .filter((name) => HELPERS.has(name))
    .sort();
  const f = lowered.features;
  // Optional parts that came later join the key only when present, so the key of a bot without them is unchanged.
  const key = {
    uses: lowered.uses,
    tr,
    css: f.css,
    md: f.markdown,
    mc: f.multi,
    lk: server,
    helpers,
    ...(results ? { rs: true } : {}),
    ...(consent ? { rk: true } : {}),
    ...(page ? { pc: true } : {}),
  };
  const variant = (runtimeDir: string) => {
    const rt = (p: string) => JSON.stringify(`${runtimeDir}/${p}`);
    const extra = [`css: ${f.css.join(' + ')}`];
    const lines = [
      `import { boot } from ${rt('boot.ts')};`,
      ...lowered.uses.map((type, i) => `import k${i} from ${rt(`nodes/${type}.ts`)};`),
    ];
    if (helpers.length) lines.push(`import { ${helpers.join(', ')} } from ${rt('expr-helpers.ts')};`);
    lines.push(`import { ${f.css.join(', ')} } from ${rt('widget/styles.ts')};`);
    if (tr) (lines.push(`import tr from ${rt(`triggers/${tr}.ts`)};`), extra.push('tr'));
    if (f.markdown) (lines.push(`import { md } from ${rt('widget/markdown.tsx')};`), extra.push('md'));
    if (f.multi) (lines.push(`import { Multi } from ${rt('widget/multi.tsx')};`), extra.push('mc: Multi'));
    if (server) (lines.push(`import { serverLink } from ${rt('link.ts')};`), extra.push('lk: serverLink'));
    // Consent is its own module around the reporter, so that bots whose results do not ask carry none of it.
    if (consent) (lines.push(`import { consent } from ${rt('results-consent.ts')};`), extra.push('rs: consent'));
    else if (results) (lines.push(`import { results } from ${rt('results.ts')};`), extra.push('rs: results'));
    // Page context is a node module: the machine calls it as it starts a conversation, so boot carries nothing for it.
    const modules = lowered.uses.map((_, i) => 'k' + i);
    if (page) (lines.push(`import { pageContext } from ${rt('page-context.ts')};`), modules.push('pageContext'));
    lines.push(
      `const $ = { ${helpers.join(', ')} };`,
      `boot({ ...${SPEC_PLACEHOLDER}($), k: [${modules.join(', ')}], ${extra.join(', ')} }, $);`,
    );
    return lines.join('\n');
  };
  return { variantKey: JSON.stringify(key), variant, spec };
}
