/**
 * The demo's API: a small `node:http` service, the Node twin of the Flask app in hushlog's source
 * material. Clients send their API key in `X-API-Key`. Like many real handlers, this one echoes
 * the key: in a log message, and in the message of an error it logs.
 *
 * - `GET /data`: logs "data requested with key …" and answers with a page of items.
 * - `GET /secure`: logs "calling upstream for …", then the Error the upstream call throws.
 * - `GET /secure`: calls a fake upstream that rejects the key; logs the Error and answers 502.
 *
 * The app takes its pino logger from the caller, and an optional `wrap` for its request listener,
 * which is where `withRequestScope` from `@hushlog/core` goes. It knows nothing else of hushlog.
 */
import { createServer } from 'node:http';

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
 * A fake upstream service that rejects the client's key, the way a misconfigured integration
 * does: the error message carries the key.
 * @param {string} key
 * @returns {never}
 */
function callUpstream(key) {
  throw new Error(`upstream rejected key ${key}`);
}

/**
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown} Listener
 */

/**
 * Creates the API server (not yet listening).
 * @param {import('pino').Logger} logger where every log line goes
 * @param {{ wrap?: (listener: Listener) => Listener }} [options] `wrap` wraps the request listener
 * @returns {import('node:http').Server}
 */
export function createApp(logger, { wrap = (listener) => listener } = {}) {
  /** @type {Listener} */
  function handle(req, res) {
    const key = String(req.headers['x-api-key'] ?? '');
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    logger.info({ req: { method: req.method, url: req.url, headers: req.headers } }, 'request received');
    if (pathname === '/data') {
      logger.info(`data requested with key ${key}`);
      return sendJson(res, 200, { page: 1, items: ['alpha', 'beta'] });
    }
    if (pathname === '/secure') {
      // No key word before it: only the request scope knows that this is the key
      logger.info(`calling upstream for ${key}`);
      try {
        callUpstream(key);
      } catch (err) {
        logger.error({ err }, 'upstream call failed');
        return sendJson(res, 502, { error: 'upstream failed' });
      }
    }
    return sendJson(res, 404, { error: 'not found' });
  }
  return createServer(wrap(handle));
}
