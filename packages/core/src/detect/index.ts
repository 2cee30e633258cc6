// TEMPORARY STUB written by the lead so the engine compiles; the detectors helper replaces this file.
import type { DetectorDefinition } from '../text/types.js';
/** The built-in detectors. */
export const BUILTIN_DETECTORS: readonly DetectorDefinition[] = [];
