import type { Lowered } from '../3-lower/types.ts';
import type { RuntimeSettings } from '../3-lower/settings.ts';
import { toSource } from './serialize.ts';
import { FUNCTIONS } from '../../expr/index.ts';
import type { Features } from './features.ts';

/** Names exported by runtime/expr-helpers.ts: the language's functions plus member access and display text. */
const HELPERS = new Set(['m', 's', ...Object.keys(FUNCTIONS)]);

export interface ModuleOptions {
  botId: string;
  publicUrl: string;
  /** Content hash of the scenario; a saved conversation compares it to know the bot changed. */
  version: string;
  settings: RuntimeSettings;
  /** Absolute path of the runtime folder; imports are resolved by esbuild, never from user text. */
  runtimeDir: string;
  features: Features;
}

/**
 * The bundle's entry module: imports the runtime and only the node-type modules the scenario
 * uses (the rest is left out), then boots with the lowered machine and data.
 */
export function moduleSource(lowered: Lowered, o: ModuleOptions): string {
  const rt = (p: string) => JSON.stringify(`${o.runtimeDir}/${p}`);
  const imports = lowered.uses.map((type, i) => `import k${i} from ${rt(`nodes/${type}.ts`)};`);
  const trigger = o.settings.st.type;
  const hasTrigger = trigger === 'delay' || trigger === 'scroll' || trigger === 'exit';
  if (hasTrigger) imports.push(`import tr from ${rt(`triggers/${trigger}.ts`)};`);
  imports.push(`import { ${o.features.css.join(', ')} } from ${rt('widget/styles.ts')};`);
  if (o.features.markdown) imports.push(`import { md } from ${rt('widget/markdown.tsx')};`);
  if (o.features.multi) imports.push(`import { Multi } from ${rt('widget/multi.tsx')};`);
  const extra = [`"css":${o.features.css.join('+')}`, ...(hasTrigger ? ['"tr":tr'] : []), ...(o.features.markdown ? ['"md":md'] : []), ...(o.features.multi ? ['"mc":Multi'] : [])];
  const spec = {
    id: o.botId,
    u: o.publicUrl,
    h: o.version,
    s: o.settings,
    m: lowered.machine,
    n: lowered.nodes,
    x: lowered.exprs,
    ui: lowered.ui,
  };
  const body = toSource(spec);
  // Only the expression helpers the compiled code calls are imported; esbuild drops the rest.
  const helpers = [...new Set(Array.from(body.matchAll(/\$\.([a-zA-Z]+)/g), (m) => m[1]))].filter((name) => HELPERS.has(name)).sort();
  return [
    `import { boot } from ${rt('boot.ts')};`,
    helpers.length ? `import { ${helpers.join(', ')} } from ${rt('expr-helpers.ts')};` : '',
    `const $ = { ${helpers.join(', ')} };`,
    ...imports,
    `boot(${body.slice(0, -1)},"k":[${lowered.uses.map((_, i) => 'k' + i).join(',')}],${extra.join(',')}}, $);`,
  ].join('\n');
}
