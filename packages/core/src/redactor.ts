import { compilePolicy, type CompiledPolicy } from './policy/compile.js';
import type { ResolvedPolicy } from './policy/resolved.js';
import type { Policy } from './policy/types.js';
import { currentSecrets } from './secrets/known-secrets.js';
import { createWalker, type Finding, type LimitHits, type RedactorStats, type Walker } from './walk/walker.js';

/** A compiled policy, ready for the hot path. Create it once and reuse it for every log line. */
export interface Redactor {
  /**
   * A redacted, JSON-safe copy of `value`. The input is never mutated; untouched subtrees are
   * shared. Never throws.
   * @param echoes for adapters that redact one record in parts (a logger's bindings, then its
   *   object, then its message): the values censored in earlier parts, scrubbed wherever they
   *   echo in this one; the values this call censors are appended (a value a detector finds whole
   *   too: each part then leaves it to that detector where it appears). Reuse one array per record.
   */
  redact<T>(value: T, echoes?: string[]): unknown;
  /** The JSON text of the redacted value: the fast path for loggers. Never throws. `echoes` as for `redact`. */
  stringify(value: unknown, echoes?: string[]): string;
  /**
   * As `stringify`, with the members of every object in key order, as safe-stable-stringify's
   * deterministic mode (winston's `format.json()`) writes the `redact()` copy: the same bytes, in
   * one pass. Two exceptions: a censor function's non-string result, and (for a paths-only policy)
   * subtrees no path reaches, are written as JSON.stringify writes them, in their own key order.
   * Never throws. `echoes` as for `redact`.
   */
  stringifySorted(value: unknown, echoes?: string[]): string;
  /**
   * The members of the object `stringify(value)` writes, without its braces and each after a
   * comma: `,"a":1,"b":"[REDACTED]"`, or '' for an object with none. For an adapter that writes
   * them into JSON text of its own (a logger's line, a child's bindings): slicing the braces off
   * `stringify`'s text would copy all of it. Null when `value` is not written as an object (an
   * array, a scalar, what its toJSON returns) or its walk failed closed: the caller then has
   * `stringify` or `redact` write it. Never throws. `echoes` as for `redact`.
   */
  stringifyMembers(value: unknown, echoes?: string[]): string | null;
  /** Redacts free text (a log message, an error string, a line that is not JSON). Never throws. `echoes` as for `redact`. */
  redactString(text: string, echoes?: string[]): string;
  /**
   * Redacts one log line: a JSON object or array line structurally (keys, headers, paths and
   * detectors, every occurrence of a duplicate key), anything else as free text. Only the censored
   * values change: a line with nothing to redact comes back as the very same string, and a
   * redacted one keeps its spacing, key order, duplicate keys and big numbers. Never throws.
   * `echoes` as for `redact`: a part of a line (a logger's bindings) passes what earlier parts censored.
   */
  redactLine(line: string, echoes?: string[]): string;
  /** What redaction would hide in `value` (free text when a string): rule and path per finding, never the values. */
  audit(value: unknown): Finding[];
  /** Internal failures so far; each one censored the affected value instead of emitting it. */
  readonly errorCount: number;
  /**
   * Limit markers written so far by every call (audits included), per limit. A live view that is
   * never copied: read a field before and after a call to see which limits that call hit.
   */
  readonly limitHits: Readonly<LimitHits>;
  /**
   * The policy as compiled: frozen, with the defaults merged in, names normalised and limits
   * filled in. Adapters read this rather than re-deriving it from the raw policy.
   */
  readonly policy: ResolvedPolicy;
}

class CompiledRedactor implements Redactor {
  private readonly limits: LimitHits = { maxDepth: 0, maxNodes: 0, maxStringLength: 0 };
  private readonly stats: RedactorStats = { errors: 0, limits: this.limits };
  private readonly walker: Walker;
  /** The audit walker, made once: it records findings instead of keeping the copy. */
  private readonly auditWalker: Walker;
  private readonly auditFindings: Finding[] = [];

  constructor(private readonly compiled: CompiledPolicy) {
    this.walker = createWalker(compiled, this.stats);
    this.auditWalker = createWalker(compiled, { errors: 0, limits: this.limits }, this.auditFindings);
  }

  get policy(): ResolvedPolicy {
    return this.compiled.resolved;
  }

  get limitHits(): Readonly<LimitHits> {
    return this.limits;
  }

  get errorCount(): number {
    return this.stats.errors + this.compiled.failures.count;
  }

  private walkerFor(): Walker {
    return this.walker.busy ? createWalker(this.compiled, this.stats) : this.walker;
  }

  redact<T>(value: T, echoes?: string[]): unknown {
    return this.walkerFor().run(value, currentSecrets(), echoes);
  }

  stringify(value: unknown, echoes?: string[]): string {
    return this.walkerFor().runJson(value, currentSecrets(), echoes);
  }

  stringifySorted(value: unknown, echoes?: string[]): string {
    return this.walkerFor().runSortedJson(value, currentSecrets(), echoes);
  }

  stringifyMembers(value: unknown, echoes?: string[]): string | null {
    return this.walkerFor().runMembersJson(value, currentSecrets(), echoes);
  }

  redactString(text: string, echoes?: string[]): string {
    if (typeof text !== 'string') return this.stringify(text, echoes);
    return this.walkerFor().runText(text, currentSecrets(), echoes);
  }

  redactLine(line: string, echoes?: string[]): string {
    if (typeof line !== 'string') return this.stringify(line, echoes);
    return this.walkerFor().runLine(line, currentSecrets(), echoes);
  }

  audit(value: unknown): Finding[] {
    const findings = this.auditFindings;
    const walker = this.auditWalker.busy ? createWalker(this.compiled, { errors: 0, limits: this.limits }, findings) : this.auditWalker;
    const known = currentSecrets();
    findings.length = 0;
    if (typeof value === 'string') walker.runLine(value, known);
    else walker.run(value, known);
    const result = findings.slice();
    findings.length = 0;
    return result;
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
