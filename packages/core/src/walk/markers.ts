/** Visible markers that replace values the walker will not emit as they are. */
export const MARKERS = {
  circular: '[Circular]',
  maxDepth: '[MaxDepth]',
  maxNodes: '[MaxNodes]',
  /** The key under which a truncated object records what was left out. */
  truncatedKey: '[truncated]',
} as const;

/** The marker for a string over the length limit. */
export function tooLong(length: number): string {
  return `[TooLong: ${length} chars]`;
}

/** The marker for binary data, whose content is never logged. */
export function binary(kind: string, bytes: number): string {
  return `[${kind}: ${bytes} bytes]`;
}
