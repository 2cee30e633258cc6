import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

/** What the second build writes, which the first one must not clean away (both run at once). */
const KEEP = ['!bin.js', '!bin.js.map', '!worker.js', '!worker.js.map'];

export default defineConfig([
  // The library: ESM + CJS + types.
  packageBuild(['src/index.ts'], { clean: KEEP, shims: true }),
  // The executable and the `--jobs` worker: ESM only, one self-contained file each (no shared
  // chunk for the first build to clean); esbuild keeps the `#!/usr/bin/env node` line of src/bin.ts.
  packageBuild(['src/bin.ts', 'src/worker.ts'], { format: ['esm'], dts: false, clean: false, splitting: false }),
]);
