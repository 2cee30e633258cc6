import { REMOVE } from '../censor/compile-censor.js';
import { CONTAINER, ValueStyle, type KeyRule } from '../match/keys.js';
import { stepState, type PathState } from '../match/path-trie.js';
import type { CompiledPolicy } from '../policy/compile.js';
import type { CensorContext } from '../policy/types.js';
import { scrubKnownSecrets } from '../secrets/known-secrets.js';
import { needsJsonEscape } from '../detect/facts.js';
import { numberText, quote, quoteKey } from './json-text.js';
import { MARKERS, tooLong } from './markers.js';
import {
  binaryMarker,
  errorToObject,
  headersToPlain,
  httpSummary,
  isError,
  isFetchHeaders,
  mapToPlain,
  setOwn,
  urlToRedactedText,
} from './special-values.js';
import { censorStyled } from './styled-censor.js';
import { formatPath } from './path-text.js';
import { types } from 'node:util';

type Bag = Record<string, unknown>;

/** How the children of a container are matched. */
const enum Mode {
  /** Ordinary object: key rules. */
  Plain = 0,
  /** A header container: header names and key rules. */
  Headers = 1,
}

/** What a walk produces: a redacted copy, JSON text, or redacted free text. */
const enum Output {
  Copy = 0,
  Json = 1,
  Text = 2,
}

/** What a built-in or class instance turns into before it is walked (see `convert`). */
const enum Converted {
  /** A final, JSON-safe value (a marker, a Date, redacted URL text). */
  Leaf = 0,
  /** An object whose own entries are walked (an Error's fields, a class instance). */
  Entries = 1,
  /** Any value, walked one level deeper (a Map as an object, what toJSON returned). */
  Value = 2,
  /** An array to walk (a Set's values). */
  List = 3,
}

/** Counters shared by every walk of one redactor. */
export interface RedactorStats {
  /** Internal failures, each of which censored the affected value. */
  errors: number;
  /** Limit markers written, per limit, over every walk that shares these stats. */
  readonly limits: LimitHits;
}

/** How many times each limit of the policy replaced part of a value by its marker. */
export interface LimitHits {
  /** `[MaxDepth]` markers (containers nested deeper than `limits.maxDepth`). */
  maxDepth: number;
  /** `[MaxNodes]` markers (the rest of a container past `limits.maxNodes`). */
  maxNodes: number;
  /** `[TooLong: N chars]` markers (strings over `limits.maxStringLength`). */
  maxStringLength: number;
}

/** One finding of an audit: the rule that fired and where. It never holds the value. */
export interface Finding {
  /** For example `key:password`, `header:authorization`, `path:a.b` or `detector:email`. */
  readonly rule: string;
  /** The JSON path of the value (`''` for free text). */
  readonly path: string;
}

/** Walks values for one compiled policy. Not reentrant: check `busy` and make another if needed. */
export interface Walker {
  /** True while a walk is running (a getter that logs re-enters and needs a fresh walker). */
  readonly busy: boolean;
  /** How many values the last walk censored, rewrote, marked or renamed: 0 means that for parsed JSON the output says what the input said. */
  readonly changes: number;
  /** Redacts a whole value into a JSON-safe copy. Never throws. */
  run(value: unknown, known: readonly string[] | null): unknown;
  /** Redacts a whole value straight into JSON text, in one pass. Never throws. */
  runJson(value: unknown, known: readonly string[] | null): string;
  /** Redacts free text. Never throws. */
  runText(text: string, known: readonly string[] | null): string;
}

// The careful walk tests own keys with this captured copy. The fast walk writes
// `Object.prototype.hasOwnProperty.call(v, k)` out in full inside each for-in loop: the optimizing
// compiler then knows the function and, for the loop's own key, drops the call to a shape check
// (through a bundled module variable it makes a real call per key, about 3x the cost of the loop).
// `reset` turns the careful walk on when the global one is not this original.
const hasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;
const THREW: unique symbol = Symbol('threw');
/** Returned by `entry` when no rule decided the value: walk into it. */
const DESCEND: unique symbol = Symbol('descend');
const NO_CONTEXT: CensorContext = Object.freeze({ rule: '', path: '' });
const KEY_INFO_LIMIT = 4096;
const KEY_INFO_MAX_LENGTH = 128;

/** What the JSON writer knows about a key name: its key rule and its `"name":` text, bare and after a comma. */
interface KeyInfo {
  readonly rule: KeyRule | null;
  /** The key as written to the output: the key itself, or with a detected secret in it censored. */
  readonly name: string;
  readonly json: string;
  readonly comma: string;
  /** The key text then the opening quote of a string value, bare and after a comma. */
  readonly quoted: string;
  readonly commaQuoted: string;
}

/**
 * Builds the walker for a compiled policy. It has two outputs over the same decisions:
 * - `run` returns a redacted, JSON-safe copy. Untouched subtrees are returned as they are (copy
 *   on write) and the input is never written to. Sibling values wait on a scratch stack until a
 *   change makes a copy necessary, so a clean subtree costs its walk and no allocation.
 * - `runJson` writes JSON text in the same single pass, so `stringify` never builds a copy only
 *   to serialize it. Subtrees that a path-only policy does not reach go to JSON.stringify whole.
 *
 * Both have a fast mode with no try/catch per node: anything that throws inside (a getter, a
 * Proxy trap, toJSON) abandons the fast walk, and the value is walked again in the careful mode,
 * which catches per object and per property, censors what failed and counts it. The policy's
 * tables are closed over, so the hot loops read locals rather than object fields.
 */
export function createWalker(p: CompiledPolicy, stats: RedactorStats, findings: Finding[] | null = null): Walker {
  const { keys, headers, allowKeys, scanner, queryKeys, maxDepth, maxNodes, maxStringLength, pathOnly, failText } = p;
  // An audit records where each rule fired, so it always tracks the path.
  const trackPath = p.trackPath || findings !== null;
  const spanCensor =
    findings === null
      ? p.spanCensor
      : (secret: string, detector: string, path: () => string) => {
          findings.push({ rule: `detector:${detector}`, path: path() });
          return p.spanCensor(secret, detector, path);
        };
  const rootPaths = p.paths;
  const failJson = quote(failText);
  const ancestors: object[] = [];
  const pathKeys: (string | number)[] = [];
  const stackKeys: string[] = [];
  const stackValues: unknown[] = [];
  let nodes = 0;
  let changes = 0;
  let top = 0;
  let careful = false;
  let busy = false;
  let known: readonly string[] | null = null;
  // Out-parameters of `entry` and `convert`, so neither allocates a result object.
  let descendState: PathState | null = null;
  let descendMode: Mode = Mode.Plain;
  let convertedMode: Mode = Mode.Plain;
  let convertedOwn = false;
  // Paths show keys as the output writes them, so a secret used as a key stays out of them too.
  const pathThunk = () => formatPath(pathKeys, outputKey);
  const sink = (secret: string, detector: string) => spanCensor(secret, detector, pathThunk);
  // Keys are censored without a path: paths are written from the censored keys themselves.
  const noPath = () => '';
  const keySink = (secret: string, detector: string) => p.spanCensor(secret, detector, noPath);
  const isSensitiveQuery = queryKeys === null ? null : (name: string) => queryKeys.test(name);
  // Per key name: its rule and its JSON text, so each entry costs one map lookup rather than
  // two or three (the key matcher's, the header matcher's and the key-text cache's). Key rules
  // are fixed when the policy is compiled, so a cached verdict never goes stale.
  const keyInfos = new Map<string, KeyInfo>();
  const headerInfos = new Map<string, KeyInfo>();
  /** The rule and JSON text of a key of an ordinary object. */
  function keyInfo(k: string): KeyInfo {
    return keyInfos.get(k) ?? newKeyInfo(keyInfos, k, keys.match(k));
  }
  /** As `keyInfo`, for a key of a header container: header names first, then key rules. */
  function headerInfo(k: string): KeyInfo {
    return headerInfos.get(k) ?? newKeyInfo(headerInfos, k, headers?.match(k) ?? keys.match(k));
  }
  /**
   * Builds a key's info and caches it (short keys only: a cache entry holds the key alive). A key
   * with no rule is scanned like any text, since an email or a token can be a key (a map keyed by
   * user email). Its censor gets no path: paths are written from these very names.
   */
  function newKeyInfo(cache: Map<string, KeyInfo>, k: string, rule: KeyRule | null): KeyInfo {
    const name = rule === null && scanner !== null && k.length > 2 ? scanner.redact(k, keySink) : k;
    const json = quoteKey(name);
    const info: KeyInfo = { rule, name, json, comma: `,${json}`, quoted: `${json}"`, commaQuoted: `,${json}"` };
    if (k.length <= KEY_INFO_MAX_LENGTH) {
      if (cache.size >= KEY_INFO_LIMIT) cache.clear();
      cache.set(k, info);
    }
    return info;
  }

  /** A key as the output writes it: detected secrets and the request's known secrets censored. */
  function outputKey(k: string, mode: Mode = Mode.Plain): string {
    const name = (mode === Mode.Headers ? headerInfo(k) : keyInfo(k)).name;
    return known === null ? name : scrubKnownSecrets(name, known, keySink('', 'known-secret'));
  }

  // ---- strings ------------------------------------------------------------------------------

  function text(s: string): string {
    let out = scanner === null ? s : scanner.redact(s, sink);
    if (known !== null) out = scrubKnownSecrets(out, known, spanCensor('', 'known-secret', pathThunk));
    if (out !== s) changes++;
    return out;
  }

  function string(s: string, depth: number): string {
    if (s.length > maxStringLength) {
      changes++;
      stats.limits.maxStringLength++;
      return tooLong(s.length);
    }
    const first = s.charCodeAt(0);
    if ((first === 0x7b || first === 0x5b) && s.length > 1) {
      const json = jsonString(s, depth);
      if (json !== null) return json;
    }
    return text(s);
  }

  /** Redacts a string that holds a JSON object or array with the key rules; null if it is not JSON. */
  function jsonString(s: string, depth: number): string | null {
    const last = s.charCodeAt(s.length - 1);
    if (last !== 0x7d && last !== 0x5d) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const out = object(parsed, null, depth + 1, Mode.Plain);
    if (out === parsed) return text(s);
    changes++;
    return JSON.stringify(out);
  }

  // ---- decisions shared by both outputs -----------------------------------------------------

  /**
   * Decides one entry: allow-list, paths, key or header rules. Returns the final value, REMOVE,
   * or DESCEND (with `descendState` and `descendMode` set) when the value itself must be walked.
   */
  function entry(k: string, child: unknown, state: PathState | null, mode: Mode): unknown {
    let next: PathState | null = null;
    if (state !== null) {
      next = stepState(state, k);
      if (next !== null) {
        if (next.allow) return child;
        if (next.censor !== null) return censor(k, child, pathRule(next.censor), ValueStyle.Plain);
      }
      if (pathOnly && next === null) return offPath(child);
    }
    if (pathOnly) {
      // no key, header or allow rules to try
      descendState = next;
      descendMode = Mode.Plain;
      return DESCEND;
    }
    if (allowKeys !== null && allowKeys.test(k)) return child;
    const rule = (mode === Mode.Headers ? headerInfo(k) : keyInfo(k)).rule;
    if (rule !== null && rule !== CONTAINER) return censor(k, child, rule.rule, rule.style);
    descendState = next;
    descendMode = rule === CONTAINER ? Mode.Headers : Mode.Plain;
    return DESCEND;
  }

  /** Decides one array element: paths by index only (key rules do not apply to indexes). */
  function element(i: number, child: unknown, state: PathState | null): unknown {
    let next: PathState | null = null;
    if (state !== null) {
      next = stepState(state, String(i));
      if (next !== null) {
        if (next.allow) return child;
        if (next.censor !== null) return censor(i, child, pathRule(next.censor), ValueStyle.Plain);
      }
      if (pathOnly && next === null) return offPath(child);
    }
    descendState = next;
    descendMode = Mode.Plain;
    return DESCEND;
  }

  /** A value that no path of a path-only policy reaches: kept, but objects still go to the output's own walk. */
  function offPath(child: unknown): unknown {
    if (typeof child === 'object' && child !== null) {
      descendState = null;
      descendMode = Mode.Plain;
      return DESCEND;
    }
    return typeof child === 'bigint' ? child.toString() : child;
  }

  /** The rule name of a censoring path; only an audit and a censor that wants context read it, so it is built only for them. */
  function pathRule(source: string): string {
    return findings === null && !p.censorWantsContext ? '' : `path:${source}`;
  }

  /** Censors a whole value found by a rule, keeping the auth scheme or cookie names for those styles. */
  function censor(k: string | number, v: unknown, rule: string, style: ValueStyle): unknown {
    changes++;
    let ctx: CensorContext = NO_CONTEXT;
    if (findings !== null) {
      pathKeys.push(k);
      findings.push({ rule, path: pathThunk() });
      pathKeys.pop();
    }
    if (p.censorWantsContext) {
      pathKeys.push(k);
      ctx = { rule, path: pathThunk() };
      pathKeys.pop();
    }
    try {
      return censorStyled(v, style, { censor: p.censor, ctx, known });
    } catch {
      stats.errors++;
      return failText;
    }
  }

  /** Checks depth and cycles, and records `v` as an ancestor. Returns a marker, or null to go on. */
  function enter(v: object, depth: number): string | null {
    if (depth >= maxDepth) {
      changes++;
      stats.limits.maxDepth++;
      return MARKERS.maxDepth;
    }
    for (let i = 0; i < depth; i++) {
      if (ancestors[i] === v) {
        changes++;
        return MARKERS.circular;
      }
    }
    ancestors[depth] = v;
    return null;
  }

  /** True for objects walked directly: arrays aside, plain and null-prototype objects. */
  function isPlain(v: object): boolean {
    const proto: unknown = Object.getPrototypeOf(v);
    return (proto === objectProto || proto === null) && (!careful || typeof (v as Bag).toJSON !== 'function');
  }

  /**
   * Turns a built-in or class instance into something to walk: Errors, Dates, URLs, Maps, Sets,
   * Headers, binary data, Node HTTP objects, boxed primitives and toJSON. Returns the value, with
   * its kind in `convertedKind`, the mode for its children in `convertedMode`, and in
   * `convertedOwn` whether its entries must be filtered to own properties.
   */
  let convertedKind: Converted = Converted.Leaf;
  function converted(kind: Converted, result: unknown, mode: Mode = convertedMode): unknown {
    convertedKind = kind;
    convertedMode = mode;
    return result;
  }
  function convert(v: object, mode: Mode): unknown {
    convertedMode = mode;
    convertedOwn = false;
    if (isError(v)) return converted(Converted.Entries, errorToObject(v));
    // util.types.isDate, not instanceof: a Proxy over a Date or an object made from Date.prototype is
    // not a Date, and JSON.stringify of it would throw.
    if (types.isDate(v)) return converted(Converted.Leaf, v);
    if (v instanceof URL) return converted(Converted.Leaf, text(urlToRedactedText(v, isSensitiveQuery, sink)));
    if (isFetchHeaders(v)) return converted(Converted.Entries, headersToPlain(v), Mode.Headers);
    if (v instanceof Map) return converted(Converted.Value, mapToPlain(v));
    if (v instanceof Set) return converted(Converted.List, [...v]);
    if (v instanceof String || v instanceof Number || v instanceof Boolean) return converted(Converted.Value, v.valueOf());
    const marker = binaryMarker(v);
    if (marker !== null) return converted(Converted.Leaf, marker);
    const http = httpSummary(v);
    if (http !== null) return converted(Converted.Entries, http);
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const json: unknown = toJSON.call(v, '');
      if (json !== v) return converted(Converted.Value, json);
    }
    convertedOwn = true;
    return converted(Converted.Entries, v);
  }

  /** Reads a property in careful mode: a getter that throws yields THREW and is counted. */
  function read(v: Bag | readonly unknown[], k: string | number): unknown {
    try {
      return (v as Bag)[k];
    } catch {
      stats.errors++;
      return THREW;
    }
  }

  // ---- output 1: a redacted copy ------------------------------------------------------------

  function value(v: unknown, state: PathState | null, depth: number, mode: Mode): unknown {
    switch (typeof v) {
      case 'string':
        return string(v, depth);
      case 'object':
        return v === null ? v : object(v, state, depth, mode);
      case 'bigint':
        return v.toString();
      default:
        return v;
    }
  }

  function object(v: object, state: PathState | null, depth: number, mode: Mode): unknown {
    // Off every path of a path-only policy: shared as it is, as fast-redact leaves it.
    if (pathOnly && state === null) return v;
    const marker = enter(v, depth);
    if (marker !== null) return marker;
    if (!careful) return container(v, state, depth, mode);
    try {
      return container(v, state, depth, mode);
    } catch {
      stats.errors++;
      return failText;
    }
  }

  function container(v: object, state: PathState | null, depth: number, mode: Mode): unknown {
    // A Proxy is never shared with the copy: whoever serializes the copy would run its traps again,
    // and a trap may answer differently the second time. The copy holds what this walk read.
    const force = types.isProxy(v);
    if (Array.isArray(v)) return mode === Mode.Headers ? headerArray(v, state, depth) : array(v, state, depth, force);
    if (isPlain(v)) return entries(v as Bag, state, depth, mode, false, force);
    return special(v, state, depth, mode, force);
  }

  function special(v: object, state: PathState | null, depth: number, mode: Mode, force = false): unknown {
    const c = convert(v, mode);
    switch (convertedKind) {
      case Converted.Leaf:
        return c;
      case Converted.Entries:
        return entries(c as Bag, state, depth, convertedMode, convertedOwn, force);
      case Converted.List:
        return array(c as unknown[], state, depth);
      default:
        return value(c, state, depth + 1, convertedMode);
    }
  }

  /**
   * Redacts the own enumerable string-keyed entries of an object (what JSON.stringify writes).
   * Returns `v` itself when nothing changed, else a new plain object. `viaToJSON` is true when
   * `v`'s own toJSON has already been handled.
   */
  function entries(v: Bag, state: PathState | null, depth: number, mode: Mode, viaToJSON: boolean, force = false): unknown {
    if (pathOnly && state !== null && state.onlyNames && !careful && !force) return namedEntries(v, state, depth, mode, viaToJSON);
    const base = top;
    const hot = state === null && allowKeys === null && !trackPath;
    const headerKeys = mode === Mode.Headers;
    let copy: Bag | null = null;
    for (const k in v) {
      if (!(careful ? hasOwn.call(v, k) : Object.prototype.hasOwnProperty.call(v, k))) continue;
      // A plain object with its own toJSON: JSON.stringify would call it, so redact what it returns.
      if (k === 'toJSON' && !viaToJSON && typeof v[k] === 'function') {
        top = base;
        return special(v, state, depth, mode);
      }
      if (++nodes > maxNodes) {
        changes++;
        stats.limits.maxNodes++;
        copy ??= flushObject(base, v);
        setOwn(copy, MARKERS.truncatedKey, MARKERS.maxNodes);
        break;
      }
      const child = careful ? read(v, k) : v[k];
      let out: unknown;
      // The key as the output writes it (a detected secret in a key is censored like any text).
      let name = k;
      if (child === THREW) out = failText;
      else if (hot) {
        // The common case, inlined: no paths, no allow-list, an ordinary object or a header container.
        const info = headerKeys ? headerInfo(k) : keyInfo(k);
        const rule = info.rule;
        name = info.name;
        if (rule === null) {
          if (typeof child === 'object') out = child === null ? child : object(child, null, depth + 1, Mode.Plain);
          else if (typeof child === 'string') out = string(child, depth);
          else out = typeof child === 'bigint' ? child.toString() : child;
        } else out = rule === CONTAINER ? walkChild(k, child, null, depth, Mode.Headers) : censor(k, child, rule.rule, rule.style);
      } else {
        out = entry(k, child, state, mode);
        if (out === DESCEND) out = walkChild(k, child, descendState, depth, descendMode);
        if (!pathOnly) name = (mode === Mode.Headers ? headerInfo(k) : keyInfo(k)).name;
      }
      if (known !== null) name = scrubKnownSecrets(name, known, keySink('', 'known-secret'));
      if (name !== k) changes++;
      if (findings !== null && name !== k) findings.push({ rule: 'secret-in-key', path: formatPath([...pathKeys, k], outputKey) });
      if (copy !== null) {
        if (out !== REMOVE) setOwn(copy, name, out);
      } else if (out !== child || name !== k) {
        copy = flushObject(base, v);
        if (out !== REMOVE) setOwn(copy, name, out);
      } else {
        stackKeys[top] = k;
        stackValues[top++] = child;
      }
    }
    if (copy === null && force) copy = flushObject(base, v);
    top = base;
    return copy ?? v;
  }

  /**
   * Path-only policies with no wildcard active here: visit just the keys the paths name, as
   * fast-redact does, and copy the object (a spread clone) only if one of them changes.
   */
  function namedEntries(v: Bag, state: PathState, depth: number, mode: Mode, viaToJSON: boolean): unknown {
    if (!viaToJSON && typeof v.toJSON === 'function') return special(v, state, depth, mode);
    const names = state.nameList;
    let copy: Bag | null = null;
    for (let i = 0; i < names.length; i++) {
      const k = names[i] as string;
      if (!hasOwn.call(v, k)) continue;
      const child = v[k];
      let out = entry(k, child, state, mode);
      if (out === DESCEND) out = walkChild(k, child, descendState, depth, descendMode);
      if (out === child) continue;
      copy ??= Object.getPrototypeOf(v) === null ? Object.assign(Object.create(null) as Bag, v) : { ...v };
      if (out === REMOVE) delete copy[k];
      else setOwn(copy, k, out);
    }
    return copy ?? v;
  }

  function flushObject(base: number, v: Bag): Bag {
    const copy: Bag = Object.getPrototypeOf(v) === null ? Object.create(null) : {};
    for (let i = base; i < top; i++) setOwn(copy, stackKeys[i] as string, stackValues[i]);
    top = base;
    return copy;
  }

  function array(v: readonly unknown[], state: PathState | null, depth: number, force = false): unknown {
    const base = top;
    let copy: unknown[] | null = null;
    const length = v.length;
    for (let i = 0; i < length; i++) {
      if (++nodes > maxNodes) {
        changes++;
        stats.limits.maxNodes++;
        copy ??= flushArray(base);
        copy.push(`${MARKERS.maxNodes} ${length - i} more items`);
        break;
      }
      const child = careful ? read(v, i) : v[i];
      let out: unknown;
      if (child === THREW) out = failText;
      else if (state === null && !trackPath) {
        if (typeof child === 'object') out = child === null ? child : object(child, null, depth + 1, Mode.Plain);
        else if (typeof child === 'string') out = pathOnly ? child : string(child, depth);
        else out = typeof child === 'bigint' ? child.toString() : child;
      } else {
        out = element(i, child, state);
        if (out === DESCEND) out = walkChild(i, child, descendState, depth, Mode.Plain);
      }
      if (copy !== null) {
        if (out !== REMOVE) copy.push(out);
      } else if (out !== child) {
        copy = flushArray(base);
        if (out !== REMOVE) copy.push(out);
      } else stackValues[top++] = child;
    }
    if (copy === null && force) copy = flushArray(base);
    top = base;
    return copy ?? v;
  }

  function flushArray(base: number): unknown[] {
    const copy = stackValues.slice(base, top);
    top = base;
    return copy;
  }

  /** A header container held as an array: Node's rawHeaders `[name, value, …]` or `[[name, value], …]` entries. */
  function headerArray(v: readonly unknown[], state: PathState | null, depth: number): unknown {
    const pairs = v.length % 2 === 0 && v.every((x) => typeof x === 'string');
    const list = !pairs && v.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string');
    if (!pairs && !list) return array(v, state, depth);
    let copy: unknown[] | null = null;
    for (let i = 0; i < v.length; i += pairs ? 2 : 1) {
      const name = (pairs ? v[i] : (v[i] as unknown[])[0]) as string;
      const item = pairs ? v[i + 1] : (v[i] as unknown[])[1];
      let out = entry(name, item, null, Mode.Headers);
      if (out === DESCEND) out = walkChild(name, item, null, depth, descendMode);
      if (out === item) continue;
      copy ??= pairs ? v.slice() : v.map((e) => (e as unknown[]).slice());
      const replacement = out === REMOVE ? failText : out;
      if (pairs) copy[i + 1] = replacement;
      else (copy[i] as unknown[])[1] = replacement;
    }
    return copy ?? v;
  }

  /** Walks a value that no rule censored whole, tracking its path for censors that want it. */
  function walkChild(k: string | number, child: unknown, next: PathState | null, depth: number, mode: Mode): unknown {
    if (typeof child === 'string' && pathOnly) return child;
    if (typeof child !== 'object' && typeof child !== 'string') return typeof child === 'bigint' ? child.toString() : child;
    if (child === null) return child;
    if (trackPath) pathKeys.push(k);
    const out = typeof child === 'string' ? string(child, depth) : object(child, next, depth + 1, mode);
    if (trackPath) pathKeys.pop();
    return out;
  }

  // ---- output 2: JSON text in one pass ------------------------------------------------------

  /** The JSON text of an already-decided value (a censor's result, an allowed value); undefined to omit. */
  function leafJson(v: unknown): string | undefined {
    switch (typeof v) {
      case 'string':
        return quote(v);
      case 'number':
        return numberText(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        return quote(v.toString());
      default:
        return v === REMOVE ? undefined : JSON.stringify(v);
    }
  }

  function valueJson(v: unknown, state: PathState | null, depth: number, mode: Mode): string | undefined {
    switch (typeof v) {
      case 'string':
        return quote(pathOnly ? v : string(v, depth));
      case 'number':
        return numberText(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        return quote(v.toString());
      case 'object':
        return v === null ? 'null' : objectJson(v, state, depth, mode);
      default:
        return undefined;
    }
  }

  function objectJson(v: object, state: PathState | null, depth: number, mode: Mode): string {
    // Off every path of a path-only policy: nothing to decide below, so let JSON.stringify do it
    // (in the careful mode, a value it cannot write is walked here instead).
    if (pathOnly && state === null) {
      if (!careful) return offPathJson(v);
      try {
        return JSON.stringify(v) ?? 'null';
      } catch {
        // fall through to the walk below
      }
    }
    const marker = enter(v, depth);
    if (marker !== null) return quote(marker);
    if (!careful) return containerJson(v, state, depth, mode);
    try {
      return containerJson(v, state, depth, mode);
    } catch {
      stats.errors++;
      return failJson;
    }
  }

  function containerJson(v: object, state: PathState | null, depth: number, mode: Mode): string {
    if (Array.isArray(v)) {
      if (mode === Mode.Headers) return JSON.stringify(headerArray(v, state, depth));
      return arrayJson(v, state, depth);
    }
    if (isPlain(v)) return entriesJson(v as Bag, state, depth, mode, false);
    return specialJson(v, state, depth, mode);
  }

  function specialJson(v: object, state: PathState | null, depth: number, mode: Mode): string {
    const c = convert(v, mode);
    switch (convertedKind) {
      case Converted.Leaf:
        return leafJson(c) ?? 'null';
      case Converted.Entries:
        return entriesJson(c as Bag, state, depth, convertedMode, convertedOwn);
      case Converted.List:
        return arrayJson(c as unknown[], state, depth);
      default:
        return valueJson(c, state, depth + 1, convertedMode) ?? 'null';
    }
  }

  function entriesJson(v: Bag, state: PathState | null, depth: number, mode: Mode, viaToJSON: boolean): string {
    // Inside a runWithSecrets scope, keys are also scrubbed of the known secrets (see keyJson).
    const hot = state === null && allowKeys === null && !trackPath && known === null;
    const headerKeys = mode === Mode.Headers;
    let out = '{';
    let first = true;
    for (const k in v) {
      if (!(careful ? hasOwn.call(v, k) : Object.prototype.hasOwnProperty.call(v, k))) continue;
      if (k === 'toJSON' && !viaToJSON && typeof v[k] === 'function') return specialJson(v, state, depth, mode);
      if (++nodes > maxNodes) {
        changes++;
        stats.limits.maxNodes++;
        out += `${first ? '' : ','}${quoteKey(MARKERS.truncatedKey)}${quote(MARKERS.maxNodes)}`;
        break;
      }
      const child = careful ? read(v, k) : v[k];
      let piece: string | undefined;
      if (child === THREW) piece = failJson;
      else if (hot) {
        // The common case, inlined: no paths, no allow-list, an ordinary object or a header container.
        const info = headerKeys ? headerInfo(k) : keyInfo(k);
        const rule = info.rule;
        if (info.name !== k) changes++;
        if (rule === null) {
          if (typeof child === 'string') {
            const redacted = string(child, depth);
            if (!needsJsonEscape(redacted)) {
              // a string needing no escape: key, opening quote and text in one piece
              out += (first ? info.quoted : info.commaQuoted) + redacted + '"';
              first = false;
              continue;
            }
            piece = JSON.stringify(redacted);
          } else if (typeof child === 'number') piece = numberText(child);
          else if (typeof child === 'object') piece = child === null ? 'null' : objectJson(child, null, depth + 1, Mode.Plain);
          else piece = valueJson(child, null, depth + 1, Mode.Plain);
        } else if (rule === CONTAINER) piece = childJson(k, child, null, depth, Mode.Headers);
        else piece = leafJson(censor(k, child, rule.rule, rule.style));
        if (piece === undefined) continue;
        out += (first ? info.json : info.comma) + piece;
        first = false;
        continue;
      } else if (pathOnly && state !== null) piece = pathEntryJson(k, child, state, depth);
      else {
        const decided = entry(k, child, state, mode);
        piece = decided === DESCEND ? childJson(k, child, descendState, depth, descendMode) : leafJson(decided);
      }
      if (piece === undefined) continue;
      out += keyJson(k, mode, first) + piece;
      first = false;
    }
    return out + '}';
  }

  /** `"key":` (after a comma unless first), with the key as the output writes it. */
  function keyJson(k: string, mode: Mode, first: boolean): string {
    if (known !== null) {
      const name = outputKey(k, mode);
      if (name !== k) changes++;
      return `${first ? '' : ','}${quoteKey(name)}`;
    }
    const info = mode === Mode.Headers ? headerInfo(k) : keyInfo(k);
    if (info.name !== k) changes++;
    return first ? info.json : info.comma;
  }

  /** One entry of an object on a path of a path-only policy (the decisions of `entry`, stepped once). */
  function pathEntryJson(k: string, child: unknown, state: PathState, depth: number): string | undefined {
    const next = stepState(state, k);
    // Off every path: written as it is (objects as JSON.stringify writes them, see objectJson).
    if (next === null) return valueJson(child, null, depth + 1, Mode.Plain);
    if (next.allow) return leafJson(child);
    if (next.censor !== null) return leafJson(censor(k, child, pathRule(next.censor), ValueStyle.Plain));
    return childJson(k, child, next, depth, Mode.Plain);
  }

  /**
   * The JSON of an object that no path reaches, as JSON.stringify writes it. A plain object's own
   * entries are written here (JSON.stringify has a high fixed cost per call on small objects);
   * nested objects and anything unusual go to JSON.stringify. Throws where JSON.stringify throws.
   */
  function offPathJson(v: object): string {
    if (Array.isArray(v) || typeof (v as Bag).toJSON === 'function') return JSON.stringify(v) ?? 'null';
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== objectProto && proto !== null) return JSON.stringify(v) ?? 'null';
    let out = '{';
    let first = true;
    for (const k in v) {
      if (!(careful ? hasOwn.call(v, k) : Object.prototype.hasOwnProperty.call(v, k))) continue;
      const child = (v as Bag)[k];
      let piece: string | undefined;
      if (typeof child === 'string') piece = quote(child);
      else if (typeof child === 'number') piece = numberText(child);
      else if (typeof child === 'boolean') piece = child ? 'true' : 'false';
      else piece = JSON.stringify(child);
      if (piece === undefined) continue;
      const info = keyInfo(k);
      out += (first ? info.json : info.comma) + piece;
      first = false;
    }
    return out + '}';
  }

  function arrayJson(v: readonly unknown[], state: PathState | null, depth: number): string {
    let out = '[';
    const length = v.length;
    for (let i = 0; i < length; i++) {
      if (i > 0) out += ',';
      if (++nodes > maxNodes) {
        changes++;
        stats.limits.maxNodes++;
        out += quote(`${MARKERS.maxNodes} ${length - i} more items`);
        break;
      }
      const child = careful ? read(v, i) : v[i];
      let piece: string | undefined;
      if (child === THREW) piece = failJson;
      else if (state === null && !trackPath) piece = valueJson(child, null, depth + 1, Mode.Plain);
      else {
        const decided = element(i, child, state);
        piece = decided === DESCEND ? childJson(i, child, descendState, depth, Mode.Plain) : leafJson(decided);
      }
      out += piece ?? 'null';
    }
    return out + ']';
  }

  /** The JSON of a value that no rule censored whole, tracking its path for censors that want it. */
  function childJson(k: string | number, child: unknown, next: PathState | null, depth: number, mode: Mode): string | undefined {
    if (!trackPath) return valueJson(child, next, depth + 1, mode);
    pathKeys.push(k);
    const out = valueJson(child, next, depth + 1, mode);
    pathKeys.pop();
    return out;
  }

  // ---- entry points -------------------------------------------------------------------------

  function reset(beCareful: boolean): void {
    // An inherited toJSON on Object.prototype changes what JSON.stringify writes: be careful then.
    // So does a replaced hasOwnProperty (the fast walk calls the global one, see `hasOwn`).
    careful = beCareful || typeof (objectProto as { toJSON?: unknown }).toJSON === 'function' || objectProto.hasOwnProperty !== hasOwn;
    nodes = 0;
    changes = 0;
    top = 0;
    if (pathKeys.length !== 0) pathKeys.length = 0;
  }

  /** One walk of `v` for the given output. */
  function walkOnce(output: Output, v: unknown): unknown {
    switch (output) {
      case Output.Copy:
        return value(v, rootPaths, 0, Mode.Plain);
      case Output.Json:
        return valueJson(v, rootPaths, 0, Mode.Plain) ?? 'null';
      default:
        return string(v as string, 0);
    }
  }

  /** Runs the fast walk, then the careful one if the fast walk threw; never throws. */
  function guarded(output: Output, v: unknown, secrets: readonly string[] | null, failed: string): unknown {
    busy = true;
    known = secrets;
    const { limits } = stats;
    const depthHits = limits.maxDepth;
    const nodeHits = limits.maxNodes;
    const lengthHits = limits.maxStringLength;
    try {
      reset(false);
      return walkOnce(output, v);
    } catch {
      // The careful walk writes the markers again: count them once.
      limits.maxDepth = depthHits;
      limits.maxNodes = nodeHits;
      limits.maxStringLength = lengthHits;
      try {
        reset(true);
        return walkOnce(output, v);
      } catch {
        stats.errors++;
        return failed;
      }
    } finally {
      busy = false;
    }
  }

  return {
    get busy() {
      return busy;
    },
    get changes() {
      return changes;
    },
    run: (v, secrets) => guarded(Output.Copy, v, secrets, failText),
    runJson: (v, secrets) => guarded(Output.Json, v, secrets, failJson) as string,
    runText: (text, secrets) => guarded(Output.Text, text, secrets, failText) as string,
  };
}
