import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

// pino and @hushlog/core are resolved at run time from the consumer's node_modules. The shims give
// the CJS build of the transport its own file URL (it recognises itself in a pino pipeline).
export default defineConfig(packageBuild(['src/index.ts', 'src/transport.ts'], { external: ['pino', '@hushlog/core'], shims: true }));
