import type { ScopeRequest } from './collect.js';
import { compileScopeOptions, type RequestScopeOptions } from './options.js';
import { runInRequestScope } from './run.js';

/** A Koa middleware that runs the downstream middleware in the request's scope. */
export type KoaRequestScopeMiddleware = (ctx: { readonly req: ScopeRequest }, next: () => Promise<unknown>) => Promise<unknown>;

/**
 * Koa middleware: the downstream middleware runs in a scope that knows the request's sensitive
 * values (read from `ctx.req`), so every line logged meanwhile has them scrubbed. Put it first.
 * Throws a PolicyError for bad options, when it is made.
 *
 * @example
 * app.use(koaRequestScope());
 */
export function koaRequestScope(options?: RequestScopeOptions): KoaRequestScopeMiddleware {
  const config = compileScopeOptions(options);
  return function hushlogRequestScope(ctx, next) {
    return runInRequestScope(ctx.req, config, next);
  };
}
