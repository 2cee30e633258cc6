/**
 * A small `node:http` API that logs the way a typical app does: one record per request with the
 * method, the URL (query string included), every request header, the status and the response
 * time; the parsed body for `POST /profile`; the Error for a failed request. It is the Node twin of
 * the Flask app in the design notes.
 *
 * The app knows nothing about hushlog. How a record becomes a log line, and what wraps each
 * request, is decided by the caller through a {@link LogSetup}, so the same app can be run with
 * plain `JSON.stringify`, with hushlog, and later with pino or winston.
 */
import { createServer } from 'node:http';

/**
 * The raw log record the app hands to its logger, exactly as a typical app would build it.
 * @typedef {object} RequestRecord
 * @property {'info' | 'error'} level
 * @property {string} msg
 * @property {string} method
 * @property {string} url The request target as received, query string included.
 * @property {import('node:http').IncomingHttpHeaders} headers All request headers, as received.
 * @property {number} status
 * @property {number} responseTime Milliseconds.
 * @property {unknown} [body] The parsed JSON body (`POST /profile`).
 * @property {Error} [err] The error that failed the request (`GET /secure`).
 */

/**
 * How the app logs. `log` turns a record into output; `scope`, when given, wraps the handling of
 * each request and receives that request's credentials (API key, bearer token, session cookie
 * value), which is where `runWithSecrets` goes.
 * @typedef {object} LogSetup
 * @property {(record: RequestRecord) => void} log
 * @property {(secrets: string[], handle: () => Promise<void>) => Promise<void>} [scope]
 */

/**
 * Sends a JSON response.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} payload
 */
function sendJson(res, status, payload) {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Reads and parses a JSON request body.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<unknown>}
 */
async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The credentials a request carries: the API key (header or `api_key` query parameter), the bearer
 * token and the session cookie value. These are the exact strings to scrub for this request.
 * @param {import('node:http').IncomingMessage} req
 * @returns {string[]}
 */
export function requestSecrets(req) {
  const secrets = [];
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headerKey = req.headers['x-api-key'];
  if (typeof headerKey === 'string') secrets.push(headerKey);
  const queryKey = url.searchParams.get('api_key');
  if (queryKey !== null) secrets.push(queryKey);
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) secrets.push(auth.slice('Bearer '.length));
  const session = /(?:^|;\s*)session=([^;]*)/.exec(req.headers.cookie ?? '');
  if (session !== null) secrets.push(session[1]);
  return secrets;
}

/**
 * Calls a fake upstream service with the client's key and fails, the way a misconfigured
 * integration does: the error message carries the key and the database connection string.
 * @param {string} apiKey
 * @param {string} databaseUrl
 * @returns {never}
 */
function callUpstream(apiKey, databaseUrl) {
  throw new Error(`upstream auth failed for key ${apiKey} via ${databaseUrl}`);
}

/**
 * Creates the API server (not yet listening).
 *
 * - `GET /data?api_key=…&page=2` with an `X-API-Key` header: returns a page of items.
 * - `POST /profile` with a JSON body of personal data: returns the profile.
 * - `GET /secure`: fails inside; the error is caught, logged, and answered with a 500.
 *
 * @param {LogSetup} setup
 * @param {{ databaseUrl: string }} config
 * @returns {import('node:http').Server}
 */
export function createApp(setup, config) {
  const scope = setup.scope ?? ((_secrets, handle) => handle());

  /**
   * Handles one request and logs it.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    /** @type {Partial<RequestRecord>} */
    const extra = {};
    let status;
    try {
      if (req.method === 'GET' && url.pathname === '/data') {
        const page = Number(url.searchParams.get('page') ?? '1');
        status = 200;
        sendJson(res, status, {
          page,
          items: [
            { id: 1, name: 'alpha' },
            { id: 2, name: 'beta' },
          ],
        });
      } else if (req.method === 'POST' && url.pathname === '/profile') {
        const body = await readJson(req);
        extra.body = body;
        status = 201;
        sendJson(res, status, { ok: true, profile: body });
      } else if (req.method === 'GET' && url.pathname === '/secure') {
        callUpstream(String(req.headers['x-api-key'] ?? ''), config.databaseUrl);
      } else {
        status = 404;
        sendJson(res, status, { error: 'not found' });
      }
    } catch (err) {
      extra.err = /** @type {Error} */ (err);
      status = 500;
      sendJson(res, status, { error: 'internal server error' });
    }
    setup.log({
      level: extra.err ? 'error' : 'info',
      msg: extra.err ? 'request failed' : 'request completed',
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      status,
      responseTime: Math.round((performance.now() - started) * 10) / 10,
      ...extra,
    });
  }

  return createServer((req, res) => {
    scope(requestSecrets(req), () => handle(req, res)).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal server error' });
    });
  });
}
