// Loads the built @hushlog/core (the package's own dist/, ESM entry).
//
// `import '@hushlog/core'` resolves through the npm workspace link in node_modules. When that link
// is missing (npm install ran before packages/core existed), fall back to the built file, so the
// benchmark measures exactly what `npm run build -w packages/core` produced. Nothing is built here.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const distEntry = fileURLToPath(new URL('../../packages/core/dist/index.js', import.meta.url));

async function load() {
  try {
    return { core: await import('@hushlog/core'), source: '@hushlog/core' };
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' && err?.code !== 'MODULE_NOT_FOUND') throw err;
    if (!existsSync(distEntry)) {
      throw new Error(`@hushlog/core is not built: ${distEntry} is missing. Run \`npm run build -w packages/core\` first.`, { cause: err });
    }
    return { core: await import(pathToFileURL(distEntry).href), source: 'packages/core/dist/index.js' };
  }
}

export const { core, source: coreSource } = await load();
