/**
 * @hushlog/winston: hushlog for winston 3. A logform format, {@link redactFormat}, and a wrapper for
 * any winston transport, {@link RedactingTransport}. Both translate winston's info objects into
 * calls on one compiled `@hushlog/core` redactor and never write to the caller's objects.
 * @packageDocumentation
 */
export { redactFormat, RedactFormat } from './format.js';
export { RedactingTransport, type RedactingTransportOptions, type WinstonTransport } from './transport.js';
export { CENSORED_ENTRY } from './info.js';
