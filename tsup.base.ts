import type { Options } from 'tsup';

/**
 * The build every hushlog package shares: ESM and CJS for Node 20, with `.d.ts` and source maps.
 * Workspace and peer dependencies stay external (tsup leaves dependencies and peers out).
 */
export function packageBuild(entry: string[], overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    ...overrides,
  };
}
