/**
 * The decision step every traversal shares, and the state of one walk. A value walk (copy or JSON
 * text) and a line walk (JSON text read as it was written) ask the same context what to do with
 * each key and each string, so the three outputs cannot drift apart:
 * - `decide(key)`: allow-list, paths, key and header rules, JWK members: keep, censor or descend;
 * - `censor(value)`: a value a rule hides whole (keeping the auth scheme or the cookie names);
 * - `string(text)`: a string value: limits, JSON held in a string, detectors and in-string rules,
 *   known secrets and echoes.
 * It also owns what a walk counts (changes, limits hit, errors) and the echoes it collects.
 */
import { REMOVE } from '../censor/compile-censor.js';
import { JSON_ESCAPE, needsJsonEscape } from '../detect/facts.js';
import { CONTAINER, ValueStyle, detachString, weakSecretValue, type KeyRule, type WeakKind } from '../match/keys.js';
import { stepState, type PathState } from '../match/path-trie.js';
import type { CompiledPolicy } from '../policy/compile.js';
import type { CensorContext } from '../policy/types.js';
import type { ScanSession, SpanSink } from '../text/types.js';
import { truncate } from '../truncate.js';
import { SecretList } from './secret-list.js';
import { quoteKey } from './json-text.js';
import { tooLong } from './markers.js';
import { formatPath } from './path-text.js';
import { censorStyled, headSlots, type CensorCall } from './styled-censor.js';

/** How the children of a container are matched. */
export const enum Mode {
  /** Ordinary object: key rules. */
  Plain = 0,
  /** A header container: header names and key rules. */
  Headers = 1,
  /** An allowed value: kept as it is, only made JSON-safe (no rule, no detector). */
  Keep = 2,
  /** A JSON Web Key (an object with `kty`): its private members are censored too. */
  Jwk = 3,
}

/** What `decide` says about one entry. */
export const enum Verdict {
  /** Walk into the value (`nextState`, `nextMode` say how). */
  Descend = 0,
  /** An allowed value: keep it (made JSON-safe). */
  Allow = 1,
  /** A rule hides the value whole (`rule`, `style` say which and how). */
  Censor = 2,
  /** Off every path of a paths-only policy: written as it is, never visited. */
  OffPath = 3,
  /**
   * A weak name (`key`, `signingKey`, `dbpass`): Censor when the value looks like a secret
   * (`weakSecretValue` with `weakKind`), else Descend.
   */
  Weak = 4,
}

/** Limits a walk reached, as bits of `WalkContext.limits`. */
export const LimitHit = {
  /** A container nested deeper than `maxDepth` became `[MaxDepth]`. */
  Depth: 1,
  /** More values than `maxNodes`: the rest became a `[MaxNodes]` marker. */
  Nodes: 2,
  /** A string longer than `maxStringLength` became `[TooLong: N chars]`. */
  StringLength: 4,
} as const;

/** How many times each limit of the policy replaced part of a value by its marker. */
export interface LimitHits {
  /** `[MaxDepth]` markers (containers nested deeper than `limits.maxDepth`). */
  maxDepth: number;
  /** `[MaxNodes]` markers (the rest of a container past `limits.maxNodes`). */
  maxNodes: number;
  /** `[TooLong: N chars]` markers (strings over `limits.maxStringLength`). */
  maxStringLength: number;
}

/** Counters shared by every walk of one redactor. */
export interface RedactorStats {
  /** Internal failures, each of which censored the affected value. */
  errors: number;
  /** Limit markers written, per limit, over every walk that shares these stats. */
  readonly limits: LimitHits;
}

/** One finding of an audit: the rule that fired and where. It never holds the value. */
export interface Finding {
  /** For example `key:password`, `header:authorization`, `path:a.b` or `detector:email`. */
  readonly rule: string;
  /** The JSON path of the value (`''` for free text). */
  readonly path: string;
}

/** What a key name decides, cached per name: its rule and the text the output writes for it. */
export interface KeyInfo {
  readonly rule: KeyRule | null;
  /** The key as written to the output: the key itself, or with a detected secret in it censored. */
  readonly name: string;
  /** `name` is not the key's text (a detected secret in it was censored). */
  readonly renamed: boolean;
  /** `"name":`, bare and after a comma. */
  readonly json: string;
  readonly comma: string;
  /** The key text then the opening quote of a string value, bare and after a comma. */
  readonly quoted: string;
  readonly commaQuoted: string;
}

/** A value a rule censored is also scrubbed where it echoes, when it is at least this long. */
export const MIN_ECHO_LENGTH = 8;
/** At most this many echoes are collected per record (each costs a search per later string). */
const MAX_ECHOES = 32;
/** Span rules whose value is a credential by position, as a key rule's is: their values echo too. */
const ECHO_RULES: ReadonlySet<string> = new Set(['kv', 'query', 'userinfo', 'bearer', 'basic']);
const KNOWN_RULE = 'known-secret';
/** The rule of an echo: a value censored elsewhere in the record, scrubbed wherever it appears. */
export const ECHO_RULE = 'echo';
/** The private members of a JSON Web Key (RFC 7517/7518): `d`, the RSA primes and CRT values, `k`, `oth`. */
const JWK_PRIVATE: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']);

/** The characters JSON text holds outside strings: numbers, `true`, `false`, `null`, punctuation, whitespace. */
const OUTSIDE_STRINGS = /^[-+.0-9eEtrufalsn{}[\],:\s]*$/;

/** True when every character of `echo` may stand outside a JSON string (so an occurrence may be in a number). */
function standsOutsideStrings(echo: string): boolean {
  return OUTSIDE_STRINGS.test(echo);
}

/** A command-line flag's name after its dashes: a letter, then letters, digits, `_`, `.` or `-`. */
const FLAG_NAME = /^[A-Za-z][\w.-]+$/;
/** Strings up to this length are remembered once redacted, up to this many per walker. */
const MEMO_LENGTH = 256;
const MEMO_SIZE = 2048;
/** What the probe sink writes for a span (no text can hold it). */
const PROBE_MARK = '\u0000hushlog-probe\u0000';
const KEY_INFO_LIMIT = 4096;
const KEY_INFO_MAX_LENGTH = 128;
const NO_CONTEXT: CensorContext = Object.freeze({ rule: '', path: '' });

/** The echoes that strings written before they were found hold: what `echoedEarlier` reports. */
export interface EarlierEchoes {
  /** The echoes, each held by at least one string written before it was found. */
  readonly values: string[];
  /**
   * Per echo: how often those strings hold it. A patch of the written text must find each
   * occurrence and no other (JSON held in a string may write an echo where no patch can see it).
   */
  readonly counts: number[];
  /**
   * False when a patch of the written text cannot do what a second walk does: an echo of the walk
   * was found by a span rule (`token=…` in a string; the second walk labels that span as an echo),
   * the walk kept an allowed value (which holds echoes as they are), or an echo may stand in a number.
   */
  patchable: boolean;
}

/** Redacts a string that holds JSON (set by the walker to its line walk); null when it is not JSON. */
export type JsonTextRedactor = (text: string, depth: number) => string | null;

/**
 * The shared decisions and the per-walk state of one walker. Not reentrant: a walker that is busy
 * (a getter or censor that logs) is never reused; the redactor makes another.
 */
export class WalkContext {
  readonly policy: CompiledPolicy;
  readonly stats: RedactorStats;
  /** Audit findings, or null when not auditing. */
  readonly findings: Finding[] | null;
  /** This walker's scan session (its own string profile and span list). */
  readonly scan: ScanSession;
  /** True when a censor may need the JSON path of the value (so `pathKeys` is kept). */
  readonly trackPath: boolean;
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxStringLength: number;
  readonly failText: string;
  /** The keys from the root to the value being walked (kept when `trackPath`). */
  readonly pathKeys: (string | number)[] = [];

  // ---- per walk ----
  /** True after the fast walk threw: every read is guarded and every failure censored. */
  careful = false;
  /** True when only the policy's paths are visited (a paths-only policy, outside any secret scope). */
  pathOnly = false;
  /** Values visited so far (for `maxNodes`). */
  nodes = 0;
  /** Values censored, rewritten or marked: 0 means the output says what the input said. */
  changes = 0;
  /** `LimitHit` bits of the limits this walk reached. */
  limits = 0;
  /** Exact secrets scrubbed from every string: the scope's known secrets, then this record's echoes. */
  readonly secrets: SecretList = new SecretList((value) => this.detectedWhole(value));
  /** Where the echoes start in `secrets`. */
  echoStart = 0;
  /** False once echoes are seeded: a second pass collects no more. */
  collectEchoes = true;
  /** True once this walk kept an allowed value as it is (an echo in it must stay there: see echoedEarlier). */
  allowed = false;

  // ---- out-parameters of `decide`, so it allocates no result ----
  nextState: PathState | null = null;
  nextMode: Mode = Mode.Plain;
  rule = '';
  style: ValueStyle = ValueStyle.Plain;
  /** The key's info when `decide` read it (null for path and allow verdicts). */
  info: KeyInfo | null = null;
  /** For a Weak verdict: how its value is judged. */
  weakKind: WeakKind = 'secret';

  /** Set by the walker: redacts JSON held in a string, preserving how it was written. */
  jsonText: JsonTextRedactor = () => null;

  /**
   * Redacted strings remembered by this walker, or null when a censor is a function, it audits, or
   * nothing scans strings. `text` is null for a string the scan left as it was: the caller then
   * gets its own string back, which it compares with what it passed by reference, not by content.
   */
  private readonly memo: Map<string, { readonly text: string | null; readonly escapes: boolean }> | null;
  /** Set by the sink when the string being scanned had a span that registers an echo. */
  private volatile = false;
  /** Whether a replacement written into the string being scanned needs JSON escaping (and the last one, memoised). */
  private replacementEscapes = false;
  private lastReplacement = '';
  private lastReplacementEscapes = false;

  /** Strings this walk wrote before its last echo was found, and how many echoes were known then. */
  private readonly seen: string[] = [];
  private readonly seenInputs: string[] = [];
  private readonly seenAt: number[] = [];
  private seenCount = 0;
  /** Echoes a span rule found (`token=…` inside a string), as opposed to a whole value a rule censored. */
  private readonly spanEchoes: string[] = [];
  private readonly earlier: EarlierEchoes = { values: [], counts: [], patchable: true };

  /** A second scan session, for `detectedWhole` (which runs while the main one is writing a string). */
  private readonly probe: ScanSession;
  private readonly probeSink: SpanSink;
  private probeRule = '';
  private readonly wholeDetections = new Map<string, boolean>();

  private readonly keyInfos = new Map<string, KeyInfo>();
  /** Keys as JSON text (`"k":`), for the writers that take keys as they are (paths-only, renamed keys). */
  private readonly keyTexts = new Map<string, string>();
  private readonly headerInfos = new Map<string, KeyInfo>();
  private readonly spanCensor: CompiledPolicy['spanCensor'];
  /** Paths show keys as the output writes them, so a secret used as a key stays out of them too. */
  readonly pathThunk: () => string;
  /** The span sink for string values: labels, echoes and audit findings. */
  readonly sink: SpanSink;
  /** The sink for key names: no path (paths are written from these very names). */
  private readonly keySink: SpanSink;
  /** The policy's whole-value censor, wrapped: censored values stay as they are, and values echo. */
  private readonly censorValue: CompiledPolicy['censor'];
  /** True for text a censor wrote. */
  private readonly isCensored: (text: string) => boolean;
  /** The one censor call of this walker, reused (its context is set per value). */
  private readonly call: {
    censor: CompiledPolicy['censor'];
    ctx: CensorContext;
    keep: (text: string) => string;
    censored: (text: string) => boolean;
    heads: CensorCall['heads'];
  };

  constructor(policy: CompiledPolicy, stats: RedactorStats, findings: Finding[] | null) {
    this.policy = policy;
    this.stats = stats;
    this.findings = findings;
    this.scan = policy.scanner.session();
    // (with no detector and no in-string rule, a string is only searched for exact secrets, which
    // costs less than the memo's lookup)
    this.memo = findings === null && policy.pureCensors && !policy.scanner.empty ? new Map() : null;
    this.probe = policy.scanner.session();
    this.probeSink = (_secret, detector) => {
      this.probeRule = detector;
      return PROBE_MARK;
    };
    this.trackPath = policy.trackPath || findings !== null;
    this.maxDepth = policy.maxDepth;
    this.maxNodes = policy.maxNodes;
    this.maxStringLength = policy.maxStringLength;
    this.failText = policy.failText;
    this.spanCensor = policy.spanCensor;
    const outputs = policy.censorOutputs;
    const censor = policy.censor;
    this.isCensored = (text) => outputs.isCensored(text);
    this.pathThunk = () => formatPath(this.pathKeys, (k) => this.outputKey(k, Mode.Plain));
    const noPath = () => '';
    this.keySink = (secret, detector) => this.spanCensor(secret, detector, noPath);
    this.sink = (secret, detector) => {
      if (ECHO_RULES.has(detector)) {
        this.volatile = true;
        if (this.echo(secret)) this.spanEchoes.push(secret);
      }
      if (this.findings !== null) this.findings.push({ rule: `detector:${detector}`, path: this.pathThunk() });
      const replacement = this.spanCensor(secret, detector, this.pathThunk);
      if (replacement !== this.lastReplacement) {
        this.lastReplacement = replacement;
        this.lastReplacementEscapes = needsJsonEscape(replacement);
      }
      if (this.lastReplacementEscapes) this.replacementEscapes = true;
      return replacement;
    };
    this.censorValue = (value, ctx) => {
      if (typeof value === 'string') {
        if (outputs.isCensored(value)) return value;
        this.echo(value);
      } else if (typeof value === 'number' && Number.isInteger(value)) this.echo(String(value));
      return censor(value, ctx);
    };
    this.call = {
      censor: this.censorValue,
      ctx: NO_CONTEXT,
      // kept text is written as any string is; text too short for any rule to find something in is
      // kept as it is (the censor's whole output is noted, for echoes found after it: see censor)
      keep: (text) => (text.length < policy.keptTextMinLength ? text : this.text(text, false)),
      censored: this.isCensored,
      heads: headSlots(),
    };
  }

  /**
   * Starts a walk. `known` are the scope's secrets; `echoes`, echoes to scrub from the start (a
   * previous pass's, or those of earlier parts of the same record); `collect` says whether this
   * walk collects more.
   */
  reset(careful: boolean, known: readonly string[] | null, echoes: readonly string[] | null, collect: boolean): void {
    this.careful = careful;
    this.nodes = 0;
    this.changes = 0;
    this.limits = 0;
    truncate(this.pathKeys, 0);
    const secrets = this.secrets;
    secrets.clear();
    if (known !== null) for (const k of known) secrets.add(k, KNOWN_RULE);
    this.echoStart = secrets.values.length;
    this.collectEchoes = collect;
    this.allowed = false;
    truncate(this.spanEchoes, 0);
    this.forget();
    // (probed at their first hit, as the walk that collected them would have: see SecretList)
    if (echoes !== null) for (const e of echoes) secrets.addEcho(e, ECHO_RULE);
    // A scope's secrets must be scrubbed everywhere, so a paths-only policy then visits everything.
    this.pathOnly = this.policy.pathOnly && known === null;
  }

  /** The echoes this walk scrubs (a copy, for a second pass: each one probed, as the first pass found them). */
  echoes(): string[] {
    return this.secrets.liveFrom(this.echoStart, true);
  }

  /** Appends to `carry` the echoes collected from the `from`-th on, for a later part of the record (unprobed ones as they are). */
  carryEchoes(carry: string[], from: number): void {
    this.secrets.liveFrom(this.echoStart + from, false, carry);
  }

  /** How many echoes this walk has collected so far (as positions: `dropEchoes` and `remember` count in them). */
  get echoCount(): number {
    return this.secrets.values.length - this.echoStart;
  }

  /** Forgets the echoes collected after the first `count` (a partial walk that was undone). */
  dropEchoes(count: number): void {
    this.secrets.shorten(this.echoStart + count);
  }

  /** Notes a string the walk wrote, so a secret found after it can still be looked for in it. */
  private remember(input: string, output: string, echoesBefore: number = this.secrets.values.length - this.echoStart): void {
    if (!this.collectEchoes || this.pathOnly || input.length < MIN_ECHO_LENGTH) return;
    const i = this.seenCount++;
    this.seenInputs[i] = input;
    this.seen[i] = output;
    this.seenAt[i] = echoesBefore;
  }

  /**
   * The echoes that a string written before they were found holds, or null when there is none:
   * the output must then have them scrubbed where they stand, or the walk must run again with the
   * echoes scrubbed from the start. (Strings written after an echo was found had it scrubbed as
   * they were written, so only these echoes can stand in the output.) The result is this
   * context's, reused by the next call.
   */
  echoedEarlier(): EarlierEchoes | null {
    const count = this.echoCount;
    const values = this.secrets.values;
    const earlier = this.earlier;
    truncate(earlier.values, 0);
    truncate(earlier.counts, 0);
    earlier.patchable = true;
    for (let j = 0; j < count; j++) {
      const at = this.echoStart + j;
      const echo = values[at] as string;
      let held = 0;
      for (let i = 0; i < this.seenCount; i++) {
        if (j < (this.seenAt[i] as number)) continue;
        // the input first: it is flat, while a redacted output is built of pieces that a search
        // would first join (and an echo in the output was in the input)
        const input = this.seenInputs[i] as string;
        if (input.length >= echo.length && input.includes(echo)) held += this.occurrences(this.seen[i] as string, echo);
      }
      if (held === 0 || !this.secrets.admits(at)) continue;
      earlier.values.push(echo);
      earlier.counts.push(held);
    }
    if (earlier.values.length === 0) return null;
    // The patch counts occurrences; one it cannot tell from an uncounted one voids the count: an
    // allowed value holds echoes as they are (a second walk keeps them), and an echo made of
    // characters JSON writes outside strings (`40011234`) may stand in a number.
    if (this.allowed) earlier.patchable = false;
    for (const echo of earlier.values) if (standsOutsideStrings(echo)) earlier.patchable = false;
    // a second walk scrubs every echo from the start, so the span that found one is labelled echo
    // there: the string it was found in would read differently, wherever the patch applies
    for (const echo of this.spanEchoes) {
      const at = values.indexOf(echo, this.echoStart);
      if (at !== -1 && this.secrets.admits(at)) earlier.patchable = false;
    }
    return earlier;
  }

  /**
   * How often `echo` stands in `text` (overlapping occurrences each count; inside text shaped like
   * a censor output too, as a second walk scrubs it there: `[REDACTED:<echo>]`).
   */
  private occurrences(text: string, echo: string): number {
    let n = 0;
    for (let at = text.indexOf(echo); at !== -1; at = text.indexOf(echo, at + 1)) n++;
    return n;
  }

  /** How many strings are noted for `echoedEarlier` (a partial walk that is undone forgets those after). */
  get noteCount(): number {
    return this.seenCount;
  }

  /** Forgets the strings noted after the first `count` (a partial walk that was undone). */
  dropNotes(count: number): void {
    for (let i = count; i < this.seenCount; i++) this.seen[i] = this.seenInputs[i] = '';
    if (count < this.seenCount) this.seenCount = count;
  }

  /** Drops the strings noted for `echoedEarlier` (so a walker holds no log line between calls). */
  forget(): void {
    this.dropNotes(0);
  }

  /**
   * Records a censored value, so that it is also scrubbed wherever else it appears in this record.
   * True when it became an echo.
   */
  private echo(value: string): boolean {
    if (!this.collectEchoes || value.length < MIN_ECHO_LENGTH || this.pathOnly) return false;
    const secrets = this.secrets;
    if (secrets.countFrom(this.echoStart) >= MAX_ECHOES) {
      // the cap counts the echoes an eager probe would have kept
      secrets.settle();
      if (secrets.countFrom(this.echoStart) >= MAX_ECHOES) return false;
    }
    if (this.policy.censorOutputs.isCensored(value) || secrets.values.includes(value)) return false;
    // A value that a detector finds whole (an email, a JWT, a vendor token) is found wherever it
    // echoes, under its own label (`[REDACTED:email]`): it needs no echo. The list finds that out
    // at its first hit, since most echoes never appear again (see SecretList).
    secrets.addEcho(value, ECHO_RULE);
    return true;
  }

  /** True when one value detector's span covers all of `value` (remembered per value: values repeat). */
  private detectedWhole(value: string): boolean {
    if (!this.policy.scanner.detects) return false;
    const known = this.wholeDetections.get(value);
    if (known !== undefined) return known;
    this.probeRule = '';
    const out = this.probe.redact(value, this.probeSink);
    const whole = out === PROBE_MARK && this.probeRule !== '' && !ECHO_RULES.has(this.probeRule);
    if (value.length <= KEY_INFO_MAX_LENGTH) {
      if (this.wholeDetections.size >= KEY_INFO_LIMIT) this.wholeDetections.clear();
      this.wholeDetections.set(detachString(value), whole);
    }
    return whole;
  }

  // ---- keys ---------------------------------------------------------------------------------

  /** The rule and JSON text of a key of an ordinary object. */
  keyInfo(k: string): KeyInfo {
    return this.keyInfos.get(k) ?? this.newKeyInfo(this.keyInfos, k, this.policy.keys.match(k));
  }

  /** As `keyInfo`, for a key of a header container: header names first, then key rules. */
  headerInfo(k: string): KeyInfo {
    return this.headerInfos.get(k) ?? this.newKeyInfo(this.headerInfos, k, this.policy.headers?.match(k) ?? this.policy.keys.match(k));
  }

  /** `k` as JSON text followed by `:`, cached (names repeat; short keys only, as for key infos). */
  keyText(k: string): string {
    let text = this.keyTexts.get(k);
    if (text === undefined) {
      text = quoteKey(k);
      if (k.length <= KEY_INFO_MAX_LENGTH) {
        if (this.keyTexts.size >= KEY_INFO_LIMIT) this.keyTexts.clear();
        this.keyTexts.set(k, text);
      }
    }
    return text;
  }

  /**
   * Builds a key's info and caches it (short keys only: a cache entry holds the key alive). A key
   * with no rule is scanned like any text, since an email or a token can be a key (a map keyed by
   * user email). Key rules are fixed when the policy is compiled, so a cached verdict never goes stale.
   */
  private newKeyInfo(cache: Map<string, KeyInfo>, k: string, rule: KeyRule | null): KeyInfo {
    const name = rule === null && !this.policy.scanner.empty && k.length > 2 ? this.scan.redact(k, this.keySink) : k;
    const json = quoteKey(name);
    const info: KeyInfo = { rule, name, renamed: name !== k, json, comma: `,${json}`, quoted: `${json}"`, commaQuoted: `,${json}"` };
    if (k.length <= KEY_INFO_MAX_LENGTH) {
      if (cache.size >= KEY_INFO_LIMIT) cache.clear();
      cache.set(k, info);
    }
    return info;
  }

  /** A key as the output writes it: detected secrets, known secrets and echoes censored. */
  outputKey(k: string, mode: Mode): string {
    const name = (mode === Mode.Headers ? this.headerInfo(k) : this.keyInfo(k)).name;
    return this.scrubKey(name);
  }

  /** `name` with the walk's exact secrets censored (key names are short: split and join). */
  scrubKey(name: string): string {
    this.remember(name, name);
    const { values, rules } = this.secrets;
    if (values.length === 0 || name.length < this.secrets.shortest) return name;
    let out = name;
    for (let i = 0; i < values.length; i++) {
      const secret = values[i] as string;
      if (out.includes(secret) && this.secrets.admits(i)) out = out.split(secret).join(this.keySink(secret, rules[i] as string));
    }
    return out;
  }

  /**
   * The name key `k` (whose info is `info`) is written under when that is not its own text (its
   * info's name with the walk's exact secrets censored), counted as `renamed`; null when the key is
   * written as it is. Compared by reference first: the info's name is the key's own text unless a
   * detector renamed it, and comparing two equal strings by content costs a read of both.
   */
  outputName(k: string, info: KeyInfo): string | null {
    const name = this.scrubKey(info.name);
    if ((name === info.name && !info.renamed) || name === k) return null;
    this.renamed(k);
    return name;
  }

  /** Counts a key written with a secret in it censored, and records it for an audit. */
  renamed(k: string): void {
    this.changes++;
    if (this.findings === null) return;
    this.pathKeys.push(k);
    this.findings.push({ rule: 'secret-in-key', path: this.pathThunk() });
    this.pathKeys.pop();
  }

  // ---- the decision step --------------------------------------------------------------------

  /**
   * Decides one entry of an object: allow-list, paths, JWK members, key or header rules. Sets
   * `nextState`/`nextMode` for Descend, `rule`/`style` for Censor, and `info` when it read the key.
   */
  decide(k: string, state: PathState | null, mode: Mode): Verdict {
    this.info = null;
    let next: PathState | null = null;
    if (state !== null) {
      next = stepState(state, k);
      if (next !== null) {
        if (next.allow) return this.allow();
        if (next.censor !== null) {
          this.rule = this.pathRule(next.censor);
          this.style = ValueStyle.Plain;
          return Verdict.Censor;
        }
      }
    }
    this.nextState = next;
    this.nextMode = Mode.Plain;
    if (this.pathOnly) return next === null ? Verdict.OffPath : Verdict.Descend;
    const allow = this.policy.allowKeys;
    if (allow !== null && allow.test(k)) return this.allow();
    if (mode === Mode.Jwk && JWK_PRIVATE.has(k)) {
      this.rule = `jwk:${k}`;
      this.style = ValueStyle.Plain;
      return Verdict.Censor;
    }
    const info = mode === Mode.Headers ? this.headerInfo(k) : this.keyInfo(k);
    this.info = info;
    const rule = info.rule;
    if (rule !== null && rule !== CONTAINER) {
      this.rule = rule.rule;
      this.style = rule.style;
      if (rule.weak === undefined) return Verdict.Censor;
      this.weakKind = rule.weak;
      return Verdict.Weak;
    }
    if (rule === CONTAINER) this.nextMode = Mode.Headers;
    return Verdict.Descend;
  }

  /** The verdict for an allowed entry (off every path, for a paths-only walk), noted for `echoedEarlier`. */
  private allow(): Verdict {
    if (this.pathOnly) return Verdict.OffPath;
    this.allowed = true;
    return Verdict.Allow;
  }

  /** A Weak verdict settled by its value: Censor when it looks like a secret, else Descend. */
  settle(verdict: Verdict, value: unknown): Verdict {
    if (verdict !== Verdict.Weak) return verdict;
    return weakSecretValue(value, this.weakKind) ? Verdict.Censor : Verdict.Descend;
  }

  /** Decides one array element: paths by index only (key rules do not apply to indexes). */
  decideIndex(i: number, state: PathState): Verdict {
    const next = stepState(state, String(i));
    this.nextState = next;
    this.nextMode = Mode.Plain;
    if (next !== null) {
      if (next.allow) return this.allow();
      if (next.censor !== null) {
        this.rule = this.pathRule(next.censor);
        this.style = ValueStyle.Plain;
        return Verdict.Censor;
      }
    }
    return this.pathOnly && next === null ? Verdict.OffPath : Verdict.Descend;
  }

  /**
   * The key rule of a command-line flag held as an array element (`--db-password`, `-token`), or
   * null: the element after a sensitive flag is its value (`process.argv` as winston logs it).
   */
  flagRule(arg: string): KeyRule | null {
    if (arg.length < 3 || arg.length > KEY_INFO_MAX_LENGTH || arg.charCodeAt(0) !== 0x2d || arg.includes('=')) return null;
    const name = arg.charCodeAt(1) === 0x2d ? arg.slice(2) : arg.slice(1);
    if (!FLAG_NAME.test(name)) return null;
    const rule = this.keyInfo(name).rule;
    return rule === null || rule === CONTAINER ? null : rule;
  }

  /** True when `value` is what a flag's rule censors (a weak flag's value must look like a secret). */
  flagValue(rule: KeyRule, value: string): boolean {
    return rule.weak === undefined || weakSecretValue(value, rule.weak);
  }

  /** The rule name of a censoring path; only an audit and a censor that wants context read it. */
  pathRuleOf(source: string): string {
    return this.pathRule(source);
  }

  private pathRule(source: string): string {
    return this.findings === null && !this.policy.censorWantsContext ? '' : `path:${source}`;
  }

  // ---- censoring whole values -----------------------------------------------------------------

  /**
   * Censors a value a rule found (`rule`, `style` from `decide`), keeping the auth scheme or the
   * cookie names for those styles. Returns the value itself when it was already censored (a second
   * pass), or REMOVE. Counts the change and records the finding; a failing censor is counted and
   * the value gets the fail text.
   */
  censor(k: string | number, v: unknown, rule: string, style: ValueStyle): unknown {
    // the value's path, for a censor that wants it and for findings in the text a styled censor keeps
    const track = this.trackPath;
    if (track) this.pathKeys.push(k);
    const ctx: CensorContext = this.policy.censorWantsContext ? { rule, path: this.pathThunk() } : NO_CONTEXT;
    let out: unknown;
    const echoesBefore = this.echoCount;
    try {
      const call = this.call;
      call.ctx = ctx;
      out = censorStyled(v, style, call);
    } catch {
      this.stats.errors++;
      out = this.failText;
    }
    if (out !== v) {
      this.changes++;
      if (this.findings !== null) this.findings.push({ rule, path: this.pathThunk() });
    }
    // a styled censor keeps text (a cookie's name, a Set-Cookie attribute) that may hold an echo
    // found later: its output is noted as it is written, once (also when it is the value itself)
    if (style !== ValueStyle.Plain) this.noteStyled(out, echoesBefore);
    if (track) this.pathKeys.pop();
    return out;
  }

  /** Notes what a styled censor wrote: a string, or each string of a list (Set-Cookie lines). */
  private noteStyled(out: unknown, echoesBefore: number): void {
    if (typeof out === 'string') {
      if (!this.isCensored(out)) this.remember(out, out, echoesBefore);
    } else if (Array.isArray(out)) {
      for (const line of out) if (typeof line === 'string' && !this.isCensored(line)) this.remember(line, line, echoesBefore);
    }
  }

  // ---- strings ------------------------------------------------------------------------------

  /** A string value: kept in Keep mode, marked past the length limit, JSON redacted as JSON, else scanned. */
  string(s: string, depth: number, mode: Mode): string {
    if (mode === Mode.Keep) return s;
    if (s.length > this.maxStringLength) {
      this.hitLimit(LimitHit.StringLength);
      return tooLong(s.length);
    }
    const first = s.charCodeAt(0);
    if ((first === 0x7b || first === 0x5b) && s.length > 1) {
      const last = s.charCodeAt(s.length - 1);
      if (last === 0x7d || last === 0x5d) {
        const json = this.jsonText(s, depth);
        if (json !== null) {
          if (json !== s) this.changes++;
          return json;
        }
      }
    }
    return this.text(s);
  }

  /**
   * Free text: detectors, in-string rules, known secrets and echoes. `note` false: the caller notes
   * the string it is part of (for `echoedEarlier`) instead.
   */
  text(s: string, note = true): string {
    const secrets = this.secrets;
    const echoes = secrets.values.length - this.echoStart;
    const scan = this.scan;
    // Log values repeat (methods, hosts, user agents, routes, whole messages): a string redacted
    // before, that holds none of this record's exact secrets, is redacted the same way again.
    const memo = this.memo;
    const memoable = memo !== null && s.length >= 3 && s.length <= MEMO_LENGTH && !this.secrets.heldIn(s);
    if (memoable) {
      const hit = memo.get(s);
      if (hit !== undefined) {
        const out = hit.text ?? s;
        if (hit.text !== null) this.changes++;
        scan.profile.known(out, hit.escapes);
        if (note) this.remember(s, out, echoes);
        return out;
      }
    }
    this.replacementEscapes = false;
    this.volatile = false;
    const out = scan.redact(s, this.sink, secrets.values.length === 0 ? null : secrets);
    const profile = scan.profile;
    if (out !== s) {
      this.changes++;
      // the output is the input's text and the replacements: it needs escaping only if one of them
      // does. For a long input whose escape fact nobody asked yet, the output's is left to be
      // searched if a JSON writer asks (free text never does).
      if (profile.text === s) {
        if (profile.knows(JSON_ESCAPE)) profile.known(out, profile.needsJsonEscape() || this.replacementEscapes);
        else profile.reset(out);
      }
    }
    // A span that registers an echo (a kv or query value…) must run again each time.
    if (memoable && !this.volatile && profile.text === out) {
      if (memo.size >= MEMO_SIZE) memo.clear();
      // detached: a remembered slice of a long line would keep the whole line alive
      const key = detachString(s);
      memo.set(key, { text: out === s ? null : out, escapes: profile.needsJsonEscape() });
    }
    // noted with the echoes known before it: one found in this very string may echo in it
    if (note) this.remember(s, out, echoes);
    return out;
  }

  /** True when `s` needs escaping in JSON; free for the string the scan session profiled last. */
  escapes(s: string): boolean {
    const profile = this.scan.profile;
    return profile.text === s ? profile.needsJsonEscape() : needsJsonEscape(s);
  }

  /** Counts a limit that replaced part of the value by a marker. */
  hitLimit(kind: number): void {
    this.changes++;
    this.limits |= kind;
    const hits = this.stats.limits;
    if (kind === LimitHit.Depth) hits.maxDepth++;
    else if (kind === LimitHit.Nodes) hits.maxNodes++;
    else hits.maxStringLength++;
  }
}

export { REMOVE };
