/**
 * hushlog demo: runs the example API (./app.mjs) on 127.0.0.1, sends it a few requests, and prints
 * the request logs twice: once as a typical app writes them (plain JSON.stringify) and once through
 * hushlog. Every secret below is fake.
 *
 * Run: npm run demo   (or: npm run build -w packages/core && node examples/demo.mjs)
 *
 * Each section is a {@link Section}: a title and a function that builds the app's log setup around
 * a line sink. To add another way of logging, append a section to SECTIONS.
 */
// The workspace links @hushlog/core (and the adapters) into node_modules; `npm run demo` builds them first.
import { createRedactor, runWithSecrets } from '@hushlog/core';
import { createApp } from './app.mjs';
import { Writable } from 'node:stream';
import winston from 'winston';
import { redactFormat } from '@hushlog/winston';
import pino from 'pino';
import { pinoRedaction } from '@hushlog/pino';

// ---------------------------------------------------------------------------------------------
// Fake credentials and personal data, in real formats.
// ---------------------------------------------------------------------------------------------

/** Fake Stripe-style live key; assembled at runtime so secret scanners do not flag this file. */
const API_KEY = ['sk', 'live', 'FAKEdemo0000hushlog0000KEY'].join('_');

/**
 * Encodes a value as base64url JSON (a JWT segment).
 * @param {unknown} value
 * @returns {string}
 */
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Fake JWT: a real header and payload, and a signature that is not one. */
const BEARER_TOKEN = [
  b64url({ alg: 'HS256', typ: 'JWT' }),
  b64url({ sub: 'user_42', name: 'Jane Doe', iat: 1700000000 }),
  Buffer.from('fake-signature-for-the-hushlog-demo').toString('base64url'),
].join('.');

/** Fake express-session style cookie value. */
const SESSION_COOKIE = 's%3AFAKEdemoSession0000hushlog.QmFkU2lnbmF0dXJlRm9yRGVtbw';

/** Fake connection string, as found in the app's config. */
const DATABASE_URL = 'postgres://app:S3cret!@db.internal:5432/app';

const PROFILE = {
  name: 'Jane Doe',
  email: 'jane.doe@example.com',
  phone: '+1 555 0100',
  cardNumber: '4111 1111 1111 1111',
  password: 'correct-horse-battery-staple',
  note: 'Bill card 4111 1111 1111 1111, receipts to jane.doe@example.com',
};

/** The values that must not appear in logs, by name, for the per-section summary. */
const WATCHED = {
  'api key': API_KEY,
  'bearer token': BEARER_TOKEN,
  'session cookie': SESSION_COOKIE,
  'db password': 'S3cret!',
  email: PROFILE.email,
  phone: PROFILE.phone,
  card: PROFILE.cardNumber,
  password: PROFILE.password,
};

const CLIENT_HEADERS = {
  Authorization: `Bearer ${BEARER_TOKEN}`,
  Cookie: `session=${SESSION_COOKIE}; theme=dark`,
  'X-API-Key': API_KEY,
};

// ---------------------------------------------------------------------------------------------
// Sections: one per way of logging.
// ---------------------------------------------------------------------------------------------

/**
 * One way of logging the app's requests.
 * @typedef {object} Section
 * @property {string} title
 * @property {(write: (line: string) => void) => import('./app.mjs').LogSetup} create Builds the
 *   app's log setup; every log line goes to `write`.
 */

/**
 * A record as a naive app serializes it: JSON.stringify turns an Error into `{}`, so the app copies
 * the message and stack by hand.
 * @param {import('./app.mjs').RequestRecord} record
 * @returns {object}
 */
function naiveSerialize(record) {
  const { err, ...rest } = record;
  return err === undefined ? rest : { ...rest, err: { message: err.message, stack: err.stack } };
}

/** @type {Section[]} */
const SECTIONS = [
  {
    title: 'without hushlog: JSON.stringify(record)',
    create: (write) => ({ log: (record) => write(JSON.stringify(naiveSerialize(record))) }),
  },
  {
    title: 'with hushlog: createRedactor().stringify(record), each request in runWithSecrets([apiKey, bearerToken, sessionCookie])',
    create: (write) => {
      const redactor = createRedactor();
      return {
        log: (record) => write(redactor.stringify(record)),
        scope: (secrets, handle) => runWithSecrets(secrets, handle),
      };
    },
  },
  {
    title: 'with @hushlog/pino: pino({ ...pinoRedaction() }), each request in runWithSecrets([…])',
    create: (write) => {
      // pino's own err serializer, printf and line format; hushlog redacts each finished line.
      const logger = pino({ ...pinoRedaction(), base: undefined }, { write: (line) => write(line.trimEnd()) });
      return {
        log: ({ level, msg, ...fields }) => logger[level](fields, msg),
        scope: (secrets, handle) => runWithSecrets(secrets, handle),
      };
    },
  },
  {
    title: 'with @hushlog/winston: format.combine(errors(), splat(), redactFormat(), json()), each request in runWithSecrets([…])',
    create: (write) => {
      // A Stream transport writing each finished line to the demo's collector.
      const stream = new Writable({
        write: (chunk, _encoding, done) => {
          write(String(chunk).trimEnd());
          done();
        },
      });
      const { format } = winston;
      const logger = winston.createLogger({
        format: format.combine(format.errors({ stack: true }), format.splat(), redactFormat(), format.json()),
        transports: [new winston.transports.Stream({ stream })],
      });
      return {
        log: ({ level, msg, ...fields }) => logger.log(level, msg, fields),
        scope: (secrets, handle) => runWithSecrets(secrets, handle),
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Driver.
// ---------------------------------------------------------------------------------------------

/**
 * Sends the demo's requests, one after the other, to the app at `base`.
 * @param {string} base e.g. `http://127.0.0.1:54321`
 */
async function sendRequests(base) {
  const requests = [
    [`/data?api_key=${API_KEY}&page=2`, { headers: CLIENT_HEADERS }],
    ['/profile', { method: 'POST', headers: { ...CLIENT_HEADERS, 'Content-Type': 'application/json' }, body: JSON.stringify(PROFILE) }],
    ['/secure', { headers: CLIENT_HEADERS }],
  ];
  for (const [path, init] of requests) {
    const res = await fetch(base + path, init);
    await res.arrayBuffer();
  }
}

/**
 * Starts the app with one section's log setup on an ephemeral 127.0.0.1 port, sends the requests,
 * closes the server, and returns the log lines.
 * @param {Section} section
 * @returns {Promise<string[]>}
 */
async function logWith(section) {
  /** @type {string[]} */
  const lines = [];
  const server = createApp(
    section.create((line) => lines.push(line)),
    { databaseUrl: DATABASE_URL },
  );
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  try {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    await sendRequests(`http://127.0.0.1:${port}`);
  } finally {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
  }
  return lines;
}

/**
 * Names the watched fake values that still appear in the lines.
 * @param {string[]} lines
 * @returns {string[]}
 */
function visibleSecrets(lines) {
  const text = lines.join('\n');
  return Object.entries(WATCHED)
    .filter(([, value]) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)))
    .map(([name]) => name);
}

/**
 * Prints one section: a header line, one JSON line per log record, and which fake values are
 * still readable.
 * @param {string} title
 * @param {string[]} lines
 */
function printSection(title, lines) {
  console.log(`=== ${title} ===`);
  for (const line of lines) console.log(line);
  const visible = visibleSecrets(lines);
  console.log(`--- fake values still readable: ${visible.length === 0 ? 'none' : visible.join(', ')}`);
  console.log();
}

/** Runs every section and prints it; gives up with exit code 1 if anything hangs. */
async function main() {
  const watchdog = setTimeout(() => {
    console.error('demo: timed out after 4 s');
    process.exit(1);
  }, 4000);
  watchdog.unref();
  for (const section of SECTIONS) printSection(section.title, await logWith(section));
}

await main();
