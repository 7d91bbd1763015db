import { performance } from 'node:perf_hooks';
import { buildBundle } from './bots.ts';
import { generateScenario } from './generate-scenario.ts';
import { kb, measure } from './sizes.ts';
import type { BenchResult } from './types.ts';

export const SIZES = [125, 250, 500, 1_000, 2_000];
const WARMUP_RUNS = 2;
const TIMED_RUNS = 7;
/** A 1,000-node scenario must parse, check, lower, emit and bundle in under this. */
export const TARGET_MS_AT_1000 = 300;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Least-squares line `ms = fixed + perNode × nodes`, and how well it fits (R², 1 is a straight line). */
function fitLine(points: { x: number; y: number }[]): { fixed: number; perNode: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const perNode = sxy / sxx;
  const fixed = my - perNode * mx;
  const ssRes = points.reduce((s, p) => s + (p.y - (fixed + perNode * p.x)) ** 2, 0);
  const ssTot = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  return { fixed, perNode, r2: 1 - ssRes / ssTot };
}

/** Times `compile()`, bundling included, on generated scenarios of growing size. */
export async function benchCompileTime(): Promise<BenchResult> {
  const rows: { nodes: number; medianMs: number; msPerNode: number; minMs: number; maxMs: number; gzip: number }[] = [];
  for (const size of SIZES) {
    const scenario = generateScenario(size);
    let bundle = '';
    for (let i = 0; i < WARMUP_RUNS; i++) bundle = await buildBundle(scenario);
    const times: number[] = [];
    for (let i = 0; i < TIMED_RUNS; i++) {
      const start = performance.now();
      await buildBundle(scenario);
      times.push(performance.now() - start);
    }
    const medianMs = median(times);
    rows.push({
      nodes: size,
      medianMs,
      msPerNode: medianMs / size,
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      gzip: measure(bundle).gzip,
    });
  }

  const at1000 = rows.find((r) => r.nodes === 1_000)!;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const missed =
    at1000.medianMs < TARGET_MS_AT_1000
      ? []
      : [`a 1,000-node scenario compiles in ${at1000.medianMs.toFixed(0)} ms, over the ${TARGET_MS_AT_1000} ms target`];
  const fit = fitLine(rows.map((r) => ({ x: r.nodes, y: r.medianMs })));
  const lines = [
    '| nodes | median ms | ms per node | min–max ms | bundle gzip KB |',
    '|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.nodes.toLocaleString('en')} | ${r.medianMs.toFixed(1)} | ${r.msPerNode.toFixed(3)} | ${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)} | ${kb(r.gzip)} |`,
    ),
    '',
    `- 1,000 nodes: ${at1000.medianMs.toFixed(0)} ms (target < ${TARGET_MS_AT_1000} ms: ${missed.length ? '**missed**' : 'met'}).`,
    `- A straight line fits the medians: about ${fit.fixed.toFixed(0)} ms fixed (mostly bundling the runtime) plus ${(fit.perNode * 1000).toFixed(0)} ms per 1,000 nodes, R² = ${fit.r2.toFixed(3)}.`,
    `- From ${first.nodes} to ${last.nodes.toLocaleString('en')} nodes (×${last.nodes / first.nodes}) the time grows ×${(last.medianMs / first.medianMs).toFixed(1)}; ms per node goes from ${first.msPerNode.toFixed(3)} to ${last.msPerNode.toFixed(3)}.`,
    `- Median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs, in one process, one scenario at a time.`,
  ];
  return { name: 'compile-time', title: 'Compile time', rows, summary: { fit }, markdown: lines.join('\n'), missed };
}
