import type { NodeModule } from '../types.ts';

/** The end node needs nothing beyond the base actions and the machine's own structure. */
const end: NodeModule<'end'> = () => ({});
export default end;
