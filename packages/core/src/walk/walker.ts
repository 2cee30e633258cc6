import { REMOVE } from '../censor/compile-censor.js';
import { ValueStyle, type KeyMatcher, type KeyRule } from '../match/keys.js';
import { rootState, stepState, terminalOf, type PathState } from '../match/path-trie.js';
import type { CompiledPolicy } from '../policy/compile.js';
import type { CensorContext } from '../policy/types.js';
import { scrubKnownSecrets } from '../secrets/known-secrets.js';
import type { SpanSink } from '../text/types.js';
import { censorStyled } from './styled-censor.js';
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

type Bag = Record<string, unknown>;

/** How the children of a container are matched. */
const enum Mode {
  /** Ordinary object: key rules. */
  Plain = 0,
  /** A header container: header names and key rules. */
  Headers = 1,
}

/** Counters shared by every walk of one redactor. */
export interface RedactorStats {
  /** Internal failures, each of which censored the affected value. */
  errors: number;
}

const hasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;
const THREW: unique symbol = Symbol('threw');

/**
 * Walks one value and returns its redacted, JSON-safe copy. Untouched subtrees are returned as
 * they are (copy on write); the input is never written to. A walker is reused across calls, and
 * holds no per-node allocations on the clean path: sibling values wait on a scratch stack until a
 * change makes a copy necessary.
 */
export class Walker {
  private nodes = 0;
  private known: readonly string[] | null = null;
  private readonly ancestors: object[] = [];
  private readonly pathKeys: (string | number)[] = [];
  private readonly stackKeys: string[] = [];
  private readonly stackValues: unknown[] = [];
  private top = 0;
  /** True while a walk is running (a getter that logs re-enters with a fresh walker). */
  busy = false;
  private readonly sink: SpanSink;
  private readonly pathThunk: () => string;

  constructor(
    private readonly p: CompiledPolicy,
    private readonly stats: RedactorStats,
  ) {
    this.pathThunk = () => this.pathKeys.join('.');
    this.sink = (secret, detector) => this.p.spanCensor(secret, detector, this.pathThunk);
  }

  /** Redacts a whole value. Never throws. */
  run(value: unknown, known: readonly string[] | null): unknown {
    this.busy = true;
    this.nodes = 0;
    this.top = 0;
    this.known = known;
    this.ancestors.length = 0;
    this.pathKeys.length = 0;
    try {
      return this.value(value, rootState(this.p.paths), 0, Mode.Plain);
    } catch {
      this.stats.errors++;
      return this.p.failText;
    } finally {
      this.busy = false;
    }
  }

  /** Redacts free text. Never throws. */
  runText(text: string, known: readonly string[] | null): string {
    this.busy = true;
    this.known = known;
    this.pathKeys.length = 0;
    try {
      return this.text(text);
    } catch {
      this.stats.errors++;
      return this.p.failText;
    } finally {
      this.busy = false;
    }
  }

  private value(v: unknown, state: PathState, depth: number, mode: Mode): unknown {
    switch (typeof v) {
      case 'string':
        return this.string(v, depth);
      case 'object':
        return v === null ? v : this.object(v, state, depth, mode);
      case 'bigint':
        return v.toString();
      default:
        return v;
    }
  }

  private string(s: string, depth: number): string {
    if (s.length > this.p.maxStringLength) return tooLong(s.length);
    const first = s.charCodeAt(0);
    if ((first === 0x7b || first === 0x5b) && s.length > 1) {
      const json = this.jsonString(s, depth);
      if (json !== null) return json;
    }
    return this.text(s);
  }

  /** Redacts a string that holds a JSON object or array with the key rules; null if it is not JSON. */
  private jsonString(s: string, depth: number): string | null {
    const last = s.charCodeAt(s.length - 1);
    if (last !== 0x7d && last !== 0x5d) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const out = this.object(parsed, null, depth + 1, Mode.Plain);
    return out === parsed ? s : JSON.stringify(out);
  }

  private text(s: string): string {
    let out = this.p.scanner === null ? s : this.p.scanner.redact(s, this.sink);
    if (this.known !== null) out = scrubKnownSecrets(out, this.known, this.p.spanCensor('', 'known-secret', this.pathThunk));
    return out;
  }

  private object(v: object, state: PathState, depth: number, mode: Mode): unknown {
    if (this.p.pathOnly && state === null) return v;
    if (depth >= this.p.maxDepth) return MARKERS.maxDepth;
    const ancestors = this.ancestors;
    if (ancestors.includes(v)) return MARKERS.circular;
    ancestors.push(v);
    try {
      if (Array.isArray(v)) return mode === Mode.Headers ? this.headerArray(v, state, depth) : this.array(v, state, depth);
      const proto: unknown = Object.getPrototypeOf(v);
      if ((proto === objectProto || proto === null) && typeof (v as Bag).toJSON !== 'function')
        return this.entries(v as Bag, state, depth, mode);
      return this.special(v, state, depth, mode);
    } catch {
      this.stats.errors++;
      return this.p.failText;
    } finally {
      ancestors.pop();
    }
  }

  /** Class instances and built-ins: Errors, Dates, URLs, Maps, Sets, Headers, binary, HTTP objects, toJSON. */
  private special(v: object, state: PathState, depth: number, mode: Mode): unknown {
    if (isError(v)) return this.entries(errorToObject(v), state, depth, mode);
    if (v instanceof Date) return v;
    if (v instanceof URL)
      return this.text(urlToRedactedText(v, this.p.queryKeys === null ? null : (n) => (this.p.queryKeys as KeyMatcher).test(n), this.sink));
    if (isFetchHeaders(v)) return this.entries(headersToPlain(v), state, depth, Mode.Headers);
    if (v instanceof Map) return this.value(mapToPlain(v), state, depth, mode);
    if (v instanceof Set) return this.array([...v], state, depth);
    const marker = binaryMarker(v);
    if (marker !== null) return marker;
    const http = httpSummary(v);
    if (http !== null) return this.entries(http, state, depth, mode);
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const json: unknown = toJSON.call(v, '');
      if (json !== v) return this.value(json, state, depth + 1, mode);
    }
    return this.entries(v as Bag, state, depth, mode);
  }

  /**
   * Redacts the own enumerable string-keyed entries of an object (what JSON.stringify writes).
   * Returns `v` itself when nothing changed, else a new plain object.
   */
  private entries(v: Bag, state: PathState, depth: number, mode: Mode): unknown {
    const base = this.top;
    const keys = this.stackKeys;
    const values = this.stackValues;
    let copy: Bag | null = null;
    for (const k in v) {
      if (!hasOwn.call(v, k)) continue;
      if (++this.nodes > this.p.maxNodes) {
        copy ??= this.flushObject(base, v);
        setOwn(copy, MARKERS.truncatedKey, MARKERS.maxNodes);
        break;
      }
      let child: unknown;
      try {
        child = v[k];
      } catch {
        this.stats.errors++;
        child = THREW;
      }
      const out = child === THREW ? this.p.failText : this.entry(k, child, state, depth, mode);
      if (copy !== null) {
        if (out !== REMOVE) setOwn(copy, k, out);
      } else if (out !== child) {
        copy = this.flushObject(base, v);
        if (out !== REMOVE) setOwn(copy, k, out);
      } else {
        keys[this.top] = k;
        values[this.top++] = child;
      }
    }
    this.top = base;
    return copy ?? v;
  }

  private flushObject(base: number, v: Bag): Bag {
    const copy: Bag = Object.getPrototypeOf(v) === null ? Object.create(null) : {};
    for (let i = base; i < this.top; i++) setOwn(copy, this.stackKeys[i] as string, this.stackValues[i]);
    this.top = base;
    return copy;
  }

  private array(v: readonly unknown[], state: PathState, depth: number): unknown {
    const base = this.top;
    const values = this.stackValues;
    let copy: unknown[] | null = null;
    const length = v.length;
    for (let i = 0; i < length; i++) {
      if (++this.nodes > this.p.maxNodes) {
        copy ??= this.flushArray(base);
        copy.push(`${MARKERS.maxNodes} ${length - i} more items`);
        break;
      }
      let child: unknown;
      try {
        child = v[i];
      } catch {
        this.stats.errors++;
        child = THREW;
      }
      const out = child === THREW ? this.p.failText : this.element(i, child, state, depth);
      if (copy !== null) {
        if (out !== REMOVE) copy.push(out);
      } else if (out !== child) {
        copy = this.flushArray(base);
        if (out !== REMOVE) copy.push(out);
      } else values[this.top++] = child;
    }
    this.top = base;
    return copy ?? v;
  }

  private flushArray(base: number): unknown[] {
    const copy = this.stackValues.slice(base, this.top);
    this.top = base;
    return copy;
  }

  /** A header container held as an array: Node's rawHeaders `[name, value, …]` or `[[name, value], …]` entries. */
  private headerArray(v: readonly unknown[], state: PathState, depth: number): unknown {
    const pairs = v.length % 2 === 0 && v.every((x) => typeof x === 'string');
    const entries = !pairs && v.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string');
    if (!pairs && !entries) return this.array(v, state, depth);
    let copy: unknown[] | null = null;
    for (let i = 0; i < v.length; i += pairs ? 2 : 1) {
      const name = (pairs ? v[i] : (v[i] as unknown[])[0]) as string;
      const value = pairs ? v[i + 1] : (v[i] as unknown[])[1];
      this.pathKeys.push(name);
      const out = this.entry(name, value, state, depth, Mode.Headers);
      this.pathKeys.pop();
      if (out === value) continue;
      copy ??= pairs ? v.slice() : v.map((e) => (e as unknown[]).slice());
      const replacement = out === REMOVE ? this.p.failText : out;
      if (pairs) copy[i + 1] = replacement;
      else (copy[i] as unknown[])[1] = replacement;
    }
    return copy ?? v;
  }

  /** Decides one entry: allow-list, paths, key or header rules, else the value itself. */
  private entry(k: string, child: unknown, state: PathState, depth: number, mode: Mode): unknown {
    const p = this.p;
    const next = state === null ? null : stepState(state, k);
    if (next !== null) {
      const terminal = terminalOf(next);
      if (terminal !== null) {
        if (terminal.allow) return child;
        return this.censor(k, child, `path:${terminal.terminal as string}`, ValueStyle.Plain);
      }
    }
    if (p.pathOnly) {
      return next === null || typeof child !== 'object' || child === null ? child : this.object(child, next, depth + 1, Mode.Plain);
    }
    if (p.allowKeys !== null && p.allowKeys.test(k)) return child;
    let rule: KeyRule | null = null;
    if (mode === Mode.Headers && p.headers !== null) rule = p.headers.match(k);
    if (rule === null && p.keys !== null) rule = p.keys.match(k);
    if (rule !== null) return this.censor(k, child, rule.rule, rule.style);
    if (typeof child === 'object' && child !== null) {
      const childMode = p.headerContainers.test(k) ? Mode.Headers : Mode.Plain;
      this.pathKeys.push(k);
      const out = this.object(child, next, depth + 1, childMode);
      this.pathKeys.pop();
      return out;
    }
    if (typeof child === 'string') {
      if (this.p.scanner === null && this.known === null && child.length <= p.maxStringLength && !this.maybeJson(child)) return child;
      this.pathKeys.push(k);
      const out = this.string(child, depth);
      this.pathKeys.pop();
      return out;
    }
    return typeof child === 'bigint' ? child.toString() : child;
  }

  /** Decides one array element: paths by index, else the value itself (key rules do not apply to indexes). */
  private element(i: number, child: unknown, state: PathState, depth: number): unknown {
    let next: PathState = null;
    if (state !== null) {
      const k = String(i);
      next = stepState(state, k);
      const terminal = terminalOf(next);
      if (terminal !== null) {
        if (terminal.allow) return child;
        return this.censor(k, child, `path:${terminal.terminal as string}`, ValueStyle.Plain);
      }
    }
    if (typeof child === 'object' && child !== null) {
      if (this.p.pathOnly && next === null) return child;
      this.pathKeys.push(i);
      const out = this.object(child, next, depth + 1, Mode.Plain);
      this.pathKeys.pop();
      return out;
    }
    if (typeof child === 'string') {
      if (
        this.p.pathOnly ||
        (this.p.scanner === null && this.known === null && child.length <= this.p.maxStringLength && !this.maybeJson(child))
      )
        return child;
      this.pathKeys.push(i);
      const out = this.string(child, depth);
      this.pathKeys.pop();
      return out;
    }
    return typeof child === 'bigint' ? child.toString() : child;
  }

  private maybeJson(s: string): boolean {
    const c = s.charCodeAt(0);
    return c === 0x7b || c === 0x5b;
  }

  /** Censors a whole value found by a rule, keeping the auth scheme or cookie names for those styles. */
  private censor(k: string | number, value: unknown, rule: string, style: ValueStyle): unknown {
    let ctx: CensorContext = NO_CONTEXT;
    if (this.p.censorWantsContext) {
      this.pathKeys.push(k);
      ctx = { rule, path: this.pathKeys.join('.') };
      this.pathKeys.pop();
    }
    try {
      return censorStyled(value, style, this.p.censor, ctx);
    } catch {
      this.stats.errors++;
      return this.p.failText;
    }
  }
}

const NO_CONTEXT: CensorContext = Object.freeze({ rule: '', path: '' });
