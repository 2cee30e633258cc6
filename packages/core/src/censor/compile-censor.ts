import { createHmac } from 'node:crypto';
import { DEFAULT_CENSOR } from '../policy/defaults.js';
import { PolicyError } from '../policy/errors.js';
import type { Censor, CensorContext } from '../policy/types.js';

/** Returned by a censor that removes the key. */
export const REMOVE: unique symbol = Symbol('hushlog.remove');

/** A compiled censor: the replacement for one secret, or REMOVE. */
export type CompiledCensor = (value: unknown, ctx: CensorContext) => string | typeof REMOVE;

/** Text for values a string censor cannot express (objects under a mask or a hash). */
function textOf(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return null;
  }
}

/** Masks all but the last `keepLast` characters; short values are masked whole. */
function mask(text: string, keepLast: number, char: string): string {
  const keep = text.length >= keepLast * 3 ? keepLast : 0;
  return char.repeat(text.length - keep) + text.slice(text.length - keep);
}

/**
 * Validates and compiles a censor spec. `field` names the policy field for error messages.
 */
export function compileCensor(spec: Censor | undefined, field: string): CompiledCensor {
  if (spec === undefined) return () => DEFAULT_CENSOR;
  if (typeof spec === 'string') return () => spec;
  if (typeof spec === 'function') {
    return (value, ctx) => {
      const out: unknown = spec(value, ctx);
      return typeof out === 'string' ? out : DEFAULT_CENSOR;
    };
  }
  if (typeof spec !== 'object' || spec === null) throw new PolicyError(field, 'must be a string, a function or a censor object');
  switch (spec.type) {
    case 'replace':
      if (typeof spec.text !== 'string') throw new PolicyError(`${field}.text`, 'must be a string');
      return () => spec.text;
    case 'remove':
      return () => REMOVE;
    case 'mask': {
      const keepLast = spec.keepLast ?? 4;
      const char = spec.char ?? '*';
      if (!Number.isInteger(keepLast) || keepLast < 0) throw new PolicyError(`${field}.keepLast`, 'must be a non-negative integer');
      if (typeof char !== 'string' || char.length !== 1) throw new PolicyError(`${field}.char`, 'must be a single character');
      return (value) => {
        const text = textOf(value);
        return text === null ? DEFAULT_CENSOR : mask(text, keepLast, char);
      };
    }
    case 'hmac': {
      const { key } = spec;
      const length = spec.length ?? 16;
      if (typeof key !== 'string' || key.length < 16)
        throw new PolicyError(`${field}.key`, 'must be a secret string of at least 16 characters (unkeyed hashing is refused)');
      if (!Number.isInteger(length) || length < 8 || length > 64)
        throw new PolicyError(`${field}.length`, 'must be an integer from 8 to 64');
      return (value) => {
        const text = textOf(value);
        if (text === null) return DEFAULT_CENSOR;
        return `hmac:${createHmac('sha256', key).update(text).digest('hex').slice(0, length)}`;
      };
    }
    default:
      throw new PolicyError(
        `${field}.type`,
        `must be 'replace', 'remove', 'mask' or 'hmac' (got ${JSON.stringify((spec as { type?: unknown }).type)})`,
      );
  }
}
