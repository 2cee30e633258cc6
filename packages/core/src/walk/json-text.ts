/**
 * Pieces of JSON text, written the way JSON.stringify writes them. The single-pass serializer
 * uses these so that `stringify` never builds a redacted copy just to serialize it.
 */

import { needsJsonEscape } from '../detect/facts.js';

/** A string as it stands between the quotes of a JSON string literal (itself when it needs no escape). */
export function escapedText(s: string): string {
  return needsJsonEscape(s) ? JSON.stringify(s).slice(1, -1) : s;
}

/** A string as a JSON string literal (the escape check is free for a string the scanner just read). */
export function quote(s: string): string {
  return needsJsonEscape(s) ? JSON.stringify(s) : `"${s}"`;
}

/** A property name as a JSON string literal followed by `:` (a walk caches these: see `WalkContext.keyText`). */
export function quoteKey(k: string): string {
  return `${quote(k)}:`;
}

/** A number as JSON writes it (non-finite numbers become null). */
export function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}
