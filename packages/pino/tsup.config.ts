import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

// pino and @hushlog/core are resolved at run time from the consumer's node_modules.
export default defineConfig(packageBuild(['src/index.ts', 'src/transport.ts'], { external: ['pino', '@hushlog/core'] }));
