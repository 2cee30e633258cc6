import { looksLikePassword, looksLikeSecret } from '../detect/generic.js';
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

/**
 * How sure a key name is: `weak` names (`key`, `signingKey`, `dbpass`) hold a secret only when
 * the value looks like one (see detect/generic.ts); `password` marks the weak names of passwords
 * (`pass`, `pwd`), judged as passwords rather than as random keys.
 */
export type WeakKind = 'secret' | 'password';

/** The verdict for a sensitive key: the rule name and how to censor its value. */
export interface KeyRule {
  /** For example `key:password` or `header:authorization`. */
  readonly rule: string;
  readonly style: ValueStyle;
  /** True for the CONTAINER verdict: not sensitive, but its value is a header container. */
  readonly container?: boolean;
  /** Set for a weak name: censor the value only when it looks like a secret (`weakSecretValue`). */
  readonly weak?: WeakKind;
}

/** What `KeyMatcher.verdict` says of a key: not sensitive, sensitive, or sensitive when the value looks like a secret. */
export type KeyVerdict = boolean | 'weak';

/** Optional lists of a KeyMatcher (normalised names, `*` wildcards allowed). */
export interface KeyMatcherOptions {
  /** Weak names: their values are censored only when they look like secrets. */
  readonly weak?: readonly string[];
  /**
   * Names that are never sensitive though a pattern or a weak name matches them
   * (`publicKeyToken`, `primaryKey`, `bypass`). An exact name in the list of names still wins.
   */
  readonly except?: readonly string[];
  /**
   * Names that are never weak, though a weak name matches them: names that say what kind of
   * non-secret value they hold (`credentialId`, `secretName`, `tokenUrl`).
   */
  readonly notWeak?: readonly string[];
}

/** True when a weak key's value looks like a secret (strings only: numbers and booleans under `key` are ids and flags). */
export function weakSecretValue(value: unknown, kind: WeakKind): boolean {
  if (typeof value !== 'string') return false;
  return kind === 'password' ? looksLikePassword(value) : looksLikeSecret(value);
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
  private readonly weak: NamePattern[];
  private readonly except: NamePattern[];
  private readonly notWeak: NamePattern[];

  /**
   * @param names normalised names; `*` is a wildcard
   * @param regexps patterns tested against the normalised name
   * @param prefix the rule-name prefix (`key` or `header`)
   * @param containers normalised names (`*` allowed) whose keys get the CONTAINER verdict
   * @param options weak names and exceptions (see KeyMatcherOptions)
   */
  constructor(
    names: Iterable<string>,
    regexps: readonly RegExp[] = [],
    private readonly prefix = 'key',
    containers: readonly string[] = [],
    options: KeyMatcherOptions = {},
  ) {
    this.containers = containers.map(compileGlob);
    this.weak = (options.weak ?? []).map(compileGlob);
    this.except = (options.except ?? []).map(compileGlob);
    this.notWeak = (options.notWeak ?? []).map(compileGlob);
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

  /** True when the raw key is sensitive (weak names are not). */
  test(raw: string): boolean {
    const rule = this.match(raw);
    return rule !== null && rule !== CONTAINER && rule.weak === undefined;
  }

  /** True when the raw key is sensitive, `'weak'` when it is a weak name, false otherwise. */
  verdict(raw: string): KeyVerdict {
    const rule = this.match(raw);
    if (rule === null || rule === CONTAINER) return false;
    return rule.weak === undefined ? true : 'weak';
  }

  private decide(raw: string): KeyRule | null {
    const normalized = normalizeKey(raw);
    let hit = normalized !== '' && this.exact.has(normalized);
    const excepted = !hit && this.except.some((e) => e(normalized));
    for (let i = 0; !hit && !excepted && i < this.patterns.length; i++) hit = (this.patterns[i] as NamePattern)(normalized);
    const rule = `${this.prefix}:${raw.length > 64 ? normalized.slice(0, 64) : raw}`;
    if (hit) return { rule, style: styleForName(normalized) };
    if (!excepted && normalized !== '' && this.weak.some((w) => w(normalized)) && !this.notWeak.some((w) => w(normalized))) {
      const kind: WeakKind = normalized.endsWith('pass') || normalized.endsWith('pwd') ? 'password' : 'secret';
      return { rule, style: ValueStyle.Plain, weak: kind };
    }
    return this.containers.some((c) => c(normalized)) ? CONTAINER : null;
  }
}
