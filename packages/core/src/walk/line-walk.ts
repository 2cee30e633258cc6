/**
 * The walk over JSON text as it was written: a log line, or JSON held inside a string value. It
 * reads the text once, asks the shared context (context.ts) about every key and string, exactly as
 * the value walk does, and splices the censored values into the text. So:
 * - every occurrence of a duplicate key is judged (pino writes them: child bindings and the logged
 *   object can share a key), and both stay in the output as they were written;
 * - a line with nothing to redact comes back as the very same string, and a redacted one keeps its
 *   spacing, its key order and its big numbers; only the censored values change;
 * - there is no `JSON.parse` of the line and no re-serialization.
 * Text that is not one JSON value is reported as such (`null`), and the caller scans it as text.
 */
import { REMOVE } from '../censor/compile-censor.js';
import { ValueStyle, type KeyRule } from '../match/keys.js';
import type { PathState } from '../match/path-trie.js';
import { LimitHit, Mode, Verdict, type KeyInfo, type WalkContext } from './context.js';
import { numberText, quote, quoteKey } from './json-text.js';
import { MARKERS } from './markers.js';
import type { ValueWalk } from './value-walk.js';

/** Thrown (one shared instance) to unwind when the text is not JSON. */
const NOT_JSON = new Error('not JSON');
const TRUNCATED_JSON = `${quoteKey(MARKERS.truncatedKey)}${quote(MARKERS.maxNodes)}`;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * True when the text holds `"kty"`. It searches for `kty"`, whose `k` is rare in JSON text: a
 * search for `"kty"` stops at every quote (472 against 18 ns on a 620-byte pino-http line).
 */
function holdsKty(text: string): boolean {
  for (let i = text.indexOf('kty"'); i !== -1; i = text.indexOf('kty"', i + 4)) if (text.charCodeAt(i - 1) === 0x22) return true;
  return false;
}

/** Walks JSON text for one walk context. Reentrant for JSON nested in strings (each run saves its frame). */
export class LineWalk {
  private src = '';
  private pos = 0;
  private out = '';
  private written = 0;
  /** Set by `stringEnd`: the last string token held a backslash escape. */
  private escaped = false;
  /** The text holds `"kty"`, so objects are checked for being JSON Web Keys. */
  private jwk = false;
  /** The next backslash at or after the last string token's start (text length when none): keeps escape checks linear. */
  private backslash = 0;

  /**
   * @param ctx the decisions and state of the walk
   * @param values a JSON value walk, for the rare shapes decided on whole values (header arrays)
   */
  constructor(
    private readonly ctx: WalkContext,
    private readonly values: ValueWalk,
  ) {}

  /**
   * Redacts JSON text: the same string when nothing changed, the spliced text otherwise, or null
   * when `text` is not one JSON value (surrounding whitespace allowed).
   * @param depth the nesting of the root value (0 for a line; a string's depth for JSON held in it)
   * @param paths the path state at the root (the policy's paths for a line, null inside a string)
   */
  run(text: string, depth: number, paths: PathState | null): string | null {
    const ctx = this.ctx;
    // this run's frame: a JSON string nested in a value of the outer text runs inside it
    const { src, pos, out, written, jwk, backslash } = this;
    const findings = ctx.findings === null ? 0 : ctx.findings.length;
    const { changes, limits } = ctx;
    const echoes = ctx.echoCount;
    const notes = ctx.noteCount;
    const pathLength = ctx.pathKeys.length;
    this.src = text;
    this.pos = 0;
    this.out = '';
    this.written = 0;
    this.jwk = holdsKty(text);
    this.backslash = -1;
    let result: string | null;
    try {
      this.ws();
      this.value(paths, depth, Mode.Plain);
      this.ws();
      if (this.pos !== text.length) throw NOT_JSON;
      result = this.written === 0 ? text : this.out + text.slice(this.written);
    } catch (err) {
      if (err !== NOT_JSON) throw err;
      // not JSON after all: undo what the partial walk counted, found and collected
      if (ctx.findings !== null) ctx.findings.length = findings;
      ctx.changes = changes;
      ctx.limits = limits;
      ctx.dropEchoes(echoes);
      ctx.dropNotes(notes);
      ctx.pathKeys.length = pathLength;
      result = null;
    } finally {
      this.src = src;
      this.pos = pos;
      this.out = out;
      this.written = written;
      this.jwk = jwk;
      this.backslash = backslash;
    }
    return result;
  }

  /** Replaces `[start, end)` of the text by `text` (splices come in increasing order). */
  private splice(start: number, end: number, text: string): void {
    this.out += this.src.slice(this.written, start) + text;
    this.written = end;
  }

  private ws(): void {
    const src = this.src;
    let i = this.pos;
    while (i < src.length && isSpace(src.charCodeAt(i))) i++;
    this.pos = i;
  }

  private expect(c: number): void {
    if (this.src.charCodeAt(this.pos) !== c) throw NOT_JSON;
    this.pos++;
  }

  /** The end (after the closing quote) of the string token at `pos`; sets `escaped`. */
  private stringEnd(): number {
    const src = this.src;
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const q = src.indexOf('"', i);
      if (q === -1) throw NOT_JSON;
      // a quote after an odd run of backslashes is escaped
      let b = q - 1;
      while (src.charCodeAt(b) === 0x5c) b--;
      if ((q - 1 - b) % 2 === 0) {
        if (this.backslash < start) {
          const next = src.indexOf('\\', start);
          this.backslash = next === -1 ? src.length : next;
        }
        this.escaped = this.backslash < q;
        return q + 1;
      }
      i = q + 1;
    }
  }

  /** The value of the string token `[start, end)` (its quotes included). */
  private decode(start: number, end: number): string {
    if (!this.escaped) return this.src.slice(start + 1, end - 1);
    try {
      return JSON.parse(this.src.slice(start, end)) as string;
    } catch {
      throw NOT_JSON;
    }
  }

  /** Skips one value of any kind, checking only what bounds it. */
  private skip(): void {
    const src = this.src;
    const c = src.charCodeAt(this.pos);
    if (c === 0x22) {
      this.pos = this.stringEnd();
      return;
    }
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      let i = this.pos;
      while (i < src.length) {
        const d = src.charCodeAt(i);
        if (d === 0x22) {
          this.pos = i;
          i = this.stringEnd();
          continue;
        }
        if (d === 0x7b || d === 0x5b) depth++;
        else if (d === 0x7d || d === 0x5d) {
          depth--;
          if (depth === 0) {
            this.pos = i + 1;
            return;
          }
        }
        i++;
      }
      throw NOT_JSON;
    }
    this.scalar();
  }

  /** Skips a number or a literal (`true`, `false`, `null`). */
  private scalar(): void {
    const src = this.src;
    const start = this.pos;
    let i = start;
    const c = src.charCodeAt(i);
    if (c === 0x74 /* t */ || c === 0x6e /* n */) {
      const word = c === 0x74 ? 'true' : 'null';
      if (!src.startsWith(word, i)) throw NOT_JSON;
      this.pos = i + 4;
      return;
    }
    if (c === 0x66 /* f */) {
      if (!src.startsWith('false', i)) throw NOT_JSON;
      this.pos = i + 5;
      return;
    }
    while (i < src.length) {
      const d = src.charCodeAt(i);
      if ((d >= 0x30 && d <= 0x39) || d === 0x2d || d === 0x2b || d === 0x2e || d === 0x65 || d === 0x45) i++;
      else break;
    }
    if (i === start) throw NOT_JSON;
    this.pos = i;
  }

  /** The text of the string token at `pos`, without moving past it. */
  private peekString(): string {
    return this.decode(this.pos, this.stringEnd());
  }

  /** The value at `pos`, read for a censor: a string's text, anything else parsed. */
  private readValue(): unknown {
    const start = this.pos;
    if (this.src.charCodeAt(start) === 0x22) {
      const end = this.stringEnd();
      this.pos = end;
      return this.decode(start, end);
    }
    this.skip();
    try {
      return JSON.parse(this.src.slice(start, this.pos));
    } catch {
      throw NOT_JSON;
    }
  }

  /** Walks the value at `pos`. */
  private value(state: PathState | null, depth: number, mode: Mode): void {
    const c = this.src.charCodeAt(this.pos);
    if (c === 0x22) this.string(depth, mode);
    else if (c === 0x7b) this.object(state, depth, mode);
    else if (c === 0x5b) this.array(state, depth, mode);
    else this.scalar();
  }

  private string(depth: number, mode: Mode): void {
    const start = this.pos;
    const end = this.stringEnd();
    this.pos = end;
    const ctx = this.ctx;
    if (ctx.pathOnly || mode === Mode.Keep) return;
    const text = this.decode(start, end);
    const out = ctx.string(text, depth, mode);
    if (out !== text) this.splice(start, end, ctx.escapes(out) ? JSON.stringify(out) : `"${out}"`);
  }

  /** True when the object at `pos` has a `kty` member holding a string (a JSON Web Key). */
  private isJwk(): boolean {
    const save = this.pos;
    let found = false;
    try {
      this.pos++;
      this.ws();
      while (this.src.charCodeAt(this.pos) === 0x22) {
        const start = this.pos;
        const end = this.stringEnd();
        this.pos = end;
        const key = this.decode(start, end);
        this.ws();
        this.expect(0x3a);
        this.ws();
        if (key === 'kty' && this.src.charCodeAt(this.pos) === 0x22) {
          found = true;
          break;
        }
        this.skip();
        this.ws();
        if (this.src.charCodeAt(this.pos) !== 0x2c) break;
        this.pos++;
        this.ws();
      }
    } finally {
      this.pos = save;
    }
    return found;
  }

  private object(state: PathState | null, depth: number, mode: Mode): void {
    const ctx = this.ctx;
    const src = this.src;
    const start = this.pos;
    if (depth >= ctx.maxDepth) {
      this.skip();
      ctx.hitLimit(LimitHit.Depth);
      this.splice(start, this.pos, quote(MARKERS.maxDepth));
      return;
    }
    if (mode === Mode.Plain && this.jwk && this.isJwk()) mode = Mode.Jwk;
    const keep = mode === Mode.Keep;
    const plainNames = keep || ctx.pathOnly;
    this.pos++;
    this.ws();
    if (src.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return;
    }
    /** Members written so far (a removed member is not). */
    let kept = 0;
    /** The end of the last kept member's value (where a removal after it starts). */
    let lastEnd = this.pos;
    /** A removed first member: its start, removed up to where the next member starts. */
    let removedFrom = -1;
    for (;;) {
      const memberStart = this.pos;
      if (src.charCodeAt(memberStart) !== 0x22) throw NOT_JSON;
      if (removedFrom !== -1) {
        this.splice(removedFrom, memberStart, '');
        removedFrom = -1;
      }
      if (++ctx.nodes > ctx.maxNodes) {
        const cut = kept === 0 ? memberStart : lastEnd;
        this.skipMembers();
        ctx.hitLimit(LimitHit.Nodes);
        this.splice(cut, this.pos - 1, (kept === 0 ? '' : ',') + TRUNCATED_JSON);
        return;
      }
      const keyEnd = this.stringEnd();
      this.pos = keyEnd;
      const key = this.decode(memberStart, keyEnd);
      this.ws();
      this.expect(0x3a);
      this.ws();
      const valueStart = this.pos;
      if (keep) this.skip();
      else {
        let verdict = ctx.decide(key, state, mode);
        // a weak name: its value decides (only a string can look like a secret)
        if (verdict === Verdict.Weak)
          verdict = src.charCodeAt(valueStart) === 0x22 ? ctx.settle(verdict, this.peekString()) : Verdict.Descend;
        const info = plainNames ? null : (ctx.info ?? (mode === Mode.Headers ? ctx.headerInfo(key) : ctx.keyInfo(key)));
        if (verdict === Verdict.Censor) {
          const rule = ctx.rule;
          const style = ctx.style;
          const raw = this.readValue();
          const out = ctx.censor(key, raw, rule, style);
          if (out === REMOVE) {
            if (kept === 0) removedFrom = memberStart;
            else this.splice(lastEnd, this.pos, '');
            this.ws();
            if (src.charCodeAt(this.pos) === 0x2c) {
              this.pos++;
              this.ws();
              continue;
            }
            if (removedFrom !== -1) this.splice(removedFrom, this.pos, '');
            this.expect(0x7d);
            return;
          }
          this.key(memberStart, keyEnd, key, info);
          if (out !== raw) this.splice(valueStart, this.pos, this.leafJson(out));
        } else {
          this.key(memberStart, keyEnd, key, info);
          if (verdict === Verdict.Descend) {
            const next = ctx.nextState;
            const nextMode = ctx.nextMode;
            if (ctx.trackPath) ctx.pathKeys.push(key);
            this.value(next, depth + 1, nextMode);
            if (ctx.trackPath) ctx.pathKeys.pop();
          } else this.skip();
        }
      }
      kept++;
      lastEnd = this.pos;
      this.ws();
      const c = src.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.ws();
        continue;
      }
      this.expect(0x7d);
      return;
    }
  }

  /** Writes a key as the output shows it (a detected secret, a known secret or an echo in it censored). */
  private key(start: number, end: number, key: string, info: KeyInfo | null): void {
    if (info === null) return;
    const name = this.ctx.outputName(key, info);
    if (name !== null) this.splice(start, end, quote(name));
  }

  /** Skips the rest of an object's members after the node limit; `pos` ends after its `}`. */
  private skipMembers(): void {
    const src = this.src;
    for (;;) {
      this.pos = this.stringEnd();
      this.ws();
      this.expect(0x3a);
      this.ws();
      this.skip();
      this.ws();
      if (src.charCodeAt(this.pos) === 0x2c) {
        this.pos++;
        this.ws();
        continue;
      }
      this.expect(0x7d);
      return;
    }
  }

  private array(state: PathState | null, depth: number, mode: Mode): void {
    const ctx = this.ctx;
    const src = this.src;
    const start = this.pos;
    if (depth >= ctx.maxDepth) {
      this.skip();
      ctx.hitLimit(LimitHit.Depth);
      this.splice(start, this.pos, quote(MARKERS.maxDepth));
      return;
    }
    if (mode === Mode.Headers) {
      this.headerArray(start, state, depth);
      return;
    }
    const keep = mode === Mode.Keep;
    const indexed = !keep && (state !== null || ctx.trackPath);
    const flags = !keep && !ctx.pathOnly;
    this.pos++;
    this.ws();
    if (src.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return;
    }
    let lastEnd = this.pos;
    let flagRule: KeyRule | null = null;
    for (let i = 0; ; i++) {
      const elementStart = this.pos;
      if (++ctx.nodes > ctx.maxNodes) {
        const cut = i === 0 ? elementStart : lastEnd;
        const left = this.skipElements();
        ctx.hitLimit(LimitHit.Nodes);
        this.splice(cut, this.pos - 1, (i === 0 ? '' : ',') + quote(`${MARKERS.maxNodes} ${left} more items`));
        return;
      }
      const isString = src.charCodeAt(elementStart) === 0x22;
      let flag: KeyRule | null = null;
      if (flagRule !== null && isString && src.charCodeAt(elementStart + 1) !== 0x2d && ctx.flagValue(flagRule, this.peekString())) {
        const raw = this.readValue();
        const out = ctx.censor(i, raw, flagRule.rule, ValueStyle.Plain);
        if (out !== raw) this.splice(elementStart, this.pos, out === REMOVE ? 'null' : this.leafJson(out));
      } else {
        if (flags && isString && src.charCodeAt(elementStart + 1) === 0x2d) {
          const end = this.stringEnd();
          flag = ctx.flagRule(this.decode(elementStart, end));
        }
        if (keep) this.skip();
        else if (!indexed) this.value(null, depth + 1, Mode.Plain);
        else this.element(i, state, depth);
      }
      flagRule = flag;
      lastEnd = this.pos;
      this.ws();
      const c = src.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.ws();
        continue;
      }
      this.expect(0x5d);
      return;
    }
  }

  /** One array element under an active path state, or with its path tracked. */
  private element(i: number, state: PathState | null, depth: number): void {
    const ctx = this.ctx;
    const verdict = state === null ? Verdict.Descend : ctx.decideIndex(i, state);
    if (verdict === Verdict.Censor) {
      const start = this.pos;
      const raw = this.readValue();
      const out = ctx.censor(i, raw, ctx.rule, ctx.style);
      if (out !== raw) this.splice(start, this.pos, out === REMOVE ? 'null' : this.leafJson(out));
      return;
    }
    if (verdict !== Verdict.Descend) {
      this.skip();
      return;
    }
    const next = state === null ? null : ctx.nextState;
    if (ctx.trackPath) ctx.pathKeys.push(i);
    this.value(next, depth + 1, Mode.Plain);
    if (ctx.trackPath) ctx.pathKeys.pop();
  }

  /** Skips the rest of an array's elements after the node limit; returns how many; `pos` ends after its `]`. */
  private skipElements(): number {
    const src = this.src;
    let count = 0;
    for (;;) {
      this.skip();
      count++;
      this.ws();
      if (src.charCodeAt(this.pos) === 0x2c) {
        this.pos++;
        this.ws();
        continue;
      }
      this.expect(0x5d);
      return count;
    }
  }

  /** A header container held as an array (rawHeaders): decided on the parsed value, by the value walk. */
  private headerArray(start: number, state: PathState | null, depth: number): void {
    this.skip();
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.src.slice(start, this.pos));
    } catch {
      throw NOT_JSON;
    }
    const changes = this.ctx.changes;
    const json = this.values.visit(parsed, state, depth, Mode.Headers) as string;
    if (this.ctx.changes !== changes) this.splice(start, this.pos, json);
  }

  /** The JSON text of a censor's result. */
  private leafJson(v: unknown): string {
    switch (typeof v) {
      case 'string':
        return quote(v);
      case 'number':
        return numberText(v);
      case 'boolean':
        return v ? 'true' : 'false';
      default:
        return JSON.stringify(v) ?? 'null';
    }
  }
}
