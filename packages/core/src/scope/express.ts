import type { ScopeRequest } from './collect.js';
import { compileScopeOptions, type RequestScopeOptions } from './options.js';
import { runInRequestScope } from './run.js';

/** An Express or Connect middleware that runs the rest of the request in its scope. */
export type RequestScopeMiddleware = (req: ScopeRequest, res: unknown, next: () => void) => void;

/**
 * Express and Connect middleware: the rest of the request (later middleware, the route, its
 * async work) runs in a scope that knows the request's sensitive values, so every line logged
 * meanwhile has them scrubbed, by any hushlog redactor or adapter. Put it first.
 * Throws a PolicyError for bad options, when it is made.
 *
 * @example
 * app.use(requestScope());
 * app.use(express.json());
 * app.use(pinoHttp({ logger }));
 */
export function requestScope(options?: RequestScopeOptions): RequestScopeMiddleware {
  const config = compileScopeOptions(options);
  return function hushlogRequestScope(req, _res, next) {
    runInRequestScope(req, config, () => next());
  };
}
