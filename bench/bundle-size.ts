import { PEERS, readPeerFile } from './peers.ts';
import { kb, measure, type Sizes } from './sizes.ts';
import { buildBundle, readScenario, TRACKED_BOTS } from './bots.ts';
import type { BenchResult } from './types.ts';

interface Row extends Sizes {
  bundle: string;
  source: string;
  uses: string;
  budget?: number;
}

/** Sizes of Chatlet bundles for the tracked scenarios, next to peers' embed scripts. */
export async function benchBundleSize(): Promise<BenchResult> {
  const rows: Row[] = [];
  for (const bot of TRACKED_BOTS) {
    const bundle = await buildBundle(readScenario(bot.path));
    rows.push({
      bundle: `Chatlet: ${bot.name}`,
      source: bot.path,
      uses: bot.uses,
      budget: bot.budget,
      ...measure(bundle),
    });
  }
  for (const peer of PEERS) {
    rows.push({
      bundle: `${peer.product} embed`,
      source: `${peer.pkg}@${peer.version} ${peer.file}`,
      uses: peer.note ?? '',
      ...measure(readPeerFile(peer)),
    });
  }

  const missed = rows
    .filter((r) => r.budget !== undefined && r.gzip > r.budget)
    .map((r) => `${r.bundle} is ${kb(r.gzip)} KB gzip, over its ${kb(r.budget!)} KB budget`);
  const lines = [
    '| bundle | measured from | raw KB | gzip KB | gzip bytes | brotli KB | gzip budget |',
    '|---|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => {
      const budget =
        r.budget === undefined
          ? ''
          : `≤ ${r.budget.toLocaleString('en')} bytes ${r.gzip <= r.budget ? '(met)' : '(**missed**)'}`;
      return `| ${r.bundle} | \`${r.source}\` | ${kb(r.raw)} | ${kb(r.gzip)} | ${r.gzip.toLocaleString('en')} | ${kb(r.brotli)} | ${budget} |`;
    }),
    '',
    ...TRACKED_BOTS.map((b) => `- Chatlet ${b.name} uses ${b.uses}.`),
    ...PEERS.filter((p) => p.note).map((p) => `- ${p.product}: ${p.note}.`),
  ];
  return {
    name: 'bundle-size',
    title: 'Bundle size',
    rows: rows as unknown as Record<string, unknown>[],
    markdown: lines.join('\n'),
    missed,
  };
}
