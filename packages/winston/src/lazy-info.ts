/**
 * The info that `redactJson()` returns when it wrote the line in one pass: `[MESSAGE]` (the line)
 * and `[LEVEL]` are there at once; the other fields are the redacted copy that `redactFormat()`
 * would return, made the first time anything reads, lists, writes or deletes one of them.
 *
 * winston's transports read `[LEVEL]`, `[MESSAGE]` and `exception` of every entry, so for them
 * the copy is never made. A transport that reads the fields (an HTTP or database transport, a
 * transport with a format of its own, which `Object.assign`s the info) gets the redacted copy.
 * Fields the entry does not have read as absent without making the copy (only the markers a
 * redaction adds, such as a key whose name was censored, are not seen that way: listing the keys
 * makes the copy and shows them).
 *
 * A Proxy, so that listing the keys (`Object.keys`, `for…in`, `Object.assign`, `JSON.stringify`)
 * makes the copy first and never shows a key name the redaction would censor. Once made, the copy's
 * fields are on the Proxy's own target, so `util.inspect` shows them too. `structuredClone` and
 * `postMessage` refuse a Proxy: a transport that clones entries needs `redactFormat()` + `json()`.
 */
import type { Info } from './info.js';
import { LEVEL, MESSAGE } from './symbols.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** The Proxy handler of one entry: it makes the redacted copy once, onto the target. */
class LazyEntry implements ProxyHandler<Info> {
  private made = false;

  /**
   * @param source the info as the format received it (read, never written)
   * @param copy makes the redacted copy of `source` (`redactInfo`); called at most once
   */
  constructor(
    private readonly source: Info,
    private copy: (() => Info) | null,
  ) {}

  /** Puts the redacted copy's fields on the target; the line already there stays. */
  private make(target: Info): void {
    if (this.made) return;
    this.made = true;
    const make = this.copy!;
    this.copy = null;
    const line = target[MESSAGE];
    const real = make();
    // as defined on the copy (an own `__proto__` key stays a key, and is never the prototype)
    for (const key of Reflect.ownKeys(real)) Reflect.defineProperty(target, key, Reflect.getOwnPropertyDescriptor(real, key)!);
    target[MESSAGE] = line;
  }

  /** True when reading `key` needs the copy: a field of the entry, or anything once the copy is made. */
  private needs(key: string | symbol): boolean {
    if (this.made) return false;
    if (typeof key === 'symbol') return key !== LEVEL && key !== MESSAGE;
    return hasOwn.call(this.source, key);
  }

  get(target: Info, key: string | symbol, receiver: unknown): unknown {
    if (this.needs(key)) this.make(target);
    return Reflect.get(target, key, receiver);
  }

  has(target: Info, key: string | symbol): boolean {
    if (this.needs(key)) this.make(target);
    return Reflect.has(target, key);
  }

  getOwnPropertyDescriptor(target: Info, key: string | symbol): PropertyDescriptor | undefined {
    if (this.needs(key)) this.make(target);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  ownKeys(target: Info): (string | symbol)[] {
    this.make(target);
    return Reflect.ownKeys(target);
  }

  set(target: Info, key: string | symbol, value: unknown, receiver: unknown): boolean {
    this.make(target);
    return Reflect.set(target, key, value, receiver);
  }

  defineProperty(target: Info, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.make(target);
    return Reflect.defineProperty(target, key, descriptor);
  }

  preventExtensions(target: Info): boolean {
    // (a frozen or sealed entry could no longer take the copy's fields)
    this.make(target);
    return Reflect.preventExtensions(target);
  }

  deleteProperty(target: Info, key: string | symbol): boolean {
    this.make(target);
    return Reflect.deleteProperty(target, key);
  }
}

/**
 * An info whose `[MESSAGE]` is `line` and whose other fields are `copy()`, made when first needed
 * (see the module comment).
 * @param source the info the format received
 * @param line the finished JSON line
 * @param copy makes the redacted copy of `source`, as `redactFormat()` returns it
 */
export function lazyInfo(source: Info, line: string, copy: () => Info): Info {
  const target: Info = { [MESSAGE]: line };
  if (hasOwn.call(source, LEVEL)) target[LEVEL] = source[LEVEL];
  return new Proxy(target, new LazyEntry(source, copy));
}
