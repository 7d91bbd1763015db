import 'fake-indexeddb/auto';
import { runStorageContract } from './storage.contract.ts';
import { idbStorage } from './idb-storage.ts';
import { memoryStorage } from './memory-storage.ts';

let n = 0;
runStorageContract('memory', async () => memoryStorage());
// Each test gets a database of its own, as a fresh visitor's browser would have.
runStorageContract('IndexedDB through idb (fake-indexeddb)', () => idbStorage(`contract-${++n}`));
