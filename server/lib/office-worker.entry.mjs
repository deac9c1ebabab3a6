// Bootstrap of the parsing worker (lib/office-worker.ts). Plain JS so that it starts the same way
// under `node --import tsx`, in tests and anywhere else: it registers the TypeScript loader itself.
import { register } from 'tsx/esm/api';

register();
await import('./office-worker-jobs.ts');
