import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS + types.
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // Clean everything but the executable, which the second build writes at the same time.
    clean: ['!bin.js', '!bin.js.map'],
    shims: true,
    target: 'node20',
    platform: 'node',
  },
  {
    // The executable: ESM only; esbuild keeps the `#!/usr/bin/env node` line of src/bin.ts.
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
  },
]);
