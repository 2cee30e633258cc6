import { createRedactor, type Policy, type Redactor } from '@hushlog/core';

let defaultRedactor: Redactor | null = null;
const byPolicy = new WeakMap<Policy, Redactor>();

/**
 * The compiled redactor for a policy: compiled once per policy object and shared, so a
 * `redactFormat(policy)` and a `RedactingTransport({ policy })` given the same policy use one
 * redactor (and the transport can tell that the format already did its work).
 *
 * Throws a `PolicyError` naming the bad field when the policy is not valid; that happens while the
 * logger is being set up, never while logging.
 */
export function redactorFor(policy?: Policy): Redactor {
  if (policy === undefined) return (defaultRedactor ??= createRedactor());
  let redactor = byPolicy.get(policy);
  if (redactor === undefined) {
    redactor = createRedactor(policy);
    byPolicy.set(policy, redactor);
  }
  return redactor;
}
