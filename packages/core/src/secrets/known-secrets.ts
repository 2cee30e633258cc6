import { AsyncLocalStorage } from 'node:async_hooks';

/** Known secrets shorter than this are ignored: scrubbing `ab` everywhere would wreck the logs. */
export const MIN_KNOWN_SECRET_LENGTH = 6;

/** One request's scope: its known secrets, longest first. */
interface Scope {
  readonly values: readonly string[];
}

/**
 * What is one per process, whichever copy of core (the ESM build, the CJS build, or two installed
 * versions) made it. Changing this shape, or what a Scope holds, means a new PROTOCOL number.
 */
interface SharedScopes {
  /** The shape of this object and of its scopes. */
  readonly protocol: number;
  /** The scope of the current async context. */
  readonly storage: AsyncLocalStorage<Scope>;
  /** False until the first `runWithSecrets` call in any copy: until then a lookup is one test. */
  used: boolean;
}

/** The version of the SharedScopes shape. */
export const SCOPE_PROTOCOL = 1;

/** The global registry key under which the shared scopes live (`Symbol.for`, so every copy finds it). */
export const SCOPES_KEY: unique symbol = Symbol.for('hushlog.known-secrets') as never;

/**
 * The process's shared scopes, made by the first copy of core that loads. A copy that finds an
 * object of another protocol throws at load: sharing it would silently lose every scope.
 */
function sharedScopes(): SharedScopes {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  const found = holder[SCOPES_KEY] as Partial<SharedScopes> | undefined;
  if (found === undefined) {
    const made: SharedScopes = { protocol: SCOPE_PROTOCOL, storage: new AsyncLocalStorage<Scope>(), used: false };
    Object.defineProperty(holder, SCOPES_KEY, { value: made, enumerable: false, configurable: false, writable: false });
    return made;
  }
  if (typeof found !== 'object' || found === null || found.protocol !== SCOPE_PROTOCOL || !(found.storage instanceof AsyncLocalStorage))
    throw new Error(
      `@hushlog/core: another copy of hushlog in this process keeps request scopes in an incompatible form ` +
        `(protocol ${String((found as { protocol?: unknown } | null)?.protocol)}, this copy speaks ${SCOPE_PROTOCOL}); ` +
        'runWithSecrets would protect nothing across them. Install one version of @hushlog/core (npm dedupe).',
    );
  return found as SharedScopes;
}

const shared = sharedScopes();

/** Adds `v` to `list` when it is a string long enough to be worth scrubbing. */
function addValue(list: Set<string>, v: unknown): void {
  if (typeof v === 'string' && v.length >= MIN_KNOWN_SECRET_LENGTH) list.add(v);
}

/**
 * Collects the strings of `values`: one string, or an iterable of them. Anything else, and any
 * element that is not a string, is ignored; an iterable that throws part way keeps what it gave.
 */
function collect(values: unknown, into: Set<string>): void {
  if (typeof values === 'string') return addValue(into, values);
  if (typeof values !== 'object' || values === null) return;
  try {
    const iterator = (values as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof iterator !== 'function') return;
    for (const v of values as Iterable<unknown>) addValue(into, v);
  } catch {
    // never throw for the input: what was read before the failure is still protected
  }
}

/**
 * Runs `fn` in a scope where the exact `values` (the request's API key, bearer token, cookie
 * values…) are scrubbed from every string that any hushlog redactor or adapter produces: free text,
 * error messages, stack traces. Scopes follow async context (AsyncLocalStorage), so concurrent
 * requests never see each other's secrets. Nested scopes add to the outer one.
 *
 * `values` is one string or an iterable of strings (an array, a Set, a header that may be either).
 * Values that are not strings, or shorter than 6 characters, are ignored, and so is a `values`
 * that is neither: this never throws for its input. What `fn` returns or throws passes through
 * unchanged. Every copy of `@hushlog/core` in the process (ESM and CJS) shares the same scopes.
 *
 * @example
 * http.createServer((req, res) => runWithSecrets(req.headers['x-api-key'], () => handle(req, res)));
 */
export function runWithSecrets<T>(values: string | Iterable<unknown> | null | undefined, fn: () => T): T {
  shared.used = true;
  const outer = shared.storage.getStore();
  const list = new Set<string>(outer?.values);
  collect(values, list);
  // Longest first, so a secret that contains another is replaced whole.
  const sorted = [...list].sort((a, b) => b.length - a.length);
  return shared.storage.run({ values: sorted }, fn);
}

/** The known secrets of the current async scope, or null. Costs one boolean test until first use. */
export function currentSecrets(): readonly string[] | null {
  if (!shared.used) return null;
  const scope = shared.storage.getStore();
  return scope === undefined || scope.values.length === 0 ? null : scope.values;
}

/** Replaces every occurrence of each known secret in `text`. */
export function scrubKnownSecrets(text: string, secrets: readonly string[], replacement: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(replacement);
  return out;
}
