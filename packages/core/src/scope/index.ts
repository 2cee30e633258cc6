/**
 * Request scopes with no wiring: middleware for Express/Connect, Fastify and Koa, and a wrapper
 * for `node:http` listeners, each running the request in a `runWithSecrets` scope that knows the
 * request's sensitive values.
 */
export { requestScope, type RequestScopeMiddleware } from './express.js';
export { withRequestScope } from './node-http.js';
export { fastifyRequestScope, type FastifyRequestScopePlugin, type FastifyScopeInstance } from './fastify.js';
export { koaRequestScope, type KoaRequestScopeMiddleware } from './koa.js';
export type { RequestScopeOptions } from './options.js';
export type { ScopeRequest } from './collect.js';
