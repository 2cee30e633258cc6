/**
 * Reading a policy through its own properties only. A policy is user data, and a prototype
 * polluted by some other library (`Object.prototype.preset = 'none'`) must not change what is
 * redacted: every level of a policy is copied into a null-prototype snapshot before it is read.
 */

/** True for a plain data object: not null, an array, a RegExp or a function. */
function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

/**
 * A null-prototype copy of the own enumerable properties of `value` when it is a plain object, so
 * a missing field reads as `undefined` whatever `Object.prototype` holds. Anything else (a string,
 * a function, an array, a RegExp, null) is returned as it is. The caller's object is not touched.
 */
export function ownFields<T>(value: T): T {
  if (!isRecord(value)) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = (value as Record<string, unknown>)[key];
  return copy as T;
}

/**
 * A copy of an array's own elements: a hole (which would read through `Array.prototype` and
 * `Object.prototype`) becomes `undefined`, so validation refuses it. Non-arrays are returned as they are.
 */
export function ownElements<T>(value: T): T {
  if (!Array.isArray(value)) return value;
  const copy: unknown[] = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) copy[i] = Object.hasOwn(value, i) ? (value[i] as unknown) : undefined;
  return copy as T;
}
