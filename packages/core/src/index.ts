/**
 * @hushlog/core: one redaction policy, compiled once, for objects, JSON and free text.
 * @packageDocumentation
 */
export { createRedactor, redact, type Redactor } from './redactor.js';
export type { Finding, LimitHits } from './walk/walker.js';
export {
  LinePipeline,
  LineAuditPipeline,
  LineFlag,
  DEFAULT_MAX_LINE_BYTES,
  emptyLineStats,
  addLineStats,
  overLongMarker,
  WITHHELD_JSON_LINE,
  WITHHELD_TEXT_LINE,
  type LinePipelineOptions,
  type LineAuditVisitor,
  type LineStats,
} from './line/index.js';
export { PolicyError } from './policy/errors.js';
export type { ResolvedPolicy, ResolvedCensor, ResolvedDetector, ResolvedLimits } from './policy/resolved.js';
/** `runWithSecrets` opens a request scope; `currentSecrets` reads it, for adapters that redact an entry after the scope (winston's deferred writes). */
export { runWithSecrets, currentSecrets } from './secrets/known-secrets.js';
export {
  requestScope,
  withRequestScope,
  fastifyRequestScope,
  koaRequestScope,
  type RequestScopeOptions,
  type RequestScopeMiddleware,
  type KoaRequestScopeMiddleware,
  type FastifyRequestScopePlugin,
  type FastifyScopeInstance,
  type ScopeRequest,
} from './scope/index.js';
export { normalizeKey } from './match/normalize.js';
export { parsePath, toPinoPath, type PathSegment } from './match/path-parse.js';
export {
  DEFAULT_KEYS,
  DEFAULT_WEAK_KEYS,
  DEFAULT_NOT_WEAK_KEYS,
  DEFAULT_KEY_EXCEPTIONS,
  DEFAULT_HEADERS,
  DEFAULT_QUERY_KEYS,
  DEFAULT_WEAK_QUERY_KEYS,
  DEFAULT_CENSOR,
  DEFAULT_LABEL,
  DEFAULT_LIMITS,
} from './policy/defaults.js';
export { BUILTIN_DETECTORS } from './detect/index.js';
export type { DetectorDefinition } from './detect/types.js';
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
