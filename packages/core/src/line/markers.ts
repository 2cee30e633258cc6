/**
 * What the line pipeline writes in place of what it will not emit: the censored tail of an
 * over-long line, and a line that could not be redacted at all.
 */

/** The marker that ends the kept head of an over-long line. */
export function overLongMarker(lineBytes: number): string {
  return `[LineTooLong: rest of a ${lineBytes}-byte line censored]`;
}

/** A JSON line that could not be redacted: withheld, and still valid NDJSON so log shippers keep parsing. */
export const WITHHELD_JSON_LINE = '{"msg":"[hushlog: this log line could not be redacted and was withheld]"}';

/** A text line that could not be redacted. */
export const WITHHELD_TEXT_LINE = '[hushlog: this log line could not be redacted and was withheld]';

/** Characters after which the head of an over-long line may be cut: whitespace and token-ending punctuation. */
const CUT_AFTER = new Set(' \t\r\f\v,;"\'&{}[]()<>|');

/**
 * Cuts the redacted head of an over-long line: drops its last `margin` characters, then goes back
 * to a delimiter. Every secret wholly inside the head has already been replaced, so the cut can
 * only remove text; and a secret that the line cap cut in two (so no detector saw it whole) sits
 * in the dropped tail, unless its visible part is longer than `margin`.
 */
export function cutTail(redactedHead: string, margin: number): string {
  for (let i = redactedHead.length - margin - 1; i >= 0; i--) if (CUT_AFTER.has(redactedHead[i]!)) return redactedHead.slice(0, i + 1);
  return '';
}

/** The tail dropped from an over-long line's redacted head: 1 KiB, or a quarter of a small cap. */
export function cutMargin(maxLineBytes: number): number {
  return Math.min(1024, Math.floor(maxLineBytes / 4));
}

/** The output for the redacted head of an over-long line: cut back to a delimiter, then the marker. */
export function overLongLine(redactedHead: string, lineBytes: number, maxLineBytes: number): string {
  const head = cutTail(redactedHead, cutMargin(maxLineBytes));
  const space = head === '' || /\s/.test(head[head.length - 1]!) ? '' : ' ';
  return head + space + overLongMarker(lineBytes);
}
