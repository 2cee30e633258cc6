import { binary } from './markers.js';

/**
 * Converters for values that JSON.stringify would lose or throw on. Each returns a plain value for
 * the walker to redact next; none of them redacts anything itself.
 */

type Bag = Record<string, unknown>;

/** True for an Error, including errors from another realm. */
export function isError(value: object): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** Copies the readable fields of an Error: name, message, stack, code, cause, errors and own properties. */
export function errorToObject(err: Error): Bag {
  const out: Bag = {};
  out.name = safeRead(err, 'name');
  out.message = safeRead(err, 'message');
  out.stack = safeRead(err, 'stack');
  for (const key of Object.keys(err)) {
    if (key === 'name' || key === 'message' || key === 'stack') continue;
    setOwn(out, key, safeRead(err, key));
  }
  const code = safeRead(err, 'code');
  if (code !== undefined && !('code' in out)) out.code = code;
  if ('cause' in err && !('cause' in out)) out.cause = safeRead(err, 'cause');
  const errors = safeRead(err, 'errors');
  if (Array.isArray(errors) && !('errors' in out)) out.errors = errors;
  return out;
}

/** A Map as a plain object when every key is a string or number, else as a list of [key, value]. */
export function mapToPlain(map: Map<unknown, unknown>): Bag | unknown[][] {
  let simple = true;
  for (const k of map.keys()) {
    if (typeof k !== 'string' && typeof k !== 'number') {
      simple = false;
      break;
    }
  }
  if (!simple) return [...map.entries()].map(([k, v]) => [k, v]);
  const out: Bag = {};
  for (const [k, v] of map) setOwn(out, String(k), v);
  return out;
}

/** A Fetch Headers instance as a plain object (Set-Cookie kept as an array). */
export function headersToPlain(headers: Headers): Bag {
  const out: Bag = {};
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') setOwn(out, name, value);
  });
  const cookies = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

/** True for a Fetch Headers instance. */
export function isFetchHeaders(value: object): value is Headers {
  return typeof Headers === 'function' && value instanceof Headers;
}

/** A marker for Buffers, typed arrays, DataViews and ArrayBuffers, or null for other values. */
export function binaryMarker(value: object): string | null {
  if (ArrayBuffer.isView(value)) {
    const kind = Buffer.isBuffer(value) ? 'Buffer' : value.constructor?.name || 'TypedArray';
    return binary(kind, value.byteLength);
  }
  if (value instanceof ArrayBuffer) return binary('ArrayBuffer', value.byteLength);
  if (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer) return binary('SharedArrayBuffer', value.byteLength);
  return null;
}

/**
 * Summaries of Node HTTP objects, recognised by shape (as pino-std-serializers shows them):
 * IncomingMessage (server request or client response), ServerResponse and ClientRequest.
 * Returns null for anything else.
 */
export function httpSummary(value: object): Bag | null {
  const v = value as Bag;
  if (!('socket' in v) && !('connection' in v)) return null;
  if (Array.isArray(v.rawHeaders) && typeof v.headers === 'object' && v.headers !== null) {
    const socket = v.socket as Bag | null | undefined;
    if (typeof v.method === 'string') {
      return { method: v.method, url: v.url, headers: v.headers, remoteAddress: socket?.remoteAddress, remotePort: socket?.remotePort };
    }
    if (typeof v.statusCode === 'number') return { statusCode: v.statusCode, statusMessage: v.statusMessage, headers: v.headers };
  }
  if (typeof v.getHeaders === 'function') {
    const headers = (v.getHeaders as () => unknown)();
    if (typeof v.method === 'string' && typeof v.path === 'string') return { method: v.method, host: v.host, path: v.path, headers };
    if (typeof v.statusCode === 'number') return { statusCode: v.statusCode, headers };
  }
  return null;
}

/** Defines a property without ever touching a prototype, even for `__proto__`. */
export function setOwn(target: Bag, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function safeRead(obj: object, key: string): unknown {
  try {
    return (obj as Bag)[key];
  } catch {
    return '[Unreadable]';
  }
}

/**
 * A URL as text with its password and sensitive query values censored; the rest of the URL stays
 * as written (percent-encoding is kept). `isSensitiveQuery` decides query parameter names.
 */
export function urlToRedactedText(
  url: URL,
  isSensitiveQuery: ((name: string) => boolean) | null,
  censor: (secret: string, rule: string) => string,
): string {
  const auth = url.username || url.password ? `${url.username}${url.password ? `:${censor(url.password, 'userinfo')}` : ''}@` : '';
  let search = url.search;
  if (isSensitiveQuery !== null && search.length > 1) {
    search =
      '?' +
      search
        .slice(1)
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          if (eq <= 0 || eq === pair.length - 1) return pair;
          let name = pair.slice(0, eq);
          try {
            name = decodeURIComponent(name.replace(/\+/g, ' '));
          } catch {
            // keep the raw name
          }
          return isSensitiveQuery(name) ? `${pair.slice(0, eq + 1)}${censor(pair.slice(eq + 1), 'query')}` : pair;
        })
        .join('&');
  }
  const origin = url.host === '' && !url.href.startsWith(`${url.protocol}//`) ? url.protocol : `${url.protocol}//`;
  return `${origin}${auth}${url.host}${url.pathname}${search}${url.hash}`;
}
