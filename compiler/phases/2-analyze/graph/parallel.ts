import { d } from '../../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../../diagnostics/types.ts';
import type { ParallelNode } from '../../../model/types.ts';
import type { Graph } from './graph.ts';

/**
 * Parallel regions. A branch's region is every node reachable from its first node without passing
 * the join. Regions must be closed: no shared nodes, no way in except from the parallel node, every
 * path ends at the join, and the join is entered only from the regions. Returns the regions of the
 * parallel nodes that pass, as `Analysis.regions` describes.
 */
export function checkParallels(g: Graph, report: (x: Diagnostic) => void): Map<string, string[][]> {
  const regions = new Map<string, string[][]>();
  const joinOwner = new Map<string, string>();
  for (const node of g.nodes) {
    if (node.type !== 'parallel') continue;
    const result = checkParallel(g, node, joinOwner, report);
    if (result) regions.set(node.id, result);
  }
  for (const node of g.nodes) {
    if (node.type === 'join' && !joinOwner.has(node.id)) {
      report(d.parallel_join_mismatch(g.at(node.id), 'no parallel node names this join in its "join" field'));
    }
  }
  return regions;
}

function checkParallel(
  g: Graph,
  p: ParallelNode,
  joinOwner: Map<string, string>,
  report: (x: Diagnostic) => void,
): string[][] | undefined {
  const joinId = p.join;
  const joinNode = g.byId.get(joinId);
  if (!joinNode) return undefined; // node.dangling_next says why
  if (joinNode.type !== 'join') {
    report(d.parallel_join_mismatch(g.at(p.id, 'join'), `"${joinId}" is a ${joinNode.type} node, not a join node`));
    return undefined;
  }
  const other = joinOwner.get(joinId);
  if (other !== undefined) {
    report(
      d.parallel_join_mismatch(
        g.at(p.id, 'join'),
        `join "${joinId}" already belongs to parallel "${other}"; each parallel needs its own join`,
      ),
    );
    return undefined;
  }
  joinOwner.set(joinId, p.id);
  if (p.branches.length === 0 || p.branches.some((b) => !g.byId.has(b))) return undefined; // reported per node

  let ok = true;
  const owner = new Map<string, number>();
  // Shared nodes and nodes that never reach the join are reported once as such, not again as
  // "entered from outside" through the edges that make them so.
  const shared = new Set<string>();
  const stranded = new Set<string>();
  const regions = p.branches.map((start, bi) => {
    const region = start === joinId ? [] : collectRegion(g, start, joinId);
    for (const id of region) {
      const first = owner.get(id);
      if (first === undefined) owner.set(id, bi);
      else if (first !== bi) {
        shared.add(id);
        report(d.parallel_shared_node(g.at(p.id, `branches[${bi}]`), id, p.branches[first], start));
        ok = false;
      }
    }
    const stuck = nodesMissingJoin(g, region, joinId);
    if (stuck.length) {
      report(d.parallel_branch_never_joins(g.at(p.id, `branches[${bi}]`), start, stuck[0], joinId));
      for (const id of stuck) stranded.add(id);
      ok = false;
    }
    return region;
  });

  for (const [id, bi] of owner) {
    if (shared.has(id) || stranded.has(id)) continue;
    for (const e of g.preds(id)) {
      const fromParallel = e.from === p.id && e.field.startsWith('branches[') && p.branches[bi] === id;
      if (fromParallel || owner.get(e.from) === bi) continue;
      report(d.parallel_entered_from_outside(g.at(e.from, e.field), id, p.id, p.branches[bi]));
      ok = false;
    }
  }
  for (const e of g.preds(joinId)) {
    if (e.from === p.id || owner.has(e.from)) continue;
    report(
      d.parallel_join_mismatch(
        g.at(e.from, e.field),
        `it jumps to join "${joinId}" of parallel "${p.id}" from outside the parallel's branches`,
      ),
    );
    ok = false;
  }
  return ok ? regions : undefined;
}

/** Nodes reachable from `start` without passing `joinId`, in breadth-first order. */
function collectRegion(g: Graph, start: string, joinId: string): string[] {
  const seen = new Set([start]);
  const order = [start];
  for (let i = 0; i < order.length; i++) {
    for (const next of g.succ(order[i])) {
      if (next !== joinId && !seen.has(next)) {
        seen.add(next);
        order.push(next);
      }
    }
  }
  return order;
}

/**
 * The region nodes from which the join cannot be reached (an `end`, a dead end, a loop with no
 * way out), in region order. Nodes with a dangling reference are left out: that error is reported already.
 */
function nodesMissingJoin(g: Graph, region: string[], joinId: string): string[] {
  const inRegion = new Set(region);
  const reaches = new Set<string>();
  const queue: string[] = [];
  for (const e of g.preds(joinId)) {
    if (inRegion.has(e.from) && !reaches.has(e.from)) {
      reaches.add(e.from);
      queue.push(e.from);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    for (const e of g.preds(queue[i])) {
      if (inRegion.has(e.from) && !reaches.has(e.from)) {
        reaches.add(e.from);
        queue.push(e.from);
      }
    }
  }
  return region.filter((id) => !reaches.has(id) && !g.hasMissingTarget(id));
}
