/** The default cap on the bytes kept of one line: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1_048_576;

/** What the line pipeline noticed about one line: bits, 0 for an ordinary line. */
export const LineFlag = {
  /** The line held invalid UTF-8 (or, as text, a lone surrogate); it was decoded with U+FFFD replacement characters. */
  InvalidUtf8: 1,
  /** The line held NUL bytes (binary data); it was processed as text. */
  Binary: 2,
  /** The line was longer than the cap: only its head was read into memory and redacted, the rest censored. */
  OverLong: 4,
  /** The last line of the input had no final newline (a truncated file, a killed writer). */
  Unterminated: 8,
  /** A limit of the policy (depth, nodes, string length) replaced part of the line by its marker. */
  Limited: 16,
} as const;
