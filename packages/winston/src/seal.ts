/**
 * Proof that an entry is still exactly what a hushlog format returned, so that a
 * RedactingTransport with the same policy need not redact it again. A format placed later may
 * have added `{ password }` to it, or written into one of its nested objects: the transport
 * redacts unless the entry is unchanged at every depth. When in doubt (a getter, a Map, a class
 * instance, a cycle, too large an entry), there is no proof and the entry is redacted again.
 */

/** The content of an entry at every depth: each container, its own keys and their values, in walk order. */
export type Seal = readonly unknown[];

/** Entries larger than this (containers plus properties) are not sealed: redacting again is cheaper than proving. */
const MAX_ITEMS = 4096;
/** Nesting deeper than this is not sealed (it also stops a cycle). */
const MAX_DEPTH = 32;

/** The seal of `entry` as it is now, or null when it cannot be proven unchanged later. */
export function sealOf(entry: object): Seal | null {
  const items: unknown[] = [];
  return record(entry, items, 0) ? items : null;
}

/** True when `entry` is, at every depth, what it was when `seal` was taken. */
export function isUnchanged(entry: object, seal: Seal): boolean {
  const now = sealOf(entry);
  if (now === null || now.length !== seal.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== seal[i]) return false;
  return true;
}

function record(container: object, items: unknown[], depth: number): boolean {
  if (depth > MAX_DEPTH || !isPlain(container)) return false;
  const keys = Reflect.ownKeys(container);
  items.push(container, keys.length);
  for (const key of keys) {
    const descriptor = Reflect.getOwnPropertyDescriptor(container, key);
    if (descriptor === undefined || !('value' in descriptor)) return false; // an accessor may answer differently next time
    const value: unknown = descriptor.value;
    items.push(key, value);
    if (items.length > MAX_ITEMS) return false;
    if (value !== null && typeof value === 'object' && !record(value, items, depth + 1)) return false;
    if (typeof value === 'function') return false; // its own properties and source are out of sight
  }
  return true;
}

/** Plain objects and arrays hold all their state in own properties; a Map, Date or class instance does not. */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
