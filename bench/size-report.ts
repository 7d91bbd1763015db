import { gzipSync } from 'node:zlib';
import { compile, explainVariant, RUNTIME_DIR, SPEC_PLACEHOLDER, type ExplainedVariant } from '../compiler/index.ts';

/** What one module (a runtime file, a package, the bot's spec) adds to a bundle. */
export interface ModuleShare {
  module: string;
  /** bytes of the minified bundle that come from it */
  minified: number;
  /** its estimated share of the gzip size: its code gzipped alone, scaled so the shares add up to the bundle's */
  gzip: number;
}

/** A bundle taken apart by module, largest first. */
export interface SizeReport {
  name: string;
  /** the bundle exactly as compile() makes it */
  bundle: string;
  minified: number;
  gzip: number;
  modules: ModuleShare[];
  /** the modules esbuild's metafile says put code into the variant (grouped as in `modules`) */
  bundled: string[];
}

/** The bytes no module map to: the IIFE around the bundle and the separators terser keeps between modules. */
export const GLUE = '(glue)';
/** The bot's own part: machine config, node data, compiled expressions and UI strings. */
export const SPEC = 'bot spec (machine, nodes, expressions, UI strings)';
/** The variant's entry module, which the compiler writes per bot kind: imports, and the CSS parts it joins. */
export const ENTRY = 'variant entry (wiring, CSS parts joined)';

const gz = (s: string) => gzipSync(Buffer.from(s), { level: 9 }).length;

/** A source path as the report groups it: one row per runtime file, one per package (preact's hooks apart). */
export function moduleOf(source: string): string {
  const path = source.replace(/\\/g, '/');
  if (/(^|\/)variant\.js$/.test(path)) return ENTRY;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (pkg) return pkg[1] === 'preact' && pkg[2].startsWith('hooks/') ? 'preact/hooks' : pkg[1];
  const rt = /(?:^|\/)(runtime\/.*)$/.exec(path);
  return rt ? rt[1] : GLUE;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's mappings into, per generated line, segments of [column, source index | -1]. */
function decode(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let src = 0;
  for (const line of mappings.split(';')) {
    const segs: [number, number][] = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const fields: number[] = [];
      let value = 0,
        shift = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = shift = 0;
        }
      }
      col += fields[0];
      if (fields.length > 1) src += fields[1];
      segs.push([col, fields.length > 1 ? src : -1]);
    }
    lines.push(segs);
  }
  return lines;
}

/** The module of every character of a minified variant, from its source map. */
function attribute(v: ExplainedVariant): string[] {
  const owner: string[] = new Array(v.code.length).fill(GLUE);
  const lines = decode(v.map.mappings);
  let offset = 0;
  v.code.split('\n').forEach((text, i) => {
    const segs = lines[i] ?? [];
    segs.forEach(([col, src], j) => {
      const end = j + 1 < segs.length ? segs[j + 1][0] : text.length;
      const mod = src < 0 ? GLUE : moduleOf(v.map.sources[src]);
      for (let c = col; c < end; c++) owner[offset + c] = mod;
    });
    offset += text.length + 1;
  });
  return owner;
}

/** Rounds shares to whole bytes that still add up to `total` (largest remainders get the spare bytes). */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  let spare = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) if (spare-- > 0) out[i]++;
  return out;
}

/**
 * Compiles a scenario as the server publishes it, rebuilds its runtime variant with esbuild's
 * metafile and a source map, and says how many bytes of the bundle each module accounts for.
 */
export async function sizeReport(name: string, scenario: unknown): Promise<SizeReport> {
  const result = await compile(scenario, { botId: 'bench', publicUrl: 'https://chatlet.example', minify: true });
  if (!result.ok || !result.bundle || !result.source) throw new Error(`${name} did not compile`);
  const variantSource = result.source.split('\n// spec\n')[0];
  const v = await explainVariant(variantSource, RUNTIME_DIR);
  const [head, tail] = v.code.split(SPEC_PLACEHOLDER);
  const bundle = result.bundle;
  const tailStart = bundle.length - tail.trim().length - 1;
  if (!bundle.startsWith(head) || bundle.slice(tailStart, -1) !== tail.trim())
    throw new Error(`${name}: the report's build of the runtime is not the one in the bundle`);
  const owner = attribute(v);
  // The bundle is the variant's head, the spec in the placeholder's place, the variant's tail and a newline.
  const owners = [
    ...owner.slice(0, head.length),
    ...new Array<string>(tailStart - head.length).fill(SPEC),
    ...owner.slice(head.length + SPEC_PLACEHOLDER.length, head.length + SPEC_PLACEHOLDER.length + tail.trim().length),
    GLUE,
  ];
  const text = new Map<string, string[]>();
  owners.forEach((mod, i) => {
    const parts = text.get(mod) ?? text.set(mod, []).get(mod)!;
    parts.push(bundle[i]);
  });
  const names = [...text.keys()];
  const total = gz(bundle);
  const shares = apportion(
    names.map((m) => gz(text.get(m)!.join(''))),
    total,
  );
  const modules = names
    .map((module, i) => ({ module, minified: text.get(module)!.length, gzip: shares[i] }))
    .sort((a, b) => b.gzip - a.gzip || b.minified - a.minified);
  const bundled = new Set<string>();
  for (const out of Object.values(v.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs))
      if (bytesInOutput > 0) bundled.add(moduleOf(input));
  return { name, bundle, minified: bundle.length, gzip: total, modules, bundled: [...bundled].sort() };
}

/** The report as a plain-text table, for the CI log and the budget test's failure message. */
export function formatReport(r: SizeReport): string {
  const n = (x: number) => x.toLocaleString('en');
  const width = Math.max(...r.modules.map((m) => m.module.length), 6);
  const row = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(width)}  ${b.padStart(9)}  ${c.padStart(8)}  ${d.padStart(6)}`;
  return [
    `${r.name}: ${n(r.gzip)} B gzip, ${n(r.minified)} B minified`,
    row('module', 'minified', 'gzip ≈', 'share'),
    ...r.modules.map((m) => row(m.module, n(m.minified), n(m.gzip), ((m.gzip / r.gzip) * 100).toFixed(1) + '%')),
  ].join('\n');
}
