/**
 * winston's hidden info fields. triple-beam defines them with `Symbol.for`, so these are the very
 * same symbols that winston, logform and every transport use, without importing triple-beam.
 */

/** The level as logged, before any colouring (`info[LEVEL]`). */
export const LEVEL: unique symbol = Symbol.for('level') as never;
/** The finished log line, set by a finalizing format such as `json()` or `printf()` (`info[MESSAGE]`). */
export const MESSAGE: unique symbol = Symbol.for('message') as never;
/** The extra arguments of `logger.log(level, message, ...args)` (`info[SPLAT]`). */
export const SPLAT: unique symbol = Symbol.for('splat') as never;
