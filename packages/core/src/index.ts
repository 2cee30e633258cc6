/**
 * @hushlog/core: one redaction policy, compiled once, for objects, JSON and free text.
 * @packageDocumentation
 */
export { createRedactor, redact, type Redactor } from './redactor.js';
export type { Finding } from './walk/walker.js';
export { PolicyError } from './policy/errors.js';
/** `runWithSecrets` opens a request scope; `currentSecrets` reads it, for adapters that redact an entry after the scope (winston's deferred writes). */
export { runWithSecrets, currentSecrets } from './secrets/known-secrets.js';
export { normalizeKey } from './match/normalize.js';
export { DEFAULT_KEYS, DEFAULT_HEADERS, DEFAULT_QUERY_KEYS, DEFAULT_CENSOR, DEFAULT_LABEL, DEFAULT_LIMITS } from './policy/defaults.js';
export { BUILTIN_DETECTORS } from './detect/index.js';
export type { DetectorDefinition } from './text/types.js';
export type {
  Policy,
  Censor,
  CensorContext,
  CensorFunction,
  ReplaceCensor,
  RemoveCensor,
  MaskCensor,
  HmacCensor,
  Limits,
  DetectorSetting,
  CustomDetector,
} from './policy/types.js';
