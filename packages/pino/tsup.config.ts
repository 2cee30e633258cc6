import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/transport.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // pino and @hushlog/core are resolved at run time from the consumer's node_modules.
  external: ['pino', '@hushlog/core'],
});
