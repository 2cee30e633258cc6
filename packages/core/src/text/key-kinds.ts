/**
 * What a key found in free text says about the value after it: not sensitive, a secret, a weak
 * name whose value must look like a secret, or a kind of personal data whose value must look like
 * that data (`not an email: hello-world` and GraphQL's `$email: String` are kept). Verdicts are
 * cached per raw key.
 */
import { detachString, type KeyVerdict } from '../match/keys.js';
import { normalizeKey } from '../match/normalize.js';

export type { KeyVerdict } from '../match/keys.js';

/** Not a sensitive key. */
export const KEY_NONE = 0;
/** A secret: the value goes unless it is a placeholder or prose. */
export const KEY_SECRET = 1;
/** A weak name (`key`, `signingKey`): the value goes when it looks like a generic secret. */
export const KEY_WEAK = 2;
/** A weak password name (`pass`, `pwd`): the value goes when it looks like a password. */
export const KEY_WEAK_PASSWORD = 3;
/** An email key: the value goes when it holds `@` (or `%40`). */
export const KEY_EMAIL = 4;
/** A phone key: the value goes when it holds six digits or more. */
export const KEY_PHONE = 5;
/** An IP address key: the value goes when it holds a digit and a `.` or `:`. */
export const KEY_ADDRESS = 6;
/** A card, IBAN, SSN, PIN or one-time code key: the value goes when it holds a digit. */
export const KEY_DIGITS = 7;
/** `Authorization`: the whole line is the value; its scheme word stays. */
export const KEY_AUTHORIZATION = 8;
/** `Cookie`, `Set-Cookie`: the whole line is the value (cookie lists hold `; `). */
export const KEY_COOKIE = 9;

const DIGIT_KEYS = new Set(['iban', 'ssn', 'socialsecuritynumber', 'cvv', 'cvc', 'cvv2', 'pin', 'otp', 'otpcode', 'mfacode', 'totp']);

/** The kind of a key, from the predicate's verdict and the key's normalised name. */
export function kindOf(rawKey: string, verdict: KeyVerdict): number {
  if (verdict === false) return KEY_NONE;
  const name = normalizeKey(rawKey);
  if (verdict === 'weak') return name.endsWith('pass') || name.endsWith('pwd') ? KEY_WEAK_PASSWORD : KEY_WEAK;
  if (name === 'authorization' || name === 'proxyauthorization') return KEY_AUTHORIZATION;
  if (name.endsWith('cookie')) return KEY_COOKIE;
  if (name.endsWith('email') || name.endsWith('emailaddress')) return KEY_EMAIL;
  if (name.endsWith('phone') || name.endsWith('phonenumber') || name.endsWith('mobilenumber')) return KEY_PHONE;
  if (name === 'ip' || name.endsWith('ipaddress')) return KEY_ADDRESS;
  if (DIGIT_KEYS.has(name) || name.endsWith('cardnumber') || name.endsWith('creditcard')) return KEY_DIGITS;
  return KEY_SECRET;
}

/**
 * Kinds of raw keys, cached by a hash computed while the key is read, so a key seen before costs
 * one array probe and one comparison in place (no substring is made). Direct-mapped and bounded: a
 * colliding key simply replaces the cached one.
 */
export class KeyVerdicts {
  private readonly keys: (string | undefined)[] = new Array<string | undefined>(1024);
  private readonly kinds = new Uint8Array(1024);

  /** @param isSensitiveKey the key predicate, called once per distinct raw key (while cached) */
  constructor(readonly isSensitiveKey: (rawKey: string) => KeyVerdict) {}

  /** The kind (KEY_NONE, KEY_SECRET…) of the key `text[start, end)`, whose `hashKey` is `hash`. */
  kind(text: string, start: number, end: number, hash: number): number {
    const slot = hash & 1023;
    const known = this.keys[slot];
    if (known !== undefined && sameText(text, start, end, known)) return this.kinds[slot] as number;
    // detached: a cached slice of a long text would keep the whole text alive
    const key = detachString(text.slice(start, end));
    const kind = kindOf(key, this.isSensitiveKey(key));
    this.keys[slot] = key;
    this.kinds[slot] = kind;
    return kind;
  }

  /** True when the key `text[start, end)` is sensitive in any way. */
  test(text: string, start: number, end: number, hash: number): boolean {
    return this.kind(text, start, end, hash) !== KEY_NONE;
  }

  /** The kind of a key given as a string. */
  kindOfKey(key: string): number {
    return this.kind(key, 0, key.length, hashKey(key, 0, key.length));
  }

  /** The verdict for a key given as a string. */
  testKey(key: string): boolean {
    return this.kindOfKey(key) !== KEY_NONE;
  }
}

/**
 * True when `text[start, end)` is `word`, compared a character at a time: for the short names of
 * key=value text this is cheaper than a `startsWith` call, which is not inlined.
 */
export function sameText(text: string, start: number, end: number, word: string): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** The hash `KeyVerdicts` uses for `text[start, end)`. */
export function hashKey(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = end - 1; i >= start; i--) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}
