/**
 * A pino user's own `redact` option (an array of paths, or `{ paths, censor, remove }`), carried
 * across unchanged: each path is censored as pino would censor it, with the user's censor and
 * its `(value, path[])` signature, on top of hushlog's rules. When the user named no censor,
 * hushlog's censor text is used, so pino's `[Redacted]` never sits next to hushlog's `[REDACTED]`.
 *
 * pino groups redact paths by their first key and lets a whole top-level key win over deeper
 * paths under it. hushlog claims some top-level keys for itself (the message, the error, the
 * serializer keys), so the user's paths under those keys are applied here, with pino's own
 * redaction library, to the serialized value before hushlog reads it; all other paths go to pino.
 */
import slowRedact from '@pinojs/redact';
import { PolicyError, parsePath, type PathSegment, type ResolvedCensor } from '@hushlog/core';

/** pino's `redact` option: paths, or paths with a censor (text, any value, or `(value, path) => value`) and `remove`. */
export type PinoRedactOption =
  | readonly string[]
  | {
      readonly paths: readonly string[];
      readonly censor?: unknown;
      readonly remove?: boolean;
    };

/** Censors one value a user path selected: `(value, path)` as pino calls a censor. */
export type PathCensor = (value: unknown, path: readonly string[]) => unknown;

/** The user's redact option, split between pino and hushlog's claimed keys. */
export interface UserRedact {
  /** Paths pino applies itself (their first key is not one hushlog claims). */
  readonly nativePaths: readonly string[];
  /** `remove` as the user set it. */
  readonly remove: boolean;
  /** The user's censor, with hushlog's text when the user named none. */
  readonly censor: PathCensor;
  /** Per claimed key: the user's paths under it, or `whole` when a path names the key itself. */
  readonly claimed: ReadonlyMap<string, { readonly whole: boolean; readonly apply: (box: Record<string, unknown>) => unknown }>;
}

/** The censor value for user paths that name no censor: hushlog's own text, where it has one. */
function defaultCensor(censor: ResolvedCensor): unknown {
  if (censor.type === 'text') return censor.text;
  if (censor.type === 'remove') return undefined;
  return '[REDACTED]';
}

/**
 * Reads a pino `redact` option against the keys hushlog claims. Throws a `PolicyError` naming the
 * path when pino would refuse it.
 */
export function readUserRedact(
  option: PinoRedactOption | undefined,
  claimed: ReadonlySet<string>,
  hushlogCensor: ResolvedCensor,
): UserRedact | null {
  if (option === undefined || option === null) return null;
  const paths = Array.isArray(option) ? (option as readonly string[]) : (option as { paths?: unknown }).paths;
  if (!Array.isArray(paths)) throw new PolicyError('redact.paths', 'pino redact needs an array of paths, or { paths, censor, remove }');
  const given = Array.isArray(option) ? undefined : (option as { censor?: unknown }).censor;
  const remove = !Array.isArray(option) && (option as { remove?: unknown }).remove === true;
  const fallback = defaultCensor(hushlogCensor);
  const censor: PathCensor = typeof given === 'function' ? (given as PathCensor) : given === undefined ? () => fallback : () => given;

  const nativePaths: string[] = [];
  const under = new Map<string, { whole: boolean; paths: string[] }>();
  const starred: (readonly PathSegment[])[] = [];
  for (const [i, path] of paths.entries()) {
    if (typeof path !== 'string') throw new PolicyError(`redact.paths[${i}]`, 'a path must be a string');
    const segments = parsePath(path, `redact.paths[${i}]`);
    const head = segments[0];
    if (head?.kind === 'globstar') throw new PolicyError(`redact.paths[${i}]`, 'pino paths have no `**`');
    if (head?.kind === 'star') {
      nativePaths.push(path);
      starred.push(segments.slice(1));
    } else if (head?.kind === 'name' && claimed.has(head.name)) {
      const entry = under.get(head.name) ?? { whole: false, paths: [] };
      if (segments.length === 1) entry.whole = true;
      else entry.paths.push(path);
      under.set(head.name, entry);
    } else nativePaths.push(path);
  }
  // pino gives `*.x` paths to every top-level key but the ones claimed whole: those get them here
  if (starred.length > 0) {
    for (const key of claimed) {
      const entry = under.get(key) ?? { whole: false, paths: [] };
      for (const rest of starred) entry.paths.push(pinoPathOf([{ kind: 'name', name: key }, ...rest]));
      under.set(key, entry);
    }
  }
  const claimedRedact = new Map<string, { whole: boolean; apply: (box: Record<string, unknown>) => unknown }>();
  for (const [key, { whole, paths: keyPaths }] of under) {
    if (!whole && keyPaths.length === 0) continue;
    const apply =
      keyPaths.length === 0
        ? (box: Record<string, unknown>) => box
        : (slowRedact({ paths: keyPaths, censor: censor as (value: unknown) => unknown, remove, serialize: false, strict: false }) as (
            box: Record<string, unknown>,
          ) => unknown);
    claimedRedact.set(key, { whole, apply });
  }
  return { nativePaths, remove, censor, claimed: claimedRedact };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** What pino reads back as the same name inside brackets: no escapes, brackets, stars or control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const BRACKETABLE = /^[^\\[\]*\u0000-\u001f\u007f\u2028\u2029]+$/;

/**
 * pino path text for parsed segments: `key.name`, `key["x-y"]`, `key['a"b']`, `key.*`. pino reads a
 * bracketed name up to its closing quote, with no escapes: a name is quoted, as it is, with a quote
 * it does not hold. One that pino would read otherwise (a backslash, a bracket, a star, a control
 * character, both quotes) has no pino path, and is refused.
 */
export function pinoPathOf(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    const name = seg.kind === 'name' ? seg.name : '';
    if (seg.kind !== 'name') out += out === '' ? '*' : '.*';
    else if (IDENTIFIER.test(name)) out += out === '' ? name : `.${name}`;
    else if (!BRACKETABLE.test(name) || (name.includes('"') && name.includes("'")))
      throw new TypeError(
        `pino's redact paths cannot name the key ${JSON.stringify(name)} (it is empty, or holds a backslash, a bracket, a star, a control character, a line separator or both quotes)`,
      );
    else out += name.includes('"') ? `['${name}']` : `["${name}"]`;
  }
  return out;
}
