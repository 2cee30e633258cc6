import type { IncomingMessage, ServerResponse } from 'node:http';
import { compileScopeOptions, type RequestScopeOptions } from './options.js';
import { runInRequestScope } from './run.js';

/**
 * Wraps a `node:http` (or `node:https`) request listener so that each request is handled in a
 * scope that knows its sensitive values: every line logged while the listener and its async work
 * run has them scrubbed. `this` and the return value pass through.
 * Throws a PolicyError for bad options, when it is made.
 *
 * @example
 * http.createServer(withRequestScope((req, res) => handle(req, res)));
 */
export function withRequestScope<Req extends IncomingMessage, Res extends ServerResponse, R>(
  listener: (this: unknown, req: Req, res: Res) => R,
  options?: RequestScopeOptions,
): (this: unknown, req: Req, res: Res) => R {
  const config = compileScopeOptions(options);
  return function hushlogRequestScope(this: unknown, req: Req, res: Res): R {
    return runInRequestScope(req, config, () => listener.call(this, req, res));
  };
}
