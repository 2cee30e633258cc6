/**
 * @hushlog/winston: hushlog for winston 3. Logform formats, {@link redactJson} (a drop-in for
 * `format.json()`), {@link redactFormat} (for `printf` and other finalizing formats) and
 * {@link redactSplat} (before `splat()`), and a wrapper for any winston transport,
 * {@link RedactingTransport}. All translate winston's info objects into calls on one compiled
 * `@hushlog/core` redactor and never write to the caller's objects.
 * @packageDocumentation
 */
export { redactFormat, RedactFormat } from './format.js';
export { redactJson, RedactJson, type JsonOptions } from './json.js';
export { redactSplat, RedactSplat } from './splat.js';
export { RedactingTransport, type RedactingTransportOptions, type WinstonTransport } from './transport.js';
export { CENSORED_ENTRY } from './info.js';
