import { AsyncLocalStorage } from 'node:async_hooks';

/** Known secrets shorter than this are ignored: scrubbing `ab` everywhere would wreck the logs. */
export const MIN_KNOWN_SECRET_LENGTH = 6;

interface Scope {
  readonly values: readonly string[];
}

const storage = new AsyncLocalStorage<Scope>();
let everUsed = false;

/**
 * Runs `fn` in a scope where the exact `values` (the request's API key, bearer token, cookie
 * values…) are scrubbed from every string that any hushlog redactor or adapter produces: free text,
 * error messages, stack traces. Scopes follow async context (AsyncLocalStorage), so concurrent
 * requests never see each other's secrets. Nested scopes add to the outer one.
 *
 * @example
 * http.createServer((req, res) => runWithSecrets([req.headers['x-api-key']], () => handle(req, res)));
 */
export function runWithSecrets<T>(values: Iterable<string | null | undefined>, fn: () => T): T {
  everUsed = true;
  const outer = storage.getStore();
  const list = new Set<string>(outer?.values);
  for (const v of values) if (typeof v === 'string' && v.length >= MIN_KNOWN_SECRET_LENGTH) list.add(v);
  // Longest first, so a secret that contains another is replaced whole.
  const sorted = [...list].sort((a, b) => b.length - a.length);
  return storage.run({ values: sorted }, fn);
}

/** The known secrets of the current async scope, or null. Costs one boolean test until first use. */
export function currentSecrets(): readonly string[] | null {
  if (!everUsed) return null;
  const scope = storage.getStore();
  return scope === undefined || scope.values.length === 0 ? null : scope.values;
}

/** Replaces every occurrence of each known secret in `text`. */
export function scrubKnownSecrets(text: string, secrets: readonly string[], replacement: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(replacement);
  return out;
}
