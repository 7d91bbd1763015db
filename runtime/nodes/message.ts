import type { NodeModule } from '../types.ts';

/** The message node needs nothing beyond the base actions and the machine's own structure. */
const message: NodeModule<'message'> = () => ({});
export default message;
