// winston end to end: a real winston logger writing JSON lines to a null stream, with
// `redactFormat()` before `json()`, and `redactJson()` in place of `json()`, against `json()`
// alone. The price of redaction as a winston user pays it: per log call, on top of everything
// winston does anyway.
import { Writable } from 'node:stream';
import { httpRecord } from '../records.mjs';
import { leaks } from '../lib/verify.mjs';

export const name = 'winston';
export const title = 'winston: redactJson(), and json() with redactFormat(), vs json() alone';
export const description =
  "`logger.info('request completed', httpRecord())` on `winston.createLogger({ format, transports: [new transports.Stream({ stream })] })` " +
  'where the stream is a Writable that discards its input; `format` is `redactJson()`, or `combine(redactFormat(), json())`, vs `json()`. ' +
  'The same record object is logged on every call (winston copies meta into a new info each time). ' +
  'Needs `npm run build -w packages/winston` as well as the core.';
export const libraries = ['winston', 'logform'];

// Credentials the default policy must remove from httpRecord, and the personal data in its msg.
const SECRETS = ['hunter2', 'sk_live_51HxyzABCDEF0123456789', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'abcdef0123456789', 'jane.doe@example.com'];

/** A Writable that keeps only the last line written to it. */
function nullStream() {
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      stream.last = chunk;
      callback();
    },
  });
  stream.last = null;
  return stream;
}

export async function register(s) {
  let winston;
  let adapter;
  let missing = null;
  try {
    winston = (await import('winston')).default;
    adapter = await import('@hushlog/winston');
  } catch (err) {
    missing = `winston or @hushlog/winston not available (${err.code ?? err.message}); run \`npm run build -w packages/winston\``;
  }

  const group = 'httpRecord as meta, one log call, Stream transport to a null stream';
  const record = httpRecord();
  const make = (format) => {
    const stream = nullStream();
    const logger = winston.createLogger({ format, transports: [new winston.transports.Stream({ stream })] });
    // The log call writes through winston's streams synchronously; return the line it wrote.
    return () => {
      logger.info('request completed', record);
      return String(stream.last);
    };
  };
  const plain = missing ? null : make(winston.format.json());
  const hush = missing ? null : make(winston.format.combine(adapter.redactFormat(), winston.format.json()));
  const hushJson = missing || typeof adapter.redactJson !== 'function' ? null : make(adapter.redactJson());
  const verifyRedacted = (out) => leaks(out, SECRETS) ?? (out.includes('"message":"request completed"') ? null : `unexpected line: ${out}`);

  s.add({
    id: 'http/hushlog',
    group,
    lib: 'winston + redactFormat',
    skip: missing,
    fn: () => hush(),
    verify: verifyRedacted,
  });
  s.add({
    id: 'http/hushlog-json',
    group,
    lib: 'winston + redactJson',
    skip: missing ?? (hushJson ? null : 'this build of @hushlog/winston has no redactJson'),
    fn: () => hushJson(),
    // The same bytes as redactFormat() then json(): the one-pass format may not change the line.
    verify: (out) => verifyRedacted(out) ?? (out === hush() ? null : `redactJson wrote a different line than redactFormat + json: ${out}`),
  });
  s.add({
    id: 'http/winston',
    group,
    lib: 'winston',
    skip: missing,
    fn: () => plain(),
    verify: (out) => (out.includes('hunter2') ? null : `the plain line should hold the record as is: ${out}`),
  });
  s.check({ name: 'httpRecord: winston + redactFormat / winston', hushlog: 'http/hushlog', anchor: 'http/winston', target: 0.9 });
  s.check({ name: 'httpRecord: winston redactJson / winston json()', hushlog: 'http/hushlog-json', anchor: 'http/winston', target: 0.85 });
}
