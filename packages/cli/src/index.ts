/**
 * @hushlog/cli: the `hushlog` command, and the streaming functions behind it.
 * @packageDocumentation
 */
export { main, ExitCode, HELP, type CliIo } from './cli.js';
export {
  redactStream,
  auditStream,
  type ByteSource,
  type NamedSource,
  type ProgressHook,
  type RedactStreamOptions,
  type AuditStreamOptions,
} from './streams.js';
export {
  RedactingProcessor,
  Auditor,
  emptyStats,
  overLongMarker,
  cutTail,
  type LineStats,
  type ProcessOptions,
  type AuditOptions,
  type AuditReport,
  type RuleReport,
  type AuditLocation,
  type UnscannedLine,
  type FileReport,
} from './process.js';
export { LineSplitter, LineFlag, DEFAULT_MAX_LINE_BYTES, utf8Boundary, type LineHandler } from './lines.js';
export {
  loadPolicyFile,
  parsePolicyText,
  policyFromJson,
  jsonErrorOffset,
  PolicyFileError,
  type JsonPolicy,
  type JsonCustomDetector,
} from './policy-file.js';
export {
  exportOtel,
  keyPattern,
  toRe2,
  withoutLookarounds,
  type OtelExport,
  type OtelExportOptions,
  type ExportedValue,
  type SkippedRule,
} from './otel.js';
export { formatAuditText, formatAuditJson, formatBadInput } from './report.js';
export { ProgressBar, type ProgressStream } from './progress.js';
