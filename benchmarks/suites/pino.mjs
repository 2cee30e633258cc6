// pino end to end: one log call of the same record into a null sink, with hushlog's
// `pinoRedaction()` (default policy), with plain pino, and with pino's native `redact` on the five
// paths a pino user would list for that record. What each one writes is checked before timing.
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { httpRecord, httpRecordPaths } from '../records.mjs';
import { leaks } from '../lib/verify.mjs';

const require = createRequire(import.meta.url);

export const name = 'pino';
export const title = 'pino end to end: pinoRedaction() vs plain pino and pino `redact`';
export const description =
  '`logger.info(httpRecord())` into a null `Writable`, with `pino({ ...pinoRedaction() })` (default policy: keys, ' +
  'headers, detectors on the whole line, `msg` included), plain `pino()`, and `pino({ redact: httpRecordPaths })` ' +
  '(the five credential paths; it leaves the email and card in `msg`). Same record object, reused (nothing mutates it).';
export const libraries = ['pino'];

// Credentials the five native paths and hushlog's structural rules both remove.
const STRUCTURAL_SECRETS = ['hunter2', 'sk_live_51HxyzABCDEF0123456789', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'abcdef0123456789'];
// Personal data in msg: only hushlog's detectors find it; native `redact` leaves it.
const TEXT_SECRETS = ['jane.doe@example.com', '4111 1111 1111 1111'];

/** A null sink that remembers the last line, so a case can return (and verify) what pino wrote. */
function nullSink() {
  const sink = new Writable({
    decodeStrings: false,
    write(chunk, _enc, cb) {
      sink.last = chunk;
      cb();
    },
  });
  sink.last = '';
  return sink;
}

async function loadAdapter() {
  try {
    return { adapter: await import('@hushlog/pino') };
  } catch (err) {
    return { missing: `@hushlog/pino not built (${err.code ?? err.message}); run \`npm run build -w packages/pino\`` };
  }
}

export async function register(s, { core }) {
  const pino = require('pino');
  const { adapter, missing } = await loadAdapter();
  const group = 'httpRecord via logger.info(record) into a null Writable';
  const record = httpRecord();

  const make = (options) => {
    const sink = nullSink();
    const logger = pino(options, sink);
    return () => {
      logger.info(record);
      return sink.last;
    };
  };

  s.add({
    id: 'http/pino+pinoRedaction',
    group,
    lib: 'pino + @hushlog/pino',
    fn: adapter ? make({ ...adapter.pinoRedaction() }) : () => '',
    skip: missing,
    verify: (out) => leaks(out, [...STRUCTURAL_SECRETS, ...TEXT_SECRETS]),
  });
  s.add({ id: 'http/pino', group, lib: 'pino', fn: make({}) });
  s.add({
    id: 'http/pino-redact',
    group,
    lib: 'pino redact (5 paths)',
    fn: make({ redact: [...httpRecordPaths] }),
    verify: (out) => leaks(out, STRUCTURAL_SECRETS),
  });
  // pino-http's shape: a child bound to the request for each request, and one line when it completes.
  const childGroup = 'a child per request bound to req, one info each';
  const { req: boundReq } = httpRecord();
  const perRequest = (options) => {
    const sink = nullSink();
    const logger = pino(options, sink);
    return () => {
      logger.child({ req: boundReq }).info({ res: { statusCode: 200 }, responseTime: 12 }, 'request completed');
      return sink.last;
    };
  };
  s.add({
    id: 'child/pino+pinoRedaction',
    group: childGroup,
    lib: 'pino + @hushlog/pino',
    fn: adapter ? perRequest({ ...adapter.pinoRedaction() }) : () => '',
    skip: missing,
    verify: (out) => leaks(out, STRUCTURAL_SECRETS.slice(1)),
  });
  s.add({ id: 'child/pino', group: childGroup, lib: 'pino', fn: perRequest({}) });

  // For reference: the core alone on the same record, no pino (the floor under any pino adapter).
  const r = core.createRedactor();
  s.add({ id: 'http/core-stringify', group, lib: 'hushlog stringify (no pino)', fn: () => r.stringify(record) });

  s.check({
    name: 'pino: pinoRedaction() / pino native redact',
    hushlog: 'http/pino+pinoRedaction',
    anchor: 'http/pino-redact',
    target: 1.0,
  });
  s.check({ name: 'pino: pinoRedaction() / plain pino', hushlog: 'http/pino+pinoRedaction', anchor: 'http/pino', target: 0.45 });
  s.check({
    name: 'pino: a child per request, pinoRedaction() / plain pino',
    hushlog: 'child/pino+pinoRedaction',
    anchor: 'child/pino',
    target: 0.4,
  });
  s.check({
    name: 'pino: pinoRedaction() / core stringify alone',
    hushlog: 'http/pino+pinoRedaction',
    anchor: 'http/core-stringify',
    target: null,
  });
}
