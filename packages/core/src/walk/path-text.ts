/** A key that needs no brackets in a path: `a.b` rather than `a["x-y"]`. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Writes a walk's keys as a path in fast-redact / pino syntax: `req.headers["x-api-key"]`,
 * `users[0].email`. A key with a dot or any other character outside an identifier is bracketed and
 * quoted, so the path is never ambiguous. `name` maps a key to the text the output shows for it.
 */
export function formatPath(keys: readonly (string | number)[], name: (key: string) => string): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const shown = name(key);
      out += IDENTIFIER.test(shown) ? (out === '' ? shown : `.${shown}`) : `[${JSON.stringify(shown)}]`;
    }
  }
  return out;
}
