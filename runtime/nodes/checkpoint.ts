import { assign } from 'xstate';
import type { NodeModule } from '../types.ts';

/** A checkpoint forgets older compensations: rollback undoes only what came after it. */
const checkpoint: NodeModule<'checkpoint'> = () => ({ a: { cp: assign({ c: [] }) } });
export default checkpoint;
