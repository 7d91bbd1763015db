import type { NodeModule } from '../types.ts';

/** The join node needs nothing beyond the base actions and the machine's own structure. */
const join: NodeModule<'join'> = () => ({});
export default join;
