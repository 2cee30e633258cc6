import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

export default defineConfig([
  // The library: ESM + CJS + types. Clean everything but the executable, which the second build writes at the same time.
  packageBuild(['src/index.ts'], { clean: ['!bin.js', '!bin.js.map'], shims: true }),
  // The executable: ESM only; esbuild keeps the `#!/usr/bin/env node` line of src/bin.ts.
  packageBuild(['src/bin.ts'], { format: ['esm'], dts: false, clean: false }),
]);
