import { compileGlob, type NamePattern } from './glob.js';
import { normalizeKey } from './normalize.js';
import { LinearRegExp } from '../policy/linear-regexp.js';

/** How a censored value keeps what is useful: the auth scheme, the cookie names. */
export const enum ValueStyle {
  /** Replace the whole value. */
  Plain = 0,
  /** `Bearer abc` → `Bearer [REDACTED]`. */
  AuthScheme = 1,
  /** `a=1; b=2` → `a=[REDACTED]; b=[REDACTED]`. */
  Cookie = 2,
  /** `sid=1; Path=/` → `sid=[REDACTED]; Path=/` (a string or an array of them). */
  SetCookie = 3,
}

/** The verdict for a sensitive key: the rule name and how to censor its value. */
export interface KeyRule {
  /** For example `key:password` or `header:authorization`. */
  readonly rule: string;
  readonly style: ValueStyle;
  /** True for the CONTAINER verdict: not sensitive, but its value is a header container. */
  readonly container?: boolean;
}

/** The verdict for a key that is not sensitive but holds a header container (`headers`, `rawHeaders`). */
export const CONTAINER: KeyRule = Object.freeze({ rule: '', style: ValueStyle.Plain, container: true });

/** Picks the censor style from a normalised name. */
export function styleForName(normalized: string): ValueStyle {
  if (normalized === 'authorization' || normalized === 'proxyauthorization') return ValueStyle.AuthScheme;
  if (normalized === 'cookie') return ValueStyle.Cookie;
  if (normalized === 'setcookie') return ValueStyle.SetCookie;
  return ValueStyle.Plain;
}

const CACHE_LIMIT = 4096;
const MAX_CACHED_KEY = 128;

/**
 * A copy of `s` that does not keep a larger string alive. V8 makes a substring of 13 or more
 * characters a view into its parent, so caching a key sliced out of a 1 MB log line would keep
 * the whole line in memory for as long as the cache entry lives.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Decides whether a key name is sensitive. Exact names sit in a Set; patterns run only when the
 * exact lookup misses. Verdicts are cached per raw key in a bounded Map, so the hot path is one
 * Map lookup per key.
 */
export class KeyMatcher {
  private readonly exact: Set<string>;
  private readonly patterns: NamePattern[];
  private readonly cache = new Map<string, KeyRule | null>();
  private readonly containers: NamePattern[];

  /**
   * @param names normalised names; `*` is a wildcard
   * @param regexps patterns tested against the normalised name
   * @param prefix the rule-name prefix (`key` or `header`)
   * @param containers normalised names (`*` allowed) whose keys get the CONTAINER verdict
   */
  constructor(
    names: Iterable<string>,
    regexps: readonly RegExp[] = [],
    private readonly prefix = 'key',
    containers: readonly string[] = [],
  ) {
    this.containers = containers.map(compileGlob);
    this.exact = new Set();
    this.patterns = [];
    for (const n of names) {
      if (n.includes('*')) this.patterns.push(compileGlob(n));
      else this.exact.add(n);
    }
    for (const re of regexps) {
      // A user pattern keeps its linear-time engine (policy/linear-regexp.ts); it has no `g` or `y`.
      const copy = re instanceof LinearRegExp ? re : new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
      this.patterns.push((name) => copy.test(name));
    }
  }

  /** The rule for a raw key, or null when it is not sensitive. */
  match(raw: string): KeyRule | null {
    const hit = this.cache.get(raw);
    if (hit !== undefined) return hit;
    if (raw.length > MAX_CACHED_KEY) return this.decide(raw);
    // The cache outlives the call: keep neither the key nor the rule name as a view into the text.
    const key = detachString(raw);
    const verdict = this.decide(key);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, verdict);
    return verdict;
  }

  /** True when the raw key is sensitive. */
  test(raw: string): boolean {
    const rule = this.match(raw);
    return rule !== null && rule !== CONTAINER;
  }

  private decide(raw: string): KeyRule | null {
    const normalized = normalizeKey(raw);
    let hit = normalized !== '' && this.exact.has(normalized);
    for (let i = 0; !hit && i < this.patterns.length; i++) hit = (this.patterns[i] as NamePattern)(normalized);
    if (hit) return { rule: `${this.prefix}:${raw.length > 64 ? normalized.slice(0, 64) : raw}`, style: styleForName(normalized) };
    return this.containers.some((c) => c(normalized)) ? CONTAINER : null;
  }
}
