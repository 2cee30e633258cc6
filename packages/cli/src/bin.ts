#!/usr/bin/env node
/**
 * The `hushlog` executable (started through the package's bin/hushlog.js).
 * @packageDocumentation
 */
import { main } from './cli.js';

// `hushlog big.log | head`: a closed pipe ends the command quietly. Every write is whole lines,
// and nothing more is written after the pipe closed.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`hushlog: cannot write the output: ${err.message}\n`);
  process.exit(2);
});

// Ctrl-C or SIGTERM: stop reading, write every line read so far, exit 130. A second one exits at once.
const interrupt = new AbortController();
const onSignal = (): void => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signal: interrupt.signal }).then(
  (code) => {
    process.exitCode = code;
    // An interrupted read may leave stdin open (its writer is still alive): do not wait for it.
    if (interrupt.signal.aborted) process.stdout.write('', () => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`hushlog: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
