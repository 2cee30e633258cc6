import { runWithSecrets } from '../secrets/known-secrets.js';
import { collectRequestSecrets, type ScopeRequest } from './collect.js';
import type { ScopeConfig } from './options.js';

/**
 * Runs `fn` in the request's scope: with its sensitive values known to every hushlog redactor, so
 * they are scrubbed from every line logged while the request is handled. A request that carries
 * none runs `fn` as it is.
 */
export function runInRequestScope<T>(req: ScopeRequest, config: ScopeConfig, fn: () => T): T {
  const values = collectRequestSecrets(req, config);
  return values.length === 0 ? fn() : runWithSecrets(values, fn);
}
