/** The line pipeline: splitting, caps, bad-input flags and counts around a compiled redactor. */
export { DEFAULT_MAX_LINE_BYTES, LineFlag } from './flags.js';
export { LinePipeline, LineAuditPipeline, type LinePipelineOptions, type LineAuditVisitor } from './pipeline.js';
export { emptyLineStats, addLineStats, type LineStats } from './stats.js';
export { overLongMarker, WITHHELD_JSON_LINE, WITHHELD_TEXT_LINE } from './markers.js';
