import { ValueStyle, type KeyRule } from '../match/keys.js';
import { isKnownScheme } from '../walk/styled-censor.js';
import type { ScopeConfig } from './options.js';
import { isPlainValue } from './plain-value.js';

/**
 * The parts of an incoming request that the scope reads: Node's `IncomingMessage`, and what
 * Express, Fastify (`request.raw`) and Koa (`ctx.req`) hand over. `rawHeaders` is preferred, so a
 * header sent twice gives both values.
 */
export interface ScopeRequest {
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly rawHeaders?: readonly string[];
  readonly url?: string;
  /** Express keeps the URL as received here when a router has rewritten `url`. */
  readonly originalUrl?: string;
}

/** A base64 credential, as `Basic` carries it. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Characters that never occur in a readable `user:password` pair. */
// eslint-disable-next-line no-control-regex
const UNREADABLE = /[\u0000-\u001f\u007f\ufffd]/;

/** Collects values into a list, applying the minimum length and, for settings, the plain-value filter. */
class Taken {
  readonly values: string[] = [];
  constructor(private readonly minLength: number) {}

  /** A credential sent as one: taken when long enough. */
  credential(value: string): void {
    if (value.length >= this.minLength) this.values.push(value);
  }

  /** A value that may be a setting (a cookie, a query value): taken when long enough and not plain. */
  setting(value: string): void {
    if (value.length >= this.minLength && !isPlainValue(value)) this.values.push(value);
  }
}

function decode(text: string, plusIsSpace: boolean): string {
  if (!text.includes('%') && !(plusIsSpace && text.includes('+'))) return text;
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return text;
  }
}

/** The raw value and, when it differs, the decoded one: a log may hold either. */
function takeSetting(raw: string, plusIsSpace: boolean, taken: Taken): void {
  taken.setting(raw);
  const decoded = decode(raw, plusIsSpace);
  if (decoded !== raw) taken.setting(decoded);
}

/** `Bearer abc` → `abc`; `Basic dXNlcjpwYXNz` → the base64 and the decoded password. */
function takeCredential(header: string, taken: Taken): void {
  const value = header.trim();
  const space = value.search(/\s/);
  if (space === -1) return taken.credential(value);
  const scheme = value.slice(0, space);
  const credential = value.slice(space).trim();
  taken.credential(credential);
  // An unknown first word may be part of the secret itself: take the whole value too.
  if (!isKnownScheme(scheme)) return taken.credential(value);
  if (scheme.toLowerCase() === 'basic' && BASE64.test(credential)) {
    const pair = Buffer.from(credential, 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    if (colon !== -1 && !UNREADABLE.test(pair)) taken.credential(pair.slice(colon + 1));
  }
}

/** `sid=abc; lang=english` → the values that look like secrets (quotes removed). */
function takeCookies(header: string, taken: Taken): void {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    takeSetting(value, false, taken);
  }
}

function ruleFor(name: string, config: ScopeConfig): KeyRule | null {
  const { headers, keys } = config.tables;
  // Key rules apply inside header containers too, so a header the redactor censors by its key
  // name (`x-session-token`) is taken as well.
  const rule = headers?.match(name) ?? config.extraHeaders?.match(name) ?? keys.match(name);
  return rule === null || rule.container === true ? null : rule;
}

function takeHeader(name: unknown, value: unknown, config: ScopeConfig, taken: Taken): void {
  if (typeof name !== 'string' || typeof value !== 'string' || value === '') return;
  const rule = ruleFor(name, config);
  if (rule === null) return;
  if (rule.style === ValueStyle.Cookie || rule.style === ValueStyle.SetCookie) {
    if (config.cookies) takeCookies(value, taken);
  } else if (rule.style === ValueStyle.AuthScheme) takeCredential(value, taken);
  else taken.credential(value.trim());
}

function collectHeaders(req: ScopeRequest, config: ScopeConfig, taken: Taken): void {
  const raw = req.rawHeaders;
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) takeHeader(raw[i], raw[i + 1], config, taken);
    return;
  }
  const headers = req.headers;
  if (typeof headers !== 'object' || headers === null) return;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (Array.isArray(value)) for (const v of value) takeHeader(name, v, config, taken);
    else takeHeader(name, value, config, taken);
  }
}

function collectQuery(url: unknown, config: ScopeConfig, taken: Taken): void {
  const names = config.tables.queryKeys;
  if (names === null || typeof url !== 'string') return;
  const q = url.indexOf('?');
  if (q === -1) return;
  let end = url.indexOf('#', q);
  if (end === -1) end = url.length;
  for (let start = q + 1; start < end;) {
    let amp = url.indexOf('&', start);
    if (amp === -1 || amp > end) amp = end;
    const eq = url.indexOf('=', start);
    if (eq !== -1 && eq < amp && names.test(decode(url.slice(start, eq), true))) takeSetting(url.slice(eq + 1, amp), true, taken);
    start = amp + 1;
  }
}

/**
 * The request's sensitive values, as its scope should know them: the credentials of the policy's
 * headers (the scheme of `Authorization` left out), cookie values and sensitive query values that
 * look like secrets. Never throws: a request of an odd shape gives what could be read.
 */
export function collectRequestSecrets(req: ScopeRequest, config: ScopeConfig): string[] {
  const taken = new Taken(config.minLength);
  try {
    collectHeaders(req, config, taken);
    if (config.query) collectQuery(req.originalUrl ?? req.url, config, taken);
  } catch {
    // A getter or Proxy on the request threw: keep what was taken. The policy's rules still apply.
  }
  return taken.values;
}
