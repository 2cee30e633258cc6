import { compilePolicy, type CompiledPolicy } from './policy/compile.js';
import type { Policy } from './policy/types.js';
import { currentSecrets } from './secrets/known-secrets.js';
import { createWalker, type RedactorStats, type Walker } from './walk/walker.js';

/** A compiled policy, ready for the hot path. Create it once and reuse it for every log line. */
export interface Redactor {
  /** A redacted, JSON-safe copy of `value`. The input is never mutated; untouched subtrees are shared. Never throws. */
  redact<T>(value: T): unknown;
  /** The JSON text of the redacted value: the fast path for loggers. Never throws. */
  stringify(value: unknown): string;
  /** Redacts free text (a log message, an error string, a line that is not JSON). Never throws. */
  redactString(text: string): string;
  /** Internal failures so far; each one censored the affected value instead of emitting it. */
  readonly errorCount: number;
}

class CompiledRedactor implements Redactor {
  private readonly stats: RedactorStats = { errors: 0 };
  private readonly walker: Walker;
  /** For path-only policies: a walker that visits everything, used when the fast walk is not JSON-safe. */
  private safeWalker: Walker | null = null;

  constructor(private readonly compiled: CompiledPolicy) {
    this.walker = createWalker(compiled, this.stats);
  }

  get errorCount(): number {
    return this.stats.errors;
  }

  private walkerFor(): Walker {
    return this.walker.busy ? createWalker(this.compiled, this.stats) : this.walker;
  }

  redact<T>(value: T): unknown {
    return this.walkerFor().run(value, currentSecrets());
  }

  stringify(value: unknown): string {
    const known = currentSecrets();
    const out = this.walkerFor().run(value, known);
    try {
      const json = JSON.stringify(out);
      return json === undefined ? 'null' : json;
    } catch {
      return this.stringifySafely(value, known);
    }
  }

  /** Second chance for values the fast walk left unserializable (BigInt, cycles off the listed paths). */
  private stringifySafely(value: unknown, known: readonly string[] | null): string {
    try {
      this.safeWalker ??= createWalker({ ...this.compiled, pathOnly: false }, this.stats);
      const json = JSON.stringify(this.safeWalker.run(value, known));
      return json === undefined ? 'null' : json;
    } catch {
      this.stats.errors++;
      return JSON.stringify(this.compiled.failText);
    }
  }

  redactString(text: string): string {
    if (typeof text !== 'string') return this.stringify(text);
    return this.walkerFor().runText(text, currentSecrets());
  }
}

/**
 * Compiles a policy into a redactor. Throws a `PolicyError` naming the field when the policy is
 * not valid; never throws afterwards.
 *
 * @example
 * const r = createRedactor({ keys: ['sessionKey'], paths: ['req.body.card'] });
 * r.stringify({ req: { headers: { authorization: 'Bearer abc' } } });
 * // '{"req":{"headers":{"authorization":"Bearer [REDACTED]"}}}'
 */
export function createRedactor(policy?: Policy): Redactor {
  return new CompiledRedactor(compilePolicy(policy));
}

let defaultRedactor: Redactor | null = null;
const cache = new WeakMap<Policy, Redactor>();

/**
 * One-shot redaction: a redacted copy of `value`. Uses a cached default redactor, or a redactor
 * cached per policy object, so repeated calls with the same policy compile it only once.
 */
export function redact<T>(value: T, policy?: Policy): unknown {
  if (policy === undefined) return (defaultRedactor ??= createRedactor()).redact(value);
  let r = cache.get(policy);
  if (r === undefined) cache.set(policy, (r = createRedactor(policy)));
  return r.redact(value);
}
