import type { KeyMatcher } from '../match/keys.js';
import { compilePolicy } from '../policy/compile.js';
import type { Policy } from '../policy/types.js';

/** The name tables of a policy that decide which request values are secrets. */
export interface PolicyTables {
  /** Sensitive header names; null when the policy has none. */
  readonly headers: KeyMatcher | null;
  /** Sensitive key names, which the redactor also applies inside header containers. */
  readonly keys: KeyMatcher;
  /** Sensitive URL query parameter names; null when the policy has none (or `query` is off). */
  readonly queryKeys: KeyMatcher | null;
}

/**
 * Reads the header, key and query tables of a policy. This is the one place the request scope
 * reads the compiled policy, so it follows whatever the redactor itself censors.
 */
export function policyTables(policy: Policy | undefined): PolicyTables {
  const { headers, keys, queryKeys } = compilePolicy(policy);
  return { headers, keys, queryKeys };
}
