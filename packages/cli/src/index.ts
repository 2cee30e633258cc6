/**
 * @hushlog/cli: the `hushlog` command, and what a program needs to embed it: the command itself
 * (`main`), the redaction and the audit on streams, the policy file reader and the OpenTelemetry
 * export.
 * @packageDocumentation
 */
export { main, ExitCode, type CliIo } from './cli.js';
export {
  redactStream,
  auditStream,
  type ByteSource,
  type NamedSource,
  type ProgressHook,
  type RedactStreamOptions,
  type RedactResult,
  type AuditStreamOptions,
} from './streams.js';
export type { ProcessOptions, AuditOptions, AuditReport, RuleReport, AuditLocation, UnscannedLine, FileReport } from './audit.js';
export type { LineStats } from '@hushlog/core';
export { loadPolicyFile, PolicyFileError, type JsonPolicy, type JsonCustomDetector } from './policy-file.js';
export { exportOtel, type OtelExport, type OtelExportOptions, type ExportedValue, type SkippedRule } from './otel.js';
