import type { NodeModule } from '../types.ts';

/** The parallel node needs nothing beyond the base actions and the machine's own structure. */
const parallel: NodeModule<'parallel'> = () => ({});
export default parallel;
