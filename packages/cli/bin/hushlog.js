#!/usr/bin/env node
// The `hushlog` command. This file is committed so that npm links the command at install time;
// the code it starts is built by the `prepare` script (`npm install` runs it on a clone).
import('../dist/bin.js').catch((err) => {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
    process.stderr.write('hushlog: the command is not built yet: run `npm run build` (npm install does it on a clone)\n');
  } else {
    process.stderr.write(`hushlog: cannot start: ${err?.stack ?? err}\n`);
  }
  process.exitCode = 2;
});
