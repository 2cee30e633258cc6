/**
 * Redacting inside pino's serialization: each part of a line is redacted where pino makes it,
 * and the finished line is written as pino wrote it, with no parse and no second write.
 *
 * | part of the line | where pino makes it | where hushlog redacts it |
 * | --- | --- | --- |
 * | the merged object (and the mixin's keys) | `formatters.log` | there, as an object |
 * | the message, the error and the serializer keys | pino's `redact` stringifiers, after the serializers | the `redact` censor, with the key |
 * | `%j` / `%o` / `%O` arguments | pino's `format` | `hooks.logMethod`, as objects (paths apply from their root, as pino's do) |
 * | the bindings of each child level, `setBindings` | the logger's bindings text | that text, once per logger, as JSON |
 *
 * The values one part censors are scrubbed from the later parts (echo scrubbing across the
 * line); `hooks.streamWrite` then checks the finished line for the values censored after a part
 * was written, and redacts the whole line only when one is there. A line hushlog did not see
 * being made (a child with its own `formatters` or `redact`, a logger of another pino copy) is
 * redacted whole in `hooks.streamWrite`, as the transport would.
 */
import pino, { type LoggerOptions } from 'pino';
import type { Redactor } from '@hushlog/core';
import { pinoPathOf, readUserRedact, type PinoRedactOption, type UserRedact } from './user-redact.js';
import { FAILED_LINE } from './withheld.js';

const { chindingsSym, messageKeySym, errorKeySym, nestedKeySym, lsCacheSym, endSym, asJsonSym } = pino.symbols;
const formattersSym = Symbol.for('pino.formatters');
const serializersSym = Symbol.for('pino.serializers');
const hooksSym = Symbol.for('pino.hooks');
/** Where a logger keeps the bindings text hushlog redacted for it, with the values censored there. */
const BOUND = Symbol('hushlog.pino.bound');

/** A logger's bindings as redacted: the text pino writes, and the values censored in it. */
interface Bound {
  readonly chindings: string;
  readonly echoes: readonly string[];
}

/** The state of one line being made (one per nesting depth: a getter may log while a line is made). */
interface LineState {
  /** The values censored so far in this line, the bindings' first. */
  readonly echoes: string[];
  /** How many of `echoes` came from the bindings (already applied to every part). */
  seeded: number;
  /** hushlog did not see every part made: the finished line is redacted whole. */
  untrusted: boolean;
  /** The logger's serializer keys that hushlog does not claim (a serializer spread in beside hushlog's options, a child's). */
  unclaimed: readonly string[];
  /** The logger's serializers (pino's object), to tell which claimed keys pino serializes after formatters.log. */
  serializers: Record<string, unknown> | null;
  /** What formatters.log returned: a claimed key's value found there unchanged was redacted already. */
  done: Record<string, unknown> | null;
  /** The bindings text of the line (written before any echo of the merged object was known). */
  chindings: string;
  /** How many of `echoes` were known once formatters.log had run (its walk scrubbed the whole object for them). */
  afterObject: number;
  /** The merged object's redacted JSON members (`,"k":v…`), written in place of the stand-in; null when pino writes the object itself. */
  members: string | null;
  /** hushlog's streamWrite is the logger's (not replaced by hooks set after the spread options), so the stand-in is written over. */
  spliced: boolean;
  /**
   * The logger writing the line, while it is written (null after): the one the log method was
   * called on, until pino's write takes the time on another (a user's logMethod may write with any
   * logger), which is then judged in its place.
   */
  logger: Logger | null;
  /** The line's level number. */
  level: number;
  /**
   * What pino's timestamp function returned for the write being made (UNSEEN until it is called).
   * pino's write calls it first, as a method of the logger writing; a logger being made calls it
   * too, but as a plain function, which does not count.
   */
  time: unknown;
  /** What the censor returned for the message once the line's time was taken (UNSEEN when it was not called). */
  message: unknown;
}

/** A part of a line that pino has not made (yet). */
const UNSEEN: unique symbol = Symbol('unseen');

type Logger = Record<PropertyKey, unknown> & { redact?: unknown };
type LogMethod = (this: Logger, args: unknown[], method: (...args: unknown[]) => unknown, level: number) => unknown;

/** The pino options a user passes in for hushlog to compose with. */
export type UserPinoOptions = LoggerOptions & { redact?: PinoRedactOption };

const NONE: readonly string[] = Object.freeze([]);
/**
 * The merged object's stand-in: formatters.log hands pino this one key, and streamWrite puts the
 * object's redacted JSON members where pino wrote it. A control character in the key, which pino
 * and JSON.stringify both write as `\u0000`, keeps any text of a log line from looking like it.
 */
const STAND_IN_KEY = '\u0000hushlog-merged-object\u0000';
const STAND_IN: Readonly<Record<string, unknown>> = Object.freeze({ [STAND_IN_KEY]: true });
const STAND_IN_TEXT = `,${JSON.stringify(STAND_IN_KEY)}:true`;
/** The head of the stand-in strings of claimed binding values (numbered, closed by `\u0000`). */
const BINDING_STAND_IN = '\u0000hushlog-binding-';

/** The stand-in string of the `i`-th claimed binding value (numbered, closed by `\u0000`). */
function bindingStandInText(i: number): string {
  return `${BINDING_STAND_IN}${i}\u0000`;
}
/** The first stand-ins and their JSON, made once (a child binds few claimed values). */
const STAND_INS: readonly string[] = Array.from({ length: 8 }, (_, i) => bindingStandInText(i));
const STAND_IN_JSON: readonly string[] = STAND_INS.map((t) => JSON.stringify(t));

/** The JSON text of the `i`-th stand-in, as pino writes it. */
function standInJson(i: number): string {
  return STAND_IN_JSON[i] ?? JSON.stringify(bindingStandInText(i));
}

/**
 * `tail` with each binding stand-in written by pino replaced by its value's redacted JSON: the
 * text after `heads[i]` in `members[i]` (a member as core wrote it, `,"req":{…}`).
 */
function withValues(tail: string, heads: readonly string[], members: readonly string[]): string {
  let out = tail;
  for (let i = 0; i < members.length; i++) {
    const standIn = standInJson(i);
    const at = out.indexOf(standIn);
    if (at === -1) continue;
    const member = members[i]!;
    const head = heads[i]!;
    const value = member.startsWith(head) ? member.slice(head.length) : JSON.stringify(WITHHELD_OBJECT);
    out = out.slice(0, at) + value + out.slice(at + standIn.length);
  }
  return out;
}

/** A claimed key's texts, and the one-key object its value is walked in (reused, so a child makes none). */
interface ClaimedKey {
  /** `,"key":`, the member's head in the bindings text. */
  readonly member: string;
  /** The member as pino writes it with the first stand-in (made once: a flat string compares without a copy). */
  readonly firstStandIn: string;
  /** `{ key: value }`, holding a value only while it is walked (it must not keep a request alive). */
  readonly holder: Record<string, unknown>;
  /** True while `holder` is walked: a getter that makes a child meanwhile gets an object of its own. */
  busy: boolean;
}

function claimedKey(key: string): ClaimedKey {
  const quoted = JSON.stringify(key);
  const member = `,${quoted}:`;
  return { member, firstStandIn: member + standInJson(0), holder: { [key]: undefined }, busy: false };
}

/**
 * What the censor kept while one child's bindings were made, taken by that child in onChild. The
 * censor hands pino a stand-in string for each claimed value and keeps its redacted JSON: `text` is
 * the bindings text pino will write with the stand-ins, `real` the same members with the JSON in
 * their place. A tail equal to `text` becomes `real` with no second read.
 */
interface PendingBindings {
  /** Values the censor cut, for that child's echoes. */
  echoes: string[];
  text: string;
  real: string;
  /** The redacted member of each stand-in (`,"req":{…}`), by its index. */
  values: string[];
  /** The head of each of those members (`,"req":`), by the same index. */
  heads: string[];
}

function pendingBindings(): PendingBindings {
  return { echoes: [], text: '', real: '', values: [], heads: [] };
}

/** The most claimed values waiting for the logger that bound them; past that they are dropped. */
const MAX_PENDING = 64;

/** What stands for a merged object that could not be redacted. */
const WITHHELD_OBJECT = '[hushlog: this object could not be redacted and was withheld]';
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
// eslint-disable-next-line no-control-regex -- the characters JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** How `value` appears inside pino's JSON text. */
function jsonText(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value).slice(1, -1) : value;
}

/**
 * pino options that redact every line inside pino's serialization, composed with the user's own
 * options (`hooks`, `formatters`, `serializers`, `mixin`, `onChild` and `redact` are kept).
 */
export function serializationOptions(redactor: Redactor, user: UserPinoOptions = {}, redact?: PinoRedactOption): LoggerOptions {
  const messageKey = user.messageKey ?? 'msg';
  const errorKey = user.errorKey ?? 'err';
  // Keys whose value pino serializes after formatters.log: hushlog reads them in the censor, after the serializer.
  const claimed = new Set<string>([messageKey, errorKey, 'err', 'req', 'res', ...Object.keys(user.serializers ?? {})]);
  const claimedList = [...claimed];
  /** Per claimed key: its JSON text as a member head, and a one-key object to walk its value in. */
  const claimedKeys = new Map<string, ClaimedKey>(claimedList.map((k) => [k, claimedKey(k)]));
  const userRedact: UserRedact | null = readUserRedact(redact ?? user.redact, claimed, redactor.policy.censor);
  const nativeUserPaths = userRedact?.nativePaths.length ?? 0;
  const userLog = user.formatters?.log;
  const userLogMethod = user.hooks?.logMethod as LogMethod | undefined;
  const userStreamWrite = user.hooks?.streamWrite;
  const userOnChild = user.onChild;

  const lines: LineState[] = [];
  let depth = 0;
  /**
   * The bindings being made, per level: a getter in a claimed value that makes a child of its own
   * meanwhile makes it one level up, so neither child takes the other's values or echoes.
   */
  const making: PendingBindings[] = [pendingBindings()];
  let makingLevel = 0;
  /**
   * The depth of the line whose values hushlog is walking right now (-1: none). pino calls the
   * censor for a line only outside those walks, so a call for that depth during one comes from a
   * child made by a getter meanwhile: it is that child's bindings being made. (Set and restored
   * inline around each walk: a shared helper measured ≈ 2 % slower on a child per request.)
   */
  let walkingAt = -1;
  /**
   * pino is writing a line that hushlog's logMethod did not begin (hooks set beside the spread
   * options replaced it): from pino's call of the timestamp function, which starts each write, to
   * the end of the write. The censor then redacts the claimed values of that line as they are; at
   * no line depth otherwise, what it sees are a child's bindings being made.
   */
  let writingOutside = false;

  const state = (): LineState | null => (depth > 0 ? (lines[depth - 1] ?? null) : null);
  const echoesNow = (): string[] => state()?.echoes ?? (making[makingLevel] as PendingBindings).echoes;

  /** The logger's bindings, redacted once per bindings text (a child, setBindings). Null for a logger of another pino copy. */
  function bindingsOf(logger: Logger): Bound | null {
    const chindings = logger[chindingsSym];
    if (typeof chindings !== 'string') return null;
    let known = logger[BOUND] as Bound | undefined;
    if (known !== undefined && known.chindings === chindings) return known;
    // what the censor cut while these bindings were made belongs to this logger, not to its parent
    const frame = making[makingLevel] as PendingBindings;
    const cut = frame.echoes;
    const censored = frame.text;
    const real = frame.real;
    // (the values are read only when the tail is not the censored text, which is rare; the frame
    // gets new lists, since a parent bound below takes its own from the same frame)
    const values = frame.values.length === 0 ? NONE : frame.values;
    const heads = frame.heads.length === 0 ? NONE : frame.heads;
    if (values !== NONE) frame.values = [];
    if (heads !== NONE) frame.heads = [];
    frame.echoes = [];
    frame.text = frame.real = '';
    if (known === undefined) {
      // a child of a logger that never logged: its parent's bindings are bound first, once
      const parent = Object.getPrototypeOf(logger) as Logger | null;
      if (parent !== null && typeof parent[chindingsSym] === 'string') known = bindingsOf(parent) ?? undefined;
    }
    const echoes = known === undefined ? [] : known.echoes.slice();
    for (let i = 0; i < cut.length; i++) echoes.push(cut[i] as string);
    // Only the text a child added after its parent's (already redacted) bindings is read.
    const prefix = known !== undefined && chindings.startsWith(known.chindings) ? known.chindings : '';
    const tail = chindings.slice(prefix.length);
    let redacted = chindings;
    // Bindings made only of claimed keys (pino-http's `req`) were redacted by the censor, member by member.
    if (tail === censored && censored !== '') redacted = prefix + real;
    else if (tail.length > 1) {
      const line = redactor.redactLine(`{${withValues(tail, heads, values).slice(1)}}`, echoes);
      redacted =
        line.startsWith('{') && line.endsWith('}') ? `${prefix},${line.slice(1, -1)}` : `${prefix},"bindings":${JSON.stringify(line)}`;
    }
    const bound: Bound = { chindings: redacted, echoes };
    logger[chindingsSym] = redacted;
    logger[BOUND] = bound;
    return bound;
  }

  function enter(logger: Logger, level: number): void {
    let st = lines[depth];
    if (st === undefined)
      lines[depth] = st = {
        echoes: [],
        seeded: 0,
        untrusted: false,
        unclaimed: NONE,
        serializers: null,
        done: null,
        chindings: '',
        afterObject: 0,
        members: null,
        spliced: false,
        logger: null,
        level: 0,
        time: UNSEEN,
        message: UNSEEN,
      };
    depth++;
    st.level = level;
    st.time = UNSEEN;
    st.message = UNSEEN;
    st.members = null;
    st.done = null;
    // (popped: assigning length is a runtime call)
    while (st.echoes.length !== 0) st.echoes.pop();
    st.seeded = 0;
    judge(st, logger);
  }

  /**
   * Sets up `st` for the lines `logger` writes: its redacted bindings and their echoes (before the
   * values censored since the line began, which are kept), and whether hushlog sees every part of
   * its lines made.
   */
  function judge(st: LineState, logger: Logger): void {
    const bound = bindingsOf(logger);
    st.logger = logger;
    const echoes = st.echoes;
    const found = echoes.length === st.seeded ? NONE : echoes.splice(st.seeded);
    while (echoes.length !== 0) echoes.pop();
    if (bound !== null) for (let i = 0; i < bound.echoes.length; i++) echoes.push(bound.echoes[i] as string);
    st.seeded = echoes.length;
    for (let i = 0; i < found.length; i++) echoes.push(found[i] as string);
    st.afterObject = echoes.length;
    st.chindings = bound === null ? '' : bound.chindings;
    const formatters = logger[formattersSym] as { log?: unknown } | undefined;
    // hushlog claims the message and error keys it was told of; a logger that writes others (set
    // beside the spread options), or nests the object under a key, is redacted as finished text
    st.untrusted =
      bound === null ||
      formatters?.log !== log ||
      logger.redact !== undefined ||
      logger[messageKeySym] !== messageKey ||
      logger[errorKeySym] !== errorKey ||
      logger[nestedKeySym] != null;
    const serializers = logger[serializersSym];
    st.serializers = serializers !== null && typeof serializers === 'object' ? (serializers as Record<string, unknown>) : null;
    st.unclaimed = unclaimedOf(serializers);
    st.spliced = (logger[hooksSym] as { streamWrite?: unknown } | undefined)?.streamWrite === streamWrite;
  }

  const unclaimedBySerializers = new WeakMap<object, readonly string[]>();
  /** The serializer keys hushlog does not claim, per serializers object (pino makes one per logger that sets some). */
  function unclaimedOf(serializers: unknown): readonly string[] {
    if (serializers === null || typeof serializers !== 'object') return NONE;
    let keys = unclaimedBySerializers.get(serializers);
    if (keys === undefined) {
      const found: string[] = [];
      for (const k in serializers) if (!claimed.has(k)) found.push(k);
      keys = found.length === 0 ? NONE : found;
      unclaimedBySerializers.set(serializers, keys);
    }
    return keys;
  }

  /** `%j`, `%o` and `%O` arguments (and any object argument after the message): redacted as objects. */
  function redactArguments(args: unknown[]): void {
    const st = state();
    const echoes = st === null ? undefined : st.echoes;
    const outer = walkingAt;
    walkingAt = depth;
    try {
      for (let i = typeof args[0] === 'object' && args[0] !== null ? 2 : 1; i < args.length; i++) {
        const a = args[i];
        if (typeof a === 'object' && a !== null) args[i] = redactor.redact(a, echoes);
      }
    } finally {
      walkingAt = outer;
    }
  }

  const withArguments = new WeakMap<object, (...args: unknown[]) => unknown>();
  /**
   * pino's own log method of `level`, as a user's logMethod gets it: each call is a line of its
   * own, of that level, by the logger it is applied to, with its arguments redacted first. A
   * logMethod may call it more than once, on another logger, later (held, async), or from inside
   * another line being written (a mixin or a getter flushing held lines): none of that touches the
   * state of the line that handed it out.
   */
  function redactingMethod(method: (...args: unknown[]) => unknown, level: number): (...args: unknown[]) => unknown {
    let wrapped = withArguments.get(method);
    if (wrapped === undefined) {
      wrapped = function (this: Logger, ...args: unknown[]) {
        return inLine(this, level, args, method);
      };
      withArguments.set(method, wrapped);
    }
    return wrapped;
  }

  /** One line, `method` applied to `args` (redacted) on `logger`. */
  function inLine(logger: Logger, level: number, args: unknown[], method: (...args: unknown[]) => unknown): unknown {
    enter(logger, level);
    try {
      redactArguments(args);
      return method.apply(logger, args);
    } finally {
      leave();
    }
  }

  const logMethod: LogMethod = function hushlogLogMethod(args, method, level) {
    if (userLogMethod === undefined) return inLine(this, level, args, method);
    enter(this, level);
    try {
      return userLogMethod.call(this, args, redactingMethod(method, level), level);
    } finally {
      leave();
    }
  };

  /** Ends the innermost line (a finished line keeps no logger alive). */
  function leave(): void {
    (lines[depth - 1] as LineState).logger = null;
    depth--;
  }

  /** True when pino will run a serializer on `key` after formatters.log (pino's rule: the key's own, or `err`'s for the error key). */
  function serializedLater(st: LineState | null, key: string): boolean {
    const serializers = st === null ? null : st.serializers;
    if (serializers === null) return true;
    return serializers[key] !== undefined || (key === errorKey && serializers.err !== undefined);
  }

  /**
   * formatters.log: the merged object, redacted in one walk. A claimed key that pino serializes
   * after this is left as it is, for the censor to read after its serializer.
   */
  function log(input: Record<string, unknown>): Record<string, unknown> {
    const obj = userLog === undefined ? input : userLog(input);
    if (obj === null || typeof obj !== 'object') return obj;
    const outer = walkingAt;
    walkingAt = depth;
    try {
      return redactMerged(obj);
    } finally {
      walkingAt = outer;
    }
  }

  /** The merged object of `log`, redacted (or its stand-in, when streamWrite splices its JSON in). */
  function redactMerged(obj: Record<string, unknown>): Record<string, unknown> {
    const st = state();
    const echoes = st?.echoes;
    // A serializer pino runs after this, on a key hushlog does not claim: its output is read in the finished line.
    if (st !== null) for (const k of st.unclaimed) if (hasOwn(obj, k)) st.untrusted = true;
    let later = false;
    for (const k of claimedList) {
      if (hasOwn(obj, k) && serializedLater(st, k)) {
        later = true;
        break;
      }
    }
    let out: Record<string, unknown>;
    // (the user's own pino paths are applied by pino to the object it writes: not in one pass)
    if (!later && st !== null && st.spliced && !st.untrusted && nativeUserPaths === 0) {
      // One pass: the object's redacted JSON members, which streamWrite puts where pino writes the stand-in.
      const members = redactor.stringifyMembers(obj, echoes);
      if (members !== null) {
        st.members = members;
        st.afterObject = st.echoes.length;
        return STAND_IN;
      }
      // not written as an object (a user's formatters.log returned one with a toJSON), or the walk
      // failed closed: pino writes the redacted copy
      out = redactor.redact(obj, echoes) as Record<string, unknown>;
    } else if (!later) out = redactor.redact(obj, echoes) as Record<string, unknown>;
    else {
      const rest: Record<string, unknown> = {};
      for (const k in obj) if (hasOwn(obj, k) && !(claimed.has(k) && serializedLater(st, k))) rest[k] = obj[k];
      const done = redactor.redact(rest, echoes) as Record<string, unknown>;
      out = {};
      for (const k in obj) if (hasOwn(obj, k)) out[k] = hasOwn(rest, k) ? done[k] : obj[k];
      // only the keys redacted here are vouched for: a serializer that returns the raw value it was
      // given must not find it taken for redacted
      if (st !== null) st.done = done !== null && typeof done === 'object' ? done : null;
    }
    // The walk failed closed (it returned the censor text, not an object): nothing of the object is written.
    if (out === null || typeof out !== 'object') out = { hushlog: WITHHELD_OBJECT };
    if (st !== null) {
      if (!later) st.done = out;
      st.afterObject = st.echoes.length;
    }
    return out;
  }

  /** A claimed key's value, after its serializer: the user's paths under it, then hushlog. */
  function redactClaimed(key: string, value: unknown, echoes: string[] = echoesNow()): unknown {
    // redacted in formatters.log already (no serializer ran in between)
    const done = state()?.done;
    if (done != null && hasOwn(done, key) && done[key] === value && !userRedact?.claimed.has(key)) return value;
    let v = value;
    const mine = userRedact?.claimed.get(key);
    if (mine !== undefined) {
      if (mine.whole) return userRedact!.censor(v, [key]);
      v = (mine.apply({ [key]: v }) as Record<string, unknown>)[key];
    }
    if (key === messageKey && typeof v === 'string') return redactor.redactString(v, echoes);
    const outer = walkingAt;
    walkingAt = depth;
    try {
      return (redactor.redact({ [key]: v }, echoes) as Record<string, unknown>)[key];
    } finally {
      walkingAt = outer;
    }
  }

  /**
   * A claimed value of a child's bindings: redacted straight to JSON; pino is handed a stand-in
   * string, which bindingsOf replaces by that JSON (pino then never serializes a redacted copy).
   */
  function bindingStandIn(key: string, value: unknown): unknown {
    const texts = claimedKeys.get(key) ?? claimedKey(key);
    // stand-ins no logger took (setBindings on a logger that never logs again) are dropped, not kept
    if ((making[makingLevel] as PendingBindings).values.length >= MAX_PENDING) making[makingLevel] = pendingBindings();
    const frame = making[makingLevel] as PendingBindings;
    // a child made while this value is walked (by a getter) makes its bindings one level up
    makingLevel++;
    const inner = making[makingLevel];
    if (inner === undefined) making.push(pendingBindings());
    else if (inner.text !== '' || inner.echoes.length !== 0) making[makingLevel] = pendingBindings(); // left by a child that failed
    let member: string | undefined;
    try {
      member = claimedMember(key, value, texts, frame.echoes);
    } finally {
      makingLevel--;
    }
    if (member === undefined) return undefined;
    const i = frame.values.length;
    const standIn = STAND_INS[i] ?? bindingStandInText(i);
    frame.values.push(member);
    frame.heads.push(texts.member);
    frame.text = i === 0 ? texts.firstStandIn : frame.text + texts.member + standInJson(i);
    frame.real += member;
    return standIn;
  }

  /**
   * A claimed value's redacted member text (`,"req":{…}`), in one pass: written by core as the
   * member of a one-key object, so no text is sliced (and copied). Undefined when the censor removes it.
   */
  function claimedMember(key: string, value: unknown, texts: ClaimedKey, echoes: string[]): string | undefined {
    if (userRedact?.claimed.has(key) === true || (key === messageKey && typeof value === 'string')) {
      const out = redactClaimed(key, value, echoes);
      return out === undefined ? undefined : texts.member + JSON.stringify(out);
    }
    let member: string | null;
    if (texts.busy) member = redactor.stringifyMembers({ [key]: value }, echoes);
    else {
      texts.busy = true;
      texts.holder[key] = value;
      try {
        member = redactor.stringifyMembers(texts.holder, echoes);
      } finally {
        texts.holder[key] = undefined;
        texts.busy = false;
      }
    }
    if (member === null) return texts.member + JSON.stringify(WITHHELD_OBJECT); // the walk failed closed
    return member === '' ? undefined : member; // '': removed
  }

  /** pino's `redact` censor: hushlog for the claimed keys, the user's censor for the user's paths. */
  function censor(value: unknown, path: readonly string[]): unknown {
    const key = path[0];
    if (path.length === 1 && typeof key === 'string' && claimed.has(key)) {
      // outside a line, or during hushlog's own walk of one (a getter that makes a child): a child's bindings being made
      // at no line depth: a child's bindings, unless pino is writing a line hushlog did not begin;
      // inside a line, during hushlog's walk of it: a child a getter makes
      if (depth === 0 ? !writingOutside : depth === walkingAt) return bindingStandIn(key, value);
      // (at no line depth the values cut go where a child's would, echoesNow: if these are a
      // child's bindings after all, it keeps them as its echoes)
      const out = redactClaimed(key, value);
      const st = state();
      if (key === messageKey && st !== null) st.message = out;
      return out;
    }
    return userRedact === null ? value : userRedact.censor(value, path);
  }

  /**
   * hooks.streamWrite: the finished line, checked for the values censored after a part was
   * written: the merged object's in the bindings text, and the later parts' (the message, the
   * error, serializer output) anywhere. Only a line holding one is redacted again, whole.
   */
  function streamWrite(written: string): string {
    try {
      const st = state();
      let line = written;
      if (st !== null && st.members !== null) {
        line = withMembers(st, line, st.members);
        st.members = null;
      }
      // bindings set during the line (setBindings in a mixin or a getter) were written as they were given
      const rebound = st !== null && st.logger !== null && st.logger[chindingsSym] !== st.chindings;
      // (a time is its write's own: none carries to another write in this line's state)
      if (st !== null) st.time = UNSEEN;
      if (userStreamWrite !== undefined) line = userStreamWrite(line);
      // (redactLine appends what it censors to the line's echoes, which the next line resets)
      if (st === null || st.untrusted || rebound) return redactor.redactLine(line, st?.echoes);
      const echoes = st.echoes;
      for (let i = st.seeded; i < st.afterObject; i++) {
        if (st.chindings.includes(jsonText(echoes[i]!))) return redactor.redactLine(line, echoes);
      }
      for (let i = st.afterObject; i < echoes.length; i++) {
        if (line.includes(jsonText(echoes[i]!))) return redactor.redactLine(line, echoes);
      }
      return line;
    } catch {
      return FAILED_LINE;
    } finally {
      if (depth === 0) writingOutside = false;
    }
  }

  /**
   * pino's own asJson (found once, on the deepest prototype of a logger that has one), so a line
   * is put together from its parts only when no one replaced the function that makes it: a
   * wrapper (a tracer's, a user's) may edit the line, and keep its length.
   */
  let ownAsJson: unknown = UNSEEN;
  function pinoAsJson(logger: Logger): unknown {
    if (ownAsJson === UNSEEN) {
      for (let o: object | null = logger; o !== null; o = Object.getPrototypeOf(o) as object | null) {
        if (Object.prototype.hasOwnProperty.call(o, asJsonSym)) ownAsJson = (o as Logger)[asJsonSym];
      }
    }
    return ownAsJson;
  }

  /**
   * The last message member and line end, as written (`,"msg":"request completed"}` and the line
   * end): most lines of a service repeat a few messages, and writing one as JSON costs more than
   * comparing it with the last.
   */
  let lastMessage = '';
  let lastEnd = '';
  let lastTail = '';
  function messageTail(message: string, end: string): string {
    if (message !== lastMessage || end !== lastEnd) {
      lastTail = `,"${messageKey}":${JSON.stringify(message)}${end}`;
      lastMessage = message;
      lastEnd = end;
    }
    return lastTail;
  }

  /**
   * The finished line with the merged object's members where pino wrote the stand-in. pino writes a
   * line as `lsCache[level] + time + bindings + <stand-in> + message member + end` (`_asJson` in
   * pino's tools.js); when hushlog saw each of those parts made by the logger writing, that logger's
   * asJson is pino's own (nothing edits the line before streamWrite) and the lengths agree, the line
   * is put together from them, so the line pino built is never read (a read copies a string built
   * by concatenation whole). Otherwise the stand-in is searched for.
   */
  function withMembers(st: LineState, written: string, members: string): string {
    const logger = st.logger;
    const message = st.message;
    if (
      logger !== null &&
      st.time !== UNSEEN &&
      (message === UNSEEN || typeof message === 'string') &&
      logger[chindingsSym] === st.chindings &&
      logger[asJsonSym] === pinoAsJson(logger)
    ) {
      const head = (logger[lsCacheSym] as Record<number, unknown> | undefined)?.[st.level];
      const end = logger[endSym];
      if (typeof head === 'string' && typeof end === 'string') {
        const tail = message === UNSEEN ? end : messageTail(message as string, end);
        const line = `${head}${st.time as string}${st.chindings}${members}${tail}`;
        if (line.length === written.length - STAND_IN_TEXT.length + members.length) return line;
      }
    }
    // pino writes the level, the time and the bindings before the object: search past the bindings' length
    const at = written.indexOf(STAND_IN_TEXT, st.chindings.length);
    return at === -1 ? written : written.slice(0, at) + members + written.slice(at + STAND_IN_TEXT.length);
  }

  /**
   * pino's timestamp function: the user's, or what pino would choose (`timestamp` left out means
   * epoch time; set to anything falsy, no time). pino's own test is `instanceof Function`, so a
   * function of another realm counts as `true` (epoch time) there, and here.
   */
  const userTime: (this: unknown) => string =
    user.timestamp instanceof Function
      ? (user.timestamp as (this: unknown) => string)
      : !hasOwn(user, 'timestamp') || user.timestamp
        ? pino.stdTimeFunctions.epochTime
        : pino.stdTimeFunctions.nullTime;
  /**
   * The timestamp function hushlog gives pino. pino's write calls it first, as a method of the
   * logger writing: that call starts a write of the line being made (a user's logMethod may call
   * pino's method more than once, or on another logger, which is then judged). pino calls it as a
   * plain function when a logger is made, which starts nothing.
   */
  function timestamp(this: unknown): string {
    const time = userTime.call(this);
    const st = state();
    if (typeof this === 'object' && this !== null) {
      if (st !== null) {
        if (this !== st.logger) judge(st, this as Logger);
        st.time = time;
      } else {
        writingOutside = true;
        // The writer's bindings are redacted now, before pino reads them (a setBindings is seen by
        // no other hook here; the stand-ins it left are the writer's), and the line's values are
        // scrubbed of their echoes (what an earlier line written this way cut is dropped).
        const bound = bindingsOf(this as Logger);
        (making[0] as PendingBindings).echoes = bound === null ? [] : bound.echoes.slice();
      }
    }
    return time;
  }

  function onChild(child: Logger): void {
    bindingsOf(child);
    if (userOnChild !== undefined) userOnChild(child as never);
  }

  /**
   * The user's `fn`, run as hushlog's own walks are (see `walkingAt`): pino runs serializers and the
   * mixin inside a line, so a child that a getter they read makes meanwhile makes its bindings there.
   */
  function asWalk<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return function (this: unknown, ...args: A): R {
      const outer = walkingAt;
      walkingAt = depth;
      try {
        return fn.apply(this, args);
      } finally {
        walkingAt = outer;
      }
    };
  }
  const serializers = user.serializers;
  const mixin = user.mixin;

  const { redact: _ignored, ...rest } = user;
  return {
    ...rest,
    ...(serializers !== undefined && serializers !== null
      ? { serializers: Object.fromEntries(Object.entries(serializers).map(([k, fn]) => [k, typeof fn === 'function' ? asWalk(fn) : fn])) }
      : {}),
    ...(typeof mixin === 'function' ? { mixin: asWalk(mixin) } : {}),
    hooks: { ...user.hooks, logMethod: logMethod as never, streamWrite },
    timestamp,
    formatters: { ...user.formatters, log },
    onChild: onChild as never,
    redact: {
      paths: [...claimedList.map((key) => pinoPathOf([{ kind: 'name', name: key }])), ...(userRedact?.nativePaths ?? [])],
      censor: censor as (value: unknown, path: string[]) => unknown,
      ...(userRedact?.remove === true ? { remove: true } : {}),
    },
  };
}
