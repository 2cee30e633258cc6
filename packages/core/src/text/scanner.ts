// TEMPORARY STUB written by the lead so the engine compiles; the detectors helper replaces this file.
import type { DetectorDefinition, TextScanner } from './types.js';
/** Options for compileTextScanner. */
export interface TextScannerOptions {
  detectors: readonly DetectorDefinition[];
  isSensitiveKey: ((rawKey: string) => boolean) | null;
  isSensitiveQueryKey: ((rawKey: string) => boolean) | null;
}
/** Compiles the scanner. */
export function compileTextScanner(_options: TextScannerOptions): TextScanner | null {
  return null;
}
