/**
 * State keys are node ids made safe for XState, where `.` and `#` are path syntax.
 * The mapping is stable across versions (a saved conversation finds its node again) and
 * collision-free: `~` starts an escape, and `/` is kept for keys the compiler makes itself.
 */
export function stateKey(id: string): string {
  return id.replace(/[.#~/\\]/g, (c) => '~' + c.charCodeAt(0).toString(16));
}

/** The node id a state key stands for: `stateKey` undone (reports from the runtime name nodes by key). */
export function idOfStateKey(key: string): string {
  return key.replace(/~([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The id of the final state that closes branch `i` of a parallel node. */
export function branchDoneKey(parallelKey: string, i: number): string {
  return `${parallelKey}/j${i}`;
}

/** The final state inside each region of a parallel node, reached at its join. */
export const BRANCH_END = '/j';

/** The state a failed service task falls into when it has no `onError`. */
export const FAIL_KEY = '/fail';
