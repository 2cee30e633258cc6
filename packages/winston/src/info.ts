/**
 * Translates a winston `info` object into calls on a compiled redactor, and builds the redacted
 * info that replaces it. No redaction rule lives here: every decision is the redactor's.
 *
 * What winston hands over (winston 3.x, logform 2.x):
 * - `logger.info(obj)` / `logger.log(obj)` with a `message`: `info` IS the caller's object;
 *   winston itself writes `level`, `[LEVEL]` and the logger's defaultMeta onto it.
 * - `logger.info('text', meta)`: a new object holding defaultMeta, meta's own properties,
 *   `message` (plus ` ${meta.message}`), `stack`, `cause`, and `[SPLAT]: [meta]`.
 * - `logger.info('text %s %o', a, b)`: a new object; `splat()` interpolates `a` and `b` into
 *   `message` with `util.format` and leaves them in `[SPLAT]`.
 * - exception and rejection handlers: `{ error, message, stack, exception: true, process: { argv,
 *   cwd, execPath, … }, os, trace }`.
 * The redacted info is always a new object: the caller's object, its nested values and the
 * `[SPLAT]` arguments are read, never written.
 */
import { format as utilFormat } from 'node:util';
import type { Redactor } from '@hushlog/core';
import { carryScope, inScopeOf } from './scopes.js';
import { isUnchanged, sealOf, type Seal } from './seal.js';
import { LEVEL, MESSAGE, SPLAT } from './symbols.js';

/** A logform info object: string fields plus winston's symbol-keyed fields. */
export type Info = Record<string | symbol, unknown>;

/** The message of an entry that could not be redacted: it is censored whole rather than written raw. */
export const CENSORED_ENTRY = '[hushlog: log entry censored because it could not be redacted]';

/**
 * Entries a hushlog format returned, with the redactor and the seal of their content then, so a
 * RedactingTransport with the same redactor can tell that it has nothing left to do. Only kept
 * for redactors that a RedactingTransport uses: a seal per log line is not free, and without such
 * a transport nobody asks.
 */
const produced = new WeakMap<object, { readonly redactor: Redactor; readonly seal: Seal }>();
const wrapped = new WeakSet<Redactor>();

/** Records that a RedactingTransport uses `redactor`, so entries its formats return are sealed from now on. */
export function markRedactorInTransport(redactor: Redactor): void {
  wrapped.add(redactor);
}

/** Seals `entry`, the finished output of a hushlog format using `redactor`, when a transport may ask. */
export function sealOutput(redactor: Redactor, entry: Info): void {
  if (!wrapped.has(redactor)) return;
  const seal = sealOf(entry);
  if (seal !== null) produced.set(entry, { redactor, seal });
}

/**
 * True only when `entry` is an entry a hushlog format using `redactor` returned, unchanged at
 * every depth since. A format placed after it that added or rewrote anything voids the proof.
 */
export function isRedactedBy(entry: object, redactor: Redactor): boolean {
  const record = produced.get(entry);
  return record !== undefined && record.redactor === redactor && isUnchanged(entry, record.seal);
}

/**
 * A redacted copy of a winston info. Never throws and never mutates `info` or anything it holds:
 * when something goes wrong, the entry is censored whole ({@link CENSORED_ENTRY}). The request
 * scope captured when `info` was logged applies, and passes on to the copy.
 */
export function redactInfo(redactor: Redactor, info: Info): Info {
  let out: Info;
  try {
    out = inScopeOf(info, redactFields, redactor, info);
  } catch {
    out = censoredInfo(info);
  }
  carryScope(info, out);
  return out;
}

/**
 * The entry's JSON line as `redactInfo` then safe-stable-stringify (sorted keys, logform's default
 * replacer) would write it, in one pass over the entry; null when the entry needs the two steps:
 * an Error handed over as the info, object arguments interpolated into the message (their redacted
 * renderings are put in first), or a walk that failed closed. Never throws.
 */
export function sortedLineOf(redactor: Redactor, info: Info): string | null {
  try {
    if (info instanceof Error) return null;
    const args = splatArgs(info);
    if (args !== null && typeof info.message === 'string' && interpolatedArgs(info, args) !== null) return null;
    const line = inScopeOf(info, (r: Redactor, v: Info) => r.stringifySorted(v), redactor, info);
    // a walk that failed closed writes a JSON string, where the two steps write a censored entry
    return line.charCodeAt(0) === 0x7b ? line : null;
  } catch {
    return null;
  }
}

function redactFields(redactor: Redactor, info: Info): Info {
  // An Error handed over as `info` (no `errors()` format) keeps its message, stack and cause,
  // which are not own enumerable properties.
  let fields: Info = info instanceof Error ? { ...redactedError(redactor, info), level: info.level } : info;

  // Object arguments that util.format rendered into the message: put their redacted rendering in.
  const splat = info[SPLAT];
  const args = splatArgs(info);
  const interpolated = args !== null && typeof fields.message === 'string' ? interpolatedArgs(info, args) : null;
  let redactedArgs: unknown[] | null = null;
  let renderings: Rendering[] = [];
  if (interpolated !== null) {
    redactedArgs = args!.map((arg, i) => (interpolated[i] ? redactor.redact(arg) : undefined));
    renderings = renderingsIn(fields.message as string, args!, redactedArgs, interpolated);
    if (renderings.length > 0) fields = { ...fields, message: replaceRenderings(fields.message, renderings, false) };
  }

  // The string-keyed fields, walked once: message, meta, defaultMeta, errors, stacks, splat()-merged
  // objects. `redact` returns a fresh object when it changed something, and its input otherwise;
  // the caller's object is never returned, so that later formats cannot write to it.
  const redacted = redactor.redact(fields);
  const out: Info =
    redacted === info
      ? { ...info }
      : redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted)
        ? (redacted as Info)
        : censoredInfo(info);

  // The symbol-keyed fields, which `redact` leaves out of its copies (and which the spread copied raw).
  for (const key of Object.getOwnPropertySymbols(info)) {
    if (key === LEVEL) out[LEVEL] = info[LEVEL];
    else if (key === SPLAT) out[SPLAT] = args === null ? redactor.redact(splat) : redactedSplat(redactor, args, redactedArgs, out);
    else if (key === MESSAGE) out[MESSAGE] = redactLine(redactor, replaceRenderings(info[MESSAGE], renderings, true));
    else if (Object.prototype.propertyIsEnumerable.call(info, key)) out[key] = redactor.redact(info[key]);
  }
  return out;
}

function redactedError(redactor: Redactor, err: Error): Info {
  const fields = redactor.redact(err);
  return fields !== null && typeof fields === 'object' ? { ...(fields as Info) } : { message: CENSORED_ENTRY };
}

function redactLine(redactor: Redactor, line: unknown): unknown {
  return typeof line === 'string' ? redactor.redactLine(line) : redactor.redact(line);
}

/** The `[SPLAT]` arguments of an entry, or null when it has none. */
function splatArgs(info: Info): unknown[] | null {
  const splat = info[SPLAT];
  return Array.isArray(splat) && splat.length > 0 ? (splat as unknown[]) : null;
}

/**
 * The fields winston and errors() rewrite when they merge an argument into info (`message` gets
 * the text prepended, `stack` and `cause` come from an Error, `level` is the call's).
 */
const rewrittenOnMerge = (key: string): boolean => key === 'message' || key === 'level' || key === 'stack' || key === 'cause';

/**
 * Which object arguments of `[SPLAT]` were interpolated into the message rather than merged into
 * info as meta. winston and `splat()` merge meta with `Object.assign`, so a merged argument's
 * values sit on `info` as the very same references. Null when none was interpolated. (Strings and
 * numbers appear in the message as themselves, which is redacted as text anyway.)
 */
function interpolatedArgs(info: Info, args: unknown[]): boolean[] | null {
  let found: boolean[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === null || typeof arg !== 'object') continue;
    if (!isMerged(info, arg as Info)) (found ??= new Array<boolean>(args.length).fill(false))[i] = true;
  }
  return found;
}

function isMerged(info: Info, arg: Info): boolean {
  for (const key of Object.keys(arg)) {
    if (rewrittenOnMerge(key)) continue;
    if (!Object.prototype.hasOwnProperty.call(info, key) || info[key] !== arg[key]) return false;
  }
  return true;
}

/**
 * The redacted `[SPLAT]` arguments, with no second walk of meta: an argument merged into info is
 * the set of its keys on the already redacted info; an interpolated one was redacted for the
 * message; a string or number is redacted on its own.
 */
function redactedSplat(redactor: Redactor, args: unknown[], interpolatedRedacted: unknown[] | null, out: Info): unknown[] {
  const result = new Array<unknown>(args.length);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (interpolatedRedacted !== null && interpolatedRedacted[i] !== undefined) result[i] = interpolatedRedacted[i];
    else if (arg !== null && typeof arg === 'object') result[i] = pick(out, arg as Info);
    else result[i] = redactor.redact(arg);
  }
  return result;
}

/** The redacted values, on `out`, of the keys of an argument that was merged into info. */
function pick(out: Info, arg: Info): Info {
  const picked: Info = {};
  for (const key of Object.keys(arg)) if (Object.prototype.hasOwnProperty.call(out, key)) picked[key] = out[key];
  return picked;
}

/** `util.format` conversions that can render an object argument into the message. */
const OBJECT_CONVERSIONS = ['%s', '%o', '%O', '%j'] as const;

/** One argument as `util.format` rendered it into the message, and the same conversion of its redacted copy. */
type Rendering = readonly [original: string, redacted: string];

/**
 * Where `util.format` put an interpolated object argument into the message (as `%s`, `%o`, `%O`
 * or `%j`), the same conversion of its redacted copy is to take its place, so key, header and path
 * rules apply inside the message as they do in meta. (The whole message is redacted as text too.)
 */
function renderingsIn(message: string, args: unknown[], redactedArgs: unknown[], interpolated: boolean[]): Rendering[] {
  const found: Rendering[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!interpolated[i] || redactedArgs[i] === args[i]) continue;
    for (const conversion of OBJECT_CONVERSIONS) {
      const original = utilFormat(conversion, args[i]);
      if (original.length > 2 && message.includes(original)) found.push([original, utilFormat(conversion, redactedArgs[i])]);
    }
  }
  return found;
}

/**
 * Puts the redacted renderings in place of the original ones: in the message, and in a line that
 * a finalizing format already built from it (where `json()` escaped them as JSON strings).
 */
function replaceRenderings<T>(text: T, renderings: readonly Rendering[], inJson: boolean): T {
  if (renderings.length === 0 || typeof text !== 'string') return text;
  let out: string = text;
  for (const [original, redacted] of renderings) {
    out = out.split(original).join(redacted);
    if (inJson) out = out.split(JSON.stringify(original).slice(1, -1)).join(JSON.stringify(redacted).slice(1, -1));
  }
  return out as T;
}

/** The info of an entry that could not be redacted: its level, and a censored message. */
function censoredInfo(info: Info): Info {
  let level = 'error';
  let rawLevel: unknown = undefined;
  try {
    if (typeof info.level === 'string') level = info.level;
    rawLevel = info[LEVEL];
  } catch {
    /* keep the default */
  }
  return { level, message: CENSORED_ENTRY, [LEVEL]: typeof rawLevel === 'string' ? rawLevel : level };
}
