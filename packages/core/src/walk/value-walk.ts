/**
 * The one traversal over JavaScript values. Every decision is the context's (see context.ts); this
 * module only knows the shapes of values (objects, arrays, header arrays, built-ins) and writes the
 * output, which is chosen per walker so that each walker's call sites stay monomorphic:
 * - a redacted, JSON-safe copy: untouched subtrees are returned as they are (copy on write), the
 *   input is never written to, and siblings wait on a scratch stack until a change makes a copy
 *   necessary, so a clean subtree costs its walk and no allocation;
 * - JSON text, written in the same single pass (no copy is built just to serialize it).
 * Both outputs come from the same code, so `JSON.parse(stringify(v))` is `redact(v)`.
 *
 * The walk has a fast mode with no try/catch per node: anything that throws inside (a getter, a
 * Proxy trap, toJSON) abandons it, and the walker walks the value again in the careful mode, which
 * catches per object and per property, censors what failed and counts it.
 */
import { types } from 'node:util';
import { REMOVE } from '../censor/compile-censor.js';
import { CONTAINER, ValueStyle, weakSecretValue, type KeyRule } from '../match/keys.js';
import { nameIndex, stepAt, type PathState } from '../match/path-trie.js';
import { LimitHit, Mode, Verdict, type KeyInfo, type WalkContext } from './context.js';
import { numberText, quote, quoteKey } from './json-text.js';
import { MARKERS } from './markers.js';
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

// The careful walk tests own keys with this captured copy. The fast walk writes
// `Object.prototype.hasOwnProperty.call(v, k)` out in full inside each for-in loop: the optimizing
// compiler then knows the function and, for the loop's own key, drops the call to a shape check.
// The walker turns the careful walk on when the global one is not this original.
const hasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;
const THREW: unique symbol = Symbol('threw');
/** A copy's stand-in for -0 (which `===` cannot tell from 0): the copy holds 0, as JSON does. */
const NEG_ZERO: unique symbol = Symbol('-0');

/** What a built-in or class instance turns into before it is walked (see `convert`). */
const enum Converted {
  /** A final, JSON-safe value (a marker, a Date's text, redacted URL text). */
  Leaf = 0,
  /** An object whose own entries are walked (an Error's fields, a class instance). */
  Entries = 1,
  /** Any value, walked one level deeper (a Map as an object, what toJSON returned). */
  Value = 2,
  /** An array to walk (a Set's values). */
  List = 3,
}

/** Up to this many members, sorted JSON orders an object by an insertion sort (above it, the native sort). */
const SMALL_SORT = 200;

/** How many censor outputs `decided` keeps the JSON of. */
const DECIDED_SLOTS = 4;

/** The JSON of the key that marks a truncated object, and its value. */
const TRUNCATED_JSON = `${quoteKey(MARKERS.truncatedKey)}${quote(MARKERS.maxNodes)}`;

/** Walks values into a copy or into JSON text, for one walk context. */
export class ValueWalk {
  private readonly ancestors: object[] = [];
  private readonly stackKeys: string[] = [];
  private readonly stackValues: unknown[] = [];
  private top = 0;
  // out-parameters of `convert`
  private convertedKind: Converted = Converted.Leaf;
  private convertedMode: Mode = Mode.Plain;
  private convertedOwn = false;
  private readonly isSensitiveQuery: ((name: string) => boolean) | null;
  /**
   * The last censor outputs written and their JSON text, by identity: a record's few censor texts
   * (`[REDACTED]`, `Bearer [REDACTED]`, `session=[REDACTED]`) come back as the very same strings.
   */
  private readonly decidedTexts: string[] = new Array<string>(DECIDED_SLOTS).fill('');
  private readonly decidedJson: string[] = new Array<string>(DECIDED_SLOTS).fill('""');
  private decidedNext = 0;
  private readonly urlCensor: (secret: string, rule: string) => string;

  /**
   * @param ctx the decisions and state of the walk
   * @param json true for JSON text, false for a redacted copy
   * @param sorted JSON text only: every object's members in key order, as safe-stable-stringify's
   *   deterministic mode writes the redacted copy (winston's `json()`). Off-path subtrees of a
   *   paths-only policy are still written as JSON.stringify writes them.
   * @param members JSON text only, not sorted: the root object's members are written without its
   *   braces, each after a comma (`,"a":1,"b":2`), for a caller that writes them into JSON text of
   *   its own; `wroteMembers` then says whether the root was such an object
   */
  constructor(
    private readonly ctx: WalkContext,
    readonly json: boolean,
    readonly sorted = false,
    readonly members = false,
  ) {
    const queryKeys = ctx.policy.queryKeys;
    this.isSensitiveQuery = queryKeys === null ? null : (name) => queryKeys.test(name);
    this.urlCensor = (secret, rule) => ctx.sink(secret, rule);
  }

  /**
   * True when the last `run` of a members walk wrote the root object's members (false for a root
   * that is not written as an object: an array, a scalar, what a toJSON or a Map turned into).
   */
  wroteMembers = false;

  /** Walks a whole value: the copy, or its JSON text (`null` for what JSON cannot write). */
  run(v: unknown): unknown {
    this.top = 0;
    this.wroteMembers = false;
    const out = this.visit(v, this.ctx.policy.paths, 0, Mode.Plain);
    if (this.json) return out === REMOVE ? 'null' : out;
    return out === REMOVE ? null : out === NEG_ZERO ? 0 : out;
  }

  /** A final string as this output writes it. */
  private leaf(s: string): string {
    return this.json ? (this.ctx.escapes(s) ? JSON.stringify(s) : `"${s}"`) : s;
  }

  /** True when the object at `depth` is the root of a members walk: its members are written bare. */
  private bareAt(depth: number): boolean {
    return this.members && depth === 0;
  }

  /** The end of an object's JSON `text`: its closing brace, or nothing for bare members (see `bareAt`). */
  private closed(text: string, bare: boolean): string {
    if (!bare) return text + '}';
    this.wroteMembers = true;
    return text;
  }

  /** A censor's result (or a kept scalar) as this output writes it; REMOVE stays REMOVE. */
  private decided(v: unknown): unknown {
    if (!this.json || v === REMOVE) return v;
    switch (typeof v) {
      case 'string': {
        // the policy's censor texts come back as the very same strings: their JSON is kept
        const texts = this.decidedTexts;
        for (let i = 0; i < DECIDED_SLOTS; i++) if (texts[i] === v) return this.decidedJson[i] as string;
        const json = quote(v);
        if (v.length > 64) return json;
        const slot = this.decidedNext;
        this.decidedNext = (slot + 1) % DECIDED_SLOTS;
        texts[slot] = v;
        this.decidedJson[slot] = json;
        return json;
      }
      case 'number':
        return numberText(v);
      case 'boolean':
        return v ? 'true' : 'false';
      default:
        return JSON.stringify(v) ?? 'null';
    }
  }

  /** Walks one value. Copy: the redacted value (the very value when unchanged); JSON: its text. REMOVE: not writable. */
  visit(v: unknown, state: PathState | null, depth: number, mode: Mode): unknown {
    switch (typeof v) {
      case 'string': {
        const ctx = this.ctx;
        const s = ctx.pathOnly ? v : ctx.string(v, depth, mode);
        return this.json ? (ctx.escapes(s) ? JSON.stringify(s) : `"${s}"`) : s;
      }
      case 'number':
        if (this.json) return numberText(v);
        if (!Number.isFinite(v)) return null;
        return v === 0 && 1 / v < 0 ? NEG_ZERO : v;
      case 'boolean':
        return this.json ? (v ? 'true' : 'false') : v;
      case 'bigint':
        return this.json ? `"${v.toString()}"` : v.toString();
      case 'object':
        if (v === null) return this.json ? 'null' : null;
        return this.object(v, state, depth, mode);
      default:
        return REMOVE; // undefined, functions and symbols: JSON leaves them out
    }
  }

  private object(v: object, state: PathState | null, depth: number, mode: Mode): unknown {
    const ctx = this.ctx;
    // Off every path of a paths-only policy: shared as it is, as fast-redact leaves it.
    if (ctx.pathOnly && state === null) return this.json ? this.offPathJson(v, depth) : v;
    const marker = this.enter(v, depth);
    if (marker !== null) return this.leaf(marker);
    if (!ctx.careful) {
      // on a path of a paths-only policy: a plain object's JSON straight away (what container and entries decide)
      if (ctx.pathOnly && this.json && !Array.isArray(v) && this.isPlain(v))
        return this.pathEntriesJson(v as Bag, state as PathState, depth, false);
      return this.container(v, state, depth, mode);
    }
    const top = this.top;
    try {
      return this.container(v, state, depth, mode);
    } catch {
      // what the failed object kept (a copy's entries, sorted JSON's members) is dropped
      this.top = top;
      ctx.stats.errors++;
      ctx.changes++;
      return this.leaf(ctx.failText);
    }
  }

  /** Checks depth and cycles, and records `v` as an ancestor. Returns a marker, or null to go on. */
  private enter(v: object, depth: number): string | null {
    const ctx = this.ctx;
    if (depth >= ctx.maxDepth) {
      ctx.hitLimit(LimitHit.Depth);
      return MARKERS.maxDepth;
    }
    const ancestors = this.ancestors;
    for (let i = 0; i < depth; i++) {
      if (ancestors[i] === v) {
        ctx.changes++;
        return MARKERS.circular;
      }
    }
    ancestors[depth] = v;
    return null;
  }

  private container(v: object, state: PathState | null, depth: number, mode: Mode): unknown {
    // A Proxy is never shared with the copy: whoever serializes the copy would run its traps again,
    // and a trap may answer differently the second time. The copy holds what this walk read.
    const force = !this.json && types.isProxy(v);
    if (Array.isArray(v)) return mode === Mode.Headers ? this.headerArray(v, state, depth) : this.array(v, state, depth, mode, force);
    if (this.isPlain(v)) {
      let own = mode;
      // a JSON Web Key's private members (a paths-only walk decides by its paths alone)
      if (mode === Mode.Plain && !this.ctx.pathOnly && Object.prototype.hasOwnProperty.call(v, 'kty') && typeof (v as Bag).kty === 'string')
        own = Mode.Jwk;
      return this.entries(v as Bag, state, depth, own, false, force);
    }
    return this.special(v, state, depth, mode, force);
  }

  /** True for objects walked directly: plain and null-prototype objects. */
  private isPlain(v: object): boolean {
    const proto: unknown = Object.getPrototypeOf(v);
    return (proto === objectProto || proto === null) && (!this.ctx.careful || typeof (v as Bag).toJSON !== 'function');
  }

  private special(v: object, state: PathState | null, depth: number, mode: Mode, force = false): unknown {
    const c = this.convert(v, mode);
    switch (this.convertedKind) {
      case Converted.Leaf:
        return c === null ? (this.json ? 'null' : null) : this.leaf(c as string);
      case Converted.Entries:
        return this.entries(c as Bag, state, depth, this.convertedMode, this.convertedOwn, force);
      case Converted.List:
        return this.array(c as unknown[], state, depth, this.convertedMode === Mode.Keep ? Mode.Keep : Mode.Plain, false);
      default: {
        const out = this.visit(c, state, depth + 1, this.convertedMode);
        // what toJSON returned, a Map's object: the copy holds it, never the original instance
        return out === NEG_ZERO ? 0 : out;
      }
    }
  }

  /**
   * Turns a built-in or class instance into something to walk: Errors, Dates, URLs, Maps, Sets,
   * Headers, binary data, Node HTTP objects, boxed primitives and toJSON. Returns the value, with
   * its kind in `convertedKind`, the mode for its children in `convertedMode`, and in
   * `convertedOwn` whether its entries must be filtered to own properties.
   */
  private convert(v: object, mode: Mode): unknown {
    this.convertedMode = mode;
    this.convertedOwn = false;
    if (isError(v)) return this.converted(Converted.Entries, errorToObject(v));
    // util.types.isDate, not instanceof: a Proxy over a Date or an object made from Date.prototype is
    // not a Date, and reading its time would throw.
    if (types.isDate(v)) {
      const time = Date.prototype.getTime.call(v);
      return this.converted(Converted.Leaf, Number.isNaN(time) ? null : Date.prototype.toISOString.call(v));
    }
    if (v instanceof URL) {
      const text = mode === Mode.Keep ? v.href : this.ctx.text(urlToRedactedText(v, this.isSensitiveQuery, this.urlCensor));
      return this.converted(Converted.Leaf, text);
    }
    if (isFetchHeaders(v)) return this.converted(Converted.Entries, headersToPlain(v), mode === Mode.Keep ? Mode.Keep : Mode.Headers);
    if (v instanceof Map) return this.converted(Converted.Value, mapToPlain(v));
    if (v instanceof Set) return this.converted(Converted.List, [...v]);
    if (v instanceof String || v instanceof Number || v instanceof Boolean) return this.converted(Converted.Value, v.valueOf());
    const marker = binaryMarker(v);
    if (marker !== null) return this.converted(Converted.Leaf, marker);
    const http = httpSummary(v);
    if (http !== null) return this.converted(Converted.Entries, http);
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const json: unknown = toJSON.call(v, '');
      if (json !== v) return this.converted(Converted.Value, json);
    }
    this.convertedOwn = true;
    return this.converted(Converted.Entries, v);
  }

  private converted(kind: Converted, result: unknown, mode: Mode = this.convertedMode): unknown {
    this.convertedKind = kind;
    this.convertedMode = mode;
    return result;
  }

  /** Reads a property in careful mode: a getter that throws yields THREW and is counted. */
  private read(v: Bag | readonly unknown[], k: string | number): unknown {
    try {
      return (v as Bag)[k];
    } catch {
      this.ctx.stats.errors++;
      return THREW;
    }
  }

  /** The value of an entry or element a verdict decided, as this output writes it. */
  private decideChild(verdict: Verdict, k: string | number, child: unknown, depth: number): unknown {
    const ctx = this.ctx;
    switch (ctx.settle(verdict, child)) {
      case Verdict.Descend: {
        const next = ctx.nextState;
        const mode = ctx.nextMode;
        if (!ctx.trackPath || (typeof child !== 'object' && typeof child !== 'string') || child === null) {
          return this.visit(child, next, depth + 1, mode);
        }
        ctx.pathKeys.push(k);
        const out = this.visit(child, next, depth + 1, mode);
        ctx.pathKeys.pop();
        return out;
      }
      case Verdict.Censor:
        return this.decided(ctx.censor(k, child, ctx.rule, ctx.style));
      case Verdict.Allow:
        return this.visit(child, null, depth + 1, Mode.Keep);
      default:
        return this.json ? this.offPathValue(child, depth) : child;
    }
  }

  /**
   * Redacts the own enumerable string-keyed entries of an object (what JSON.stringify writes).
   * Copy: `v` itself when nothing changed, else a new plain object. `viaToJSON` is true when `v`'s
   * own toJSON has already been handled; `force` makes a copy even when nothing changed.
   */
  private entries(v: Bag, state: PathState | null, depth: number, mode: Mode, viaToJSON: boolean, force: boolean): unknown {
    const ctx = this.ctx;
    const json = this.json;
    if (ctx.pathOnly && state !== null && !ctx.careful) {
      if (json) return this.pathEntriesJson(v, state, depth, viaToJSON);
      if (state.onlyNames && !force) return this.namedEntries(v, state, depth, mode, viaToJSON);
    }
    const careful = ctx.careful;
    const keep = mode === Mode.Keep;
    const plainNames = keep || ctx.pathOnly;
    // The common case has a loop of its own: no path here, no allow-list, no path tracking, an
    // ordinary object or a header container.
    if (state === null && !plainNames && mode !== Mode.Jwk && ctx.policy.allowKeys === null && !ctx.trackPath && !careful) {
      return json
        ? this.hotEntriesJson(v, depth, mode === Mode.Headers, viaToJSON)
        : this.hotEntries(v, depth, mode === Mode.Headers, viaToJSON, force);
    }
    const base = this.top;
    const sorted = this.sorted;
    let copy: Bag | null = null;
    const bare = json && this.bareAt(depth);
    let text = bare ? '' : '{';
    let first = !bare;
    for (const k in v) {
      if (!(careful ? hasOwn.call(v, k) : Object.prototype.hasOwnProperty.call(v, k))) continue;
      // A plain object with its own toJSON: JSON.stringify would call it, so redact what it returns.
      if (k === 'toJSON' && !viaToJSON && typeof v[k] === 'function') {
        this.top = base;
        return this.special(v, state, depth, mode);
      }
      if (++ctx.nodes > ctx.maxNodes) {
        ctx.hitLimit(LimitHit.Nodes);
        if (sorted) this.keepMember(MARKERS.truncatedKey, TRUNCATED_JSON);
        else if (json) text += (first ? '' : ',') + TRUNCATED_JSON;
        else {
          copy ??= this.flushObject(base, v);
          setOwn(copy, MARKERS.truncatedKey, MARKERS.maxNodes);
        }
        break;
      }
      const child = careful ? this.read(v, k) : v[k];
      let out: unknown;
      let info: KeyInfo | null = null;
      if (child === THREW) {
        ctx.changes++;
        out = this.leaf(ctx.failText);
      } else if (keep) out = this.visit(child, null, depth + 1, Mode.Keep);
      else {
        const verdict = ctx.decide(k, state, mode);
        info = ctx.info;
        out = this.decideChild(verdict, k, child, depth);
      }
      // The key as the output writes it (a detected secret in a key is censored like any text).
      let name = k;
      if (!plainNames) {
        info ??= mode === Mode.Headers ? ctx.headerInfo(k) : ctx.keyInfo(k);
        name = ctx.outputName(k, info) ?? info.name;
      }
      if (json) {
        if (out === REMOVE) continue;
        if (sorted) this.keepMember(name, (info !== null && name === info.name ? info.json : ctx.keyText(name)) + (out as string));
        else if (info !== null && name === info.name) text += (first ? info.json : info.comma) + (out as string);
        else text += (first ? '' : ',') + ctx.keyText(name) + (out as string);
        first = false;
        continue;
      }
      if (copy !== null) {
        if (out !== REMOVE) setOwn(copy, name, out === NEG_ZERO ? 0 : out);
      } else if (out !== child || name !== k) {
        copy = this.flushObject(base, v);
        if (out !== REMOVE) setOwn(copy, name, out === NEG_ZERO ? 0 : out);
      } else {
        this.stackKeys[this.top] = k;
        this.stackValues[this.top++] = child;
      }
    }
    if (sorted) return this.sortedObject(base);
    if (json) return this.closed(text, bare);
    if (copy === null && force) copy = this.flushObject(base, v);
    this.top = base;
    return copy ?? v;
  }

  /**
   * The JSON of an object on a path of a paths-only policy, in the fast walk: each key steps the
   * path state once; what no path reaches is written as JSON.stringify writes it.
   */
  private pathEntriesJson(v: Bag, state: PathState, depth: number, viaToJSON: boolean): string {
    const ctx = this.ctx;
    const base = this.sorted ? this.top : -1;
    const bare = this.bareAt(depth);
    let text = bare ? '' : '{';
    let first = !bare;
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      if (k === 'toJSON' && !viaToJSON && typeof v[k] === 'function') {
        if (base !== -1) this.top = base;
        return this.special(v, state, depth, Mode.Plain) as string;
      }
      if (++ctx.nodes > ctx.maxNodes) {
        ctx.hitLimit(LimitHit.Nodes);
        if (base === -1) return this.closed(`${text}${first ? '' : ','}${TRUNCATED_JSON}`, bare);
        this.keepMember(MARKERS.truncatedKey, TRUNCATED_JSON);
        break;
      }
      const child = v[k];
      const at = nameIndex(state, k);
      const next = stepAt(state, at, k);
      let out: unknown;
      if (next === null || next.allow) out = this.offPathValue(child, depth);
      else if (next.censor !== null) out = this.decided(ctx.censor(k, child, ctx.pathRuleOf(next.censor), ValueStyle.Plain));
      else if (typeof child === 'object' && child !== null) out = this.visit(child, next, depth + 1, Mode.Plain);
      else out = this.offPathValue(child, depth);
      if (out === REMOVE) continue;
      // a path's own name has its JSON text on the state
      const keyJson = at === -1 ? ctx.keyText(k) : (state.nameJson[at] as string);
      if (base !== -1) this.keepMember(k, keyJson + (out as string));
      else text += (first ? '' : ',') + keyJson + (out as string);
      first = false;
    }
    return base === -1 ? this.closed(text, bare) : this.sortedObject(base);
  }

  /**
   * The JSON of an ordinary object or header container with no path active, no allow-list and no
   * path tracking, in the fast walk: each key costs one cached lookup (its rule and its JSON text).
   */
  private hotEntriesJson(v: Bag, depth: number, headerKeys: boolean, viaToJSON: boolean): string {
    const ctx = this.ctx;
    const base = this.sorted ? this.top : -1;
    const bare = this.bareAt(depth);
    let text = bare ? '' : '{';
    let first = !bare;
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      if (k === 'toJSON' && !viaToJSON && typeof v[k] === 'function') {
        if (base !== -1) this.top = base;
        return this.special(v, null, depth, headerKeys ? Mode.Headers : Mode.Plain) as string;
      }
      if (++ctx.nodes > ctx.maxNodes) {
        ctx.hitLimit(LimitHit.Nodes);
        if (base === -1) return this.closed(`${text}${first ? '' : ','}${TRUNCATED_JSON}`, bare);
        this.keepMember(MARKERS.truncatedKey, TRUNCATED_JSON);
        break;
      }
      const child = v[k];
      const info = headerKeys ? ctx.headerInfo(k) : ctx.keyInfo(k);
      const name = ctx.outputName(k, info) ?? info.name;
      // a weak name (`signingKey`) whose value does not look like a secret is walked like any other
      const rule = info.rule === null || (info.rule.weak !== undefined && !weakSecretValue(child, info.rule.weak)) ? null : info.rule;
      let out: unknown;
      if (rule === null) {
        if (typeof child === 'string') {
          const s = ctx.string(child, depth + 1, Mode.Plain);
          const escapes = ctx.escapes(s);
          if (base === -1 && name === info.name && !escapes) {
            // a key as cached and a string needing no escape: key, quotes and text in one piece
            text += (first ? info.quoted : info.commaQuoted) + s + '"';
            first = false;
            continue;
          }
          out = escapes ? JSON.stringify(s) : `"${s}"`;
        } else out = this.visit(child, null, depth + 1, Mode.Plain);
      } else if (rule === CONTAINER) out = this.visit(child, null, depth + 1, Mode.Headers);
      else out = this.decided(ctx.censor(k, child, rule.rule, rule.style));
      if (out === REMOVE) continue;
      if (base !== -1) this.keepMember(name, (name === info.name ? info.json : ctx.keyText(name)) + (out as string));
      else text += (name === info.name ? (first ? info.json : info.comma) : (first ? '' : ',') + ctx.keyText(name)) + (out as string);
      first = false;
    }
    return base === -1 ? this.closed(text, bare) : this.sortedObject(base);
  }

  /** The copy of an ordinary object or header container, as `hotEntriesJson` writes its JSON. */
  private hotEntries(v: Bag, depth: number, headerKeys: boolean, viaToJSON: boolean, force: boolean): unknown {
    const ctx = this.ctx;
    const base = this.top;
    let copy: Bag | null = null;
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      if (k === 'toJSON' && !viaToJSON && typeof v[k] === 'function') {
        this.top = base;
        return this.special(v, null, depth, headerKeys ? Mode.Headers : Mode.Plain);
      }
      if (++ctx.nodes > ctx.maxNodes) {
        ctx.hitLimit(LimitHit.Nodes);
        copy ??= this.flushObject(base, v);
        setOwn(copy, MARKERS.truncatedKey, MARKERS.maxNodes);
        break;
      }
      const child = v[k];
      const info = headerKeys ? ctx.headerInfo(k) : ctx.keyInfo(k);
      const name = ctx.outputName(k, info) ?? info.name;
      // a weak name (`signingKey`) whose value does not look like a secret is walked like any other
      const rule = info.rule === null || (info.rule.weak !== undefined && !weakSecretValue(child, info.rule.weak)) ? null : info.rule;
      let out: unknown;
      if (rule === null)
        out = typeof child === 'string' ? ctx.string(child, depth + 1, Mode.Plain) : this.visit(child, null, depth + 1, Mode.Plain);
      else if (rule === CONTAINER) out = this.visit(child, null, depth + 1, Mode.Headers);
      else out = ctx.censor(k, child, rule.rule, rule.style);
      if (copy !== null) {
        if (out !== REMOVE) setOwn(copy, name, out === NEG_ZERO ? 0 : out);
      } else if (out !== child || name !== k) {
        copy = this.flushObject(base, v);
        if (out !== REMOVE) setOwn(copy, name, out === NEG_ZERO ? 0 : out);
      } else {
        this.stackKeys[this.top] = k;
        this.stackValues[this.top++] = child;
      }
    }
    if (copy === null && force) copy = this.flushObject(base, v);
    this.top = base;
    return copy ?? v;
  }

  /** Sorted JSON: keeps one member (its output name and its `"name":value` text) until its object ends. */
  private keepMember(name: string, member: string): void {
    this.stackKeys[this.top] = name;
    this.stackValues[this.top++] = member;
  }

  /**
   * Sorted JSON: the object of the members kept since `base`, in key order (UTF-16 code units, as
   * `<` and the default sort compare). Of two members with one name (two keys a censor renamed
   * alike), the later one stays, as in the redacted copy.
   */
  private sortedObject(base: number): string {
    const names = this.stackKeys;
    const members = this.stackValues as string[];
    const end = this.top;
    this.top = base;
    if (end - base > SMALL_SORT) {
      // many members: the native sort (stable, so equal names keep their order), as
      // safe-stable-stringify switches to it too; an insertion sort would be quadratic here
      const order = names.slice(base, end).map((name, i) => ({ name, member: members[base + i] as string }));
      order.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (let i = 0; i < order.length; i++) {
        names[base + i] = order[i]!.name;
        members[base + i] = order[i]!.member;
      }
    } else {
      // insertion sort: objects are small, and it keeps equal names in their order
      for (let i = base + 1; i < end; i++) {
        const name = names[i] as string;
        const member = members[i] as string;
        let j = i;
        while (j > base && (names[j - 1] as string) > name) {
          names[j] = names[j - 1] as string;
          members[j] = members[j - 1] as string;
          j--;
        }
        names[j] = name;
        members[j] = member;
      }
    }
    let text = '{';
    for (let i = base; i < end; i++) {
      if (i + 1 < end && names[i + 1] === names[i]) continue;
      text += (text.length === 1 ? '' : ',') + members[i];
    }
    // the walker keeps no piece of a line between calls
    for (let i = base; i < end; i++) names[i] = members[i] = '';
    return text + '}';
  }

  private flushObject(base: number, v: Bag): Bag {
    const copy: Bag = Object.getPrototypeOf(v) === null ? Object.create(null) : {};
    for (let i = base; i < this.top; i++) setOwn(copy, this.stackKeys[i] as string, this.stackValues[i]);
    this.top = base;
    return copy;
  }

  /**
   * Path-only policies with no wildcard active here: visit just the keys the paths name, as
   * fast-redact does, and copy the object (a spread clone) only if one of them changes.
   */
  private namedEntries(v: Bag, state: PathState, depth: number, mode: Mode, viaToJSON: boolean): unknown {
    if (!viaToJSON && typeof v.toJSON === 'function') return this.special(v, state, depth, mode);
    const ctx = this.ctx;
    const names = state.nameList;
    let copy: Bag | null = null;
    for (let i = 0; i < names.length; i++) {
      const k = names[i] as string;
      if (!hasOwn.call(v, k)) continue;
      const child = v[k];
      const out = this.decideChild(ctx.decide(k, state, mode), k, child, depth);
      if (out === child) continue;
      copy ??= Object.getPrototypeOf(v) === null ? Object.assign(Object.create(null) as Bag, v) : { ...v };
      if (out === REMOVE) delete copy[k];
      else setOwn(copy, k, out === NEG_ZERO ? 0 : out);
    }
    return copy ?? v;
  }

  private array(v: readonly unknown[], state: PathState | null, depth: number, mode: Mode, force: boolean): unknown {
    const ctx = this.ctx;
    const json = this.json;
    const careful = ctx.careful;
    const keep = mode === Mode.Keep;
    // elements are decided by index only when a path is active here or a censor wants paths
    const indexed = !keep && (state !== null || ctx.trackPath);
    // command-line flags held as elements (process.argv): the element after a sensitive flag is its value
    const flags = !keep && !ctx.pathOnly;
    const base = this.top;
    let copy: unknown[] | null = null;
    let text = '[';
    let flagRule: KeyRule | null = null;
    const length = v.length;
    for (let i = 0; i < length; i++) {
      if (json && i > 0) text += ',';
      if (++ctx.nodes > ctx.maxNodes) {
        ctx.hitLimit(LimitHit.Nodes);
        const marker = `${MARKERS.maxNodes} ${length - i} more items`;
        if (json) text += quote(marker);
        else {
          copy ??= this.flushArray(base);
          copy.push(marker);
        }
        break;
      }
      const child = careful ? this.read(v, i) : v[i];
      let out: unknown;
      if (child === THREW) {
        ctx.changes++;
        out = this.leaf(ctx.failText);
      } else if (
        flagRule !== null &&
        typeof child === 'string' &&
        child.length > 0 &&
        child.charCodeAt(0) !== 0x2d &&
        ctx.flagValue(flagRule, child)
      ) {
        out = this.decided(ctx.censor(i, child, flagRule.rule, ValueStyle.Plain));
      } else if (!indexed) out = this.visit(child, null, depth + 1, keep ? Mode.Keep : Mode.Plain);
      else out = this.decideChild(this.indexVerdict(i, state), i, child, depth);
      flagRule = flags && typeof child === 'string' && child.charCodeAt(0) === 0x2d ? ctx.flagRule(child) : null;
      if (json) {
        text += out === REMOVE ? 'null' : (out as string);
        continue;
      }
      if (copy !== null) copy.push(out === REMOVE ? null : out === NEG_ZERO ? 0 : out);
      else if (out !== child) {
        copy = this.flushArray(base);
        copy.push(out === REMOVE ? null : out === NEG_ZERO ? 0 : out);
      } else this.stackValues[this.top++] = child;
    }
    if (json) return text + ']';
    if (copy === null && force) copy = this.flushArray(base);
    this.top = base;
    return copy ?? v;
  }

  /** The verdict for element `i`: by the active path state, else walk into it (tracking its path). */
  private indexVerdict(i: number, state: PathState | null): Verdict {
    const ctx = this.ctx;
    if (state !== null) return ctx.decideIndex(i, state);
    ctx.nextState = null;
    ctx.nextMode = Mode.Plain;
    return Verdict.Descend;
  }

  private flushArray(base: number): unknown[] {
    const copy = this.stackValues.slice(base, this.top);
    this.top = base;
    return copy;
  }

  /** A header container held as an array: Node's rawHeaders `[name, value, …]` or `[[name, value], …]` entries. */
  private headerArray(v: readonly unknown[], state: PathState | null, depth: number): unknown {
    const pairs = v.length % 2 === 0 && v.every((x) => typeof x === 'string');
    const list = !pairs && v.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string');
    if (!pairs && !list) return this.array(v, state, depth, Mode.Plain, false);
    const ctx = this.ctx;
    let copy: unknown[] | null = null;
    const pieces: string[] | null = this.json ? [] : null;
    for (let i = 0; i < v.length; i += pairs ? 2 : 1) {
      const name = (pairs ? v[i] : (v[i] as unknown[])[0]) as string;
      const item = pairs ? v[i + 1] : (v[i] as unknown[])[1];
      // the value's path is its place in the array: `rawHeaders[3]`, or `entries[1][1]`
      const verdict = ctx.decide(name, null, Mode.Headers);
      if (!pairs && ctx.trackPath) ctx.pathKeys.push(i);
      let out = this.decideChild(verdict, pairs ? i + 1 : 1, item, depth);
      if (!pairs && ctx.trackPath) ctx.pathKeys.pop();
      if (out === REMOVE) out = this.decided(ctx.failText);
      if (pieces !== null) {
        const nameJson = this.leaf(name);
        pieces.push(pairs ? `${nameJson},${out as string}` : `[${nameJson},${out as string}]`);
        continue;
      }
      if (out === item) continue;
      copy ??= pairs ? v.slice() : v.map((e) => (e as unknown[]).slice());
      if (pairs) copy[i + 1] = out;
      else (copy[i] as unknown[])[1] = out;
    }
    if (pieces !== null) return `[${pieces.join(',')}]`;
    return copy ?? v;
  }

  /** The JSON of a value that no path of a paths-only policy reaches, as JSON.stringify writes it. */
  private offPathValue(v: unknown, depth: number): unknown {
    switch (typeof v) {
      case 'string':
        return quote(v);
      case 'number':
        return numberText(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        return `"${v.toString()}"`;
      case 'object':
        return v === null ? 'null' : this.offPathJson(v, depth + 1);
      default:
        return REMOVE; // left out, as JSON.stringify does
    }
  }

  /**
   * The JSON of an object that no path reaches, as JSON.stringify writes it. A plain object's own
   * entries are written here (JSON.stringify has a high fixed cost per call on small objects), each
   * read once; nested objects and anything unusual go to JSON.stringify, and what it cannot write
   * (a BigInt, a cycle) is walked here as an allowed value instead, so the walk goes on.
   */
  private offPathJson(v: object, depth: number): string {
    const marker = this.enter(v, depth);
    if (marker !== null) return this.leaf(marker);
    const proto: unknown = Object.getPrototypeOf(v);
    if (Array.isArray(v) || (proto !== objectProto && proto !== null) || typeof (v as Bag).toJSON === 'function')
      return this.stringified(v, depth);
    let out = '{';
    let first = true;
    const careful = this.ctx.careful;
    for (const k in v) {
      if (!(careful ? hasOwn.call(v, k) : Object.prototype.hasOwnProperty.call(v, k))) continue;
      const child = (v as Bag)[k];
      let piece: string | undefined;
      switch (typeof child) {
        case 'string':
          piece = quote(child);
          break;
        case 'number':
          piece = numberText(child);
          break;
        case 'boolean':
          piece = child ? 'true' : 'false';
          break;
        case 'bigint':
          piece = `"${child.toString()}"`;
          break;
        case 'object':
          piece = child === null ? 'null' : this.stringified(child, depth + 1);
          break;
        default:
          continue; // undefined, functions and symbols: left out, as JSON does
      }
      out += (first ? '' : ',') + this.ctx.keyText(k) + piece;
      first = false;
    }
    return out + '}';
  }

  /** JSON.stringify of an object no path reaches, or, where it cannot write it, the object walked as an allowed value. */
  private stringified(v: object, depth: number): string {
    try {
      return JSON.stringify(v) ?? 'null';
    } catch {
      const marker = this.enter(v, depth);
      if (marker !== null) return this.leaf(marker);
      return this.container(v, null, depth, Mode.Keep) as string;
    }
  }
}
