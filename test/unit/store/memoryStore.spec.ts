import { MemoryStore } from '../../../services/store/memoryStore';
import { behavesAsAConcurrentStore } from './storeContract';

describe('the in-memory store', () => {
  behavesAsAConcurrentStore(() => new MemoryStore());
});
