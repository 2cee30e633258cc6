import { KeyMatcher } from '../match/keys.js';
import { normalizeKey } from '../match/normalize.js';
import { PolicyError } from '../policy/errors.js';
import type { Policy } from '../policy/types.js';
import { policyTables, type PolicyTables } from './policy-tables.js';

/**
 * What a request scope takes from each request. Every field is optional; the defaults follow the
 * policy (the default policy when none is given).
 */
export type RequestScopeOptions = {
  /**
   * Extra header names whose values are taken, on top of the policy's headers and key names
   * (any case; `x-` prefixes and separators are ignored, as in the policy's `headers`).
   */
  readonly headers?: readonly string[];
  /** Take cookie values that look like secrets (default true). */
  readonly cookies?: boolean;
  /** Take the values of sensitive URL query parameters (default true). */
  readonly query?: boolean;
  /** Values shorter than this are not taken (default 8). */
  readonly minLength?: number;
  /** The policy whose header, key and query lists decide what is sensitive (default: the default policy). */
  readonly policy?: Policy;
};

/** The default for `minLength`: shorter values are too likely to occur by chance in other text. */
export const DEFAULT_MIN_LENGTH = 8;

/** Request scope options checked and compiled once, when the middleware is made. */
export interface ScopeConfig {
  readonly tables: PolicyTables;
  /** The extra header names of the options; null when there are none. */
  readonly extraHeaders: KeyMatcher | null;
  readonly cookies: boolean;
  readonly query: boolean;
  readonly minLength: number;
}

const FIELDS = new Set(['headers', 'cookies', 'query', 'minLength', 'policy']);

function flag(value: unknown, field: string): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') throw new PolicyError(`requestScope.${field}`, 'must be true or false');
  return value;
}

/** Normalises a header name as the policy does, keeping `*` wildcards. */
function headerName(name: unknown, index: number): string {
  if (typeof name !== 'string' || name.replace(/\*/g, '') === '')
    throw new PolicyError(`requestScope.headers[${index}]`, 'must be a header name');
  return name
    .split('*')
    .map((part) => (part === '' ? '' : normalizeKey(part)))
    .join('*');
}

/**
 * Checks request scope options and compiles them, with the policy's tables. Throws a PolicyError
 * naming the bad field (`requestScope.minLength`, or a policy field). Fields named in `ignore`
 * are passed over (Fastify hands a plugin its `register` options, such as `prefix`).
 */
export function compileScopeOptions(options: RequestScopeOptions | undefined, ignore: readonly string[] = []): ScopeConfig {
  const o: RequestScopeOptions = options ?? {};
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new PolicyError('requestScope', 'options must be an object');
  for (const field of Object.keys(o))
    if (!FIELDS.has(field) && !ignore.includes(field))
      throw new PolicyError(`requestScope.${field}`, `is not an option (expected one of ${[...FIELDS].join(', ')})`);
  const own = (field: keyof RequestScopeOptions): unknown => (Object.prototype.hasOwnProperty.call(o, field) ? o[field] : undefined);

  const headers = own('headers');
  if (headers !== undefined && !Array.isArray(headers)) throw new PolicyError('requestScope.headers', 'must be an array of header names');
  const extra = ((headers ?? []) as unknown[]).map(headerName);

  const minLength = own('minLength') ?? DEFAULT_MIN_LENGTH;
  if (typeof minLength !== 'number' || !Number.isInteger(minLength) || minLength < 1)
    throw new PolicyError('requestScope.minLength', 'must be a positive integer');

  return {
    tables: policyTables(own('policy') as Policy | undefined),
    extraHeaders: extra.length > 0 ? new KeyMatcher(extra, [], 'header') : null,
    cookies: flag(own('cookies'), 'cookies'),
    query: flag(own('query'), 'query'),
    minLength,
  };
}
