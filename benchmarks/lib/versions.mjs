// Versions of the libraries being compared, read from their installed package.json files.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

/** The installed version of `name`, or `null` when it cannot be found. */
export function versionOf(name) {
  try {
    return require(`${name}/package.json`).version ?? null;
  } catch {
    try {
      // Packages whose `exports` hide package.json: walk up from the resolved entry.
      let dir = require.resolve(name);
      for (let i = 0; i < 6; i++) {
        dir = dir.slice(0, dir.lastIndexOf('/'));
        try {
          const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
          if (pkg.name === name) return pkg.version ?? null;
        } catch {
          /* keep walking */
        }
      }
    } catch {
      /* not installed */
    }
    return null;
  }
}

/** The version of the built @hushlog/core. */
export function coreVersion() {
  try {
    return JSON.parse(readFileSync(new URL('../../packages/core/package.json', import.meta.url), 'utf8')).version;
  } catch {
    return null;
  }
}
