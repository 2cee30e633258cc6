import type { ScopeRequest } from './collect.js';
import { compileScopeOptions, type RequestScopeOptions } from './options.js';
import { runInRequestScope } from './run.js';

/** The part of a Fastify instance the plugin uses. */
export interface FastifyScopeInstance {
  addHook(name: 'onRequest', hook: (request: { readonly raw: ScopeRequest }, reply: unknown, done: () => void) => void): unknown;
}

/** The Fastify plugin type of `fastifyRequestScope`, as `app.register` takes it. */
export type FastifyRequestScopePlugin = (instance: FastifyScopeInstance, options: RequestScopeOptions, done: (err?: Error) => void) => void;

/** What Fastify's `register` adds to a plugin's options; not request scope options. */
const REGISTER_OPTIONS = ['prefix', 'logLevel', 'logSerializers'];

function plugin(instance: FastifyScopeInstance, options: RequestScopeOptions, done: (err?: Error) => void): void {
  let config;
  try {
    config = compileScopeOptions(options, REGISTER_OPTIONS);
  } catch (err) {
    return done(err as Error);
  }
  instance.addHook('onRequest', (request, _reply, next) => runInRequestScope(request.raw, config, () => next()));
  done();
}

/**
 * A Fastify plugin: every request (its hooks, body parsing, handler and the lines logged through
 * `request.log` or any other hushlog logger) runs in a scope that knows the request's sensitive
 * values, so they are scrubbed from every line. It applies to the whole app, not only to the
 * plugin's own context (as `fastify-plugin` would make it). Bad options fail `register` with a
 * PolicyError.
 *
 * @example
 * app.register(fastifyRequestScope, { headers: ['x-tenant-key'] });
 */
export const fastifyRequestScope: FastifyRequestScopePlugin = Object.assign(plugin, {
  // What fastify-plugin sets: no encapsulation, so the hook applies to every route of the parent.
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'hushlog-request-scope',
  [Symbol.for('plugin-meta')]: { name: 'hushlog-request-scope', fastify: '>=4.0.0' },
});
