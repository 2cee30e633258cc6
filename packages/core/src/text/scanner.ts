/**
 * The free-text scanner: finds secrets inside strings with value detectors, sensitive `key=value`
 * pairs and sensitive URL query parameters, then writes the redacted string once.
 *
 * Per call: the string's character facts pick the built-in candidates, one search over all
 * keywords decides whether keyword-gated detectors are candidates at all, and each candidate's
 * prefilter (and own keyword check, on a text lower-cased at most once) decides whether its
 * pattern runs; candidate patterns run as global regexes from offset 0; spans from every source
 * are merged (see `applySpans`). Clean text costs one shared character profile, one keyword
 * search when the policy has keyword detectors, and a few `indexOf` calls.
 */
import { QUESTION, TextProfile } from '../detect/facts.js';
import { KEY_VALUE_FACTS, KeyVerdicts, scanKeyValues, type KeyVerdict } from './keyvalue.js';
import { keySpan } from './assignment.js';
import { scanQuery } from './query.js';
import { SpanList, applySpans } from './spans.js';
import type { CensorOutputs } from '../censor/censor-outputs.js';
import type { DetectorDefinition, ScanSession, SecretSpans, SpanSink, TextScanner } from './types.js';
import { LinearRegExp } from '../policy/linear-regexp.js';

/** What the scanner looks for. */
export interface TextScannerOptions {
  /** Enabled detectors (built-in and custom), in priority order. */
  readonly detectors: readonly DetectorDefinition[];
  /**
   * Decides whether a key in `key=value` text is sensitive (`'weak'`: only when its value looks
   * like a secret); null turns key=value scanning off.
   */
  readonly isSensitiveKey: ((rawKey: string) => KeyVerdict) | null;
  /** Decides whether a URL query parameter is sensitive (or weak); null turns query scanning off. */
  readonly isSensitiveQueryKey: ((rawKey: string) => KeyVerdict) | null;
  /**
   * The policy's censor outputs: a span that lies inside one (a rule that read `[REDACTED:kv]` or
   * `hmac:…` as a value) is dropped, so redacting redacted text changes nothing. Null: none known.
   */
  readonly censorOutputs?: CensorOutputs | null;
}

const CANDIDATE_SLOT_BITS = 8;
const CANDIDATE_SLOTS = 1 << CANDIDATE_SLOT_BITS;
/** A bit above every fact, set in a candidate-cache key when the keyword search hit. */
const KEYWORD_HIT = 1 << 30;

/** The detector name reported for values of sensitive keys in free text. */
export const KEY_VALUE_DETECTOR = 'kv';

/** The detector name reported for sensitive URL query parameter values. */
export const QUERY_DETECTOR = 'query';

interface CompiledDetector {
  readonly name: string;
  readonly pattern: RegExp;
  readonly prefilter: DetectorDefinition['prefilter'];
  readonly keywords: readonly string[] | undefined;
  readonly validate: DetectorDefinition['validate'];
  readonly group: number;
  /** The group ends at the match end, so its start is computed and no `d` flag is needed. */
  readonly groupAtEnd: boolean;
  /** For built-ins: short-string facts of which the prefilter needs one (-1: unknown, always ask). */
  readonly mask: number;
  /** For built-ins: short-string facts the prefilter needs all of. */
  readonly requires: number;
}

/** An own field of a detector definition: never one a polluted Object.prototype supplies. */
function own<K extends keyof DetectorDefinition>(d: DetectorDefinition, key: K): DetectorDefinition[K] | undefined {
  return Object.hasOwn(d, key) ? d[key] : undefined;
}

function compileDetector(d: DetectorDefinition): CompiledDetector {
  const group = own(d, 'group') ?? 0;
  const groupAtEnd = group > 0 && own(d, 'groupEndsAtMatchEnd') === true;
  let flags = d.pattern.flags.replace('y', '');
  if (!flags.includes('g')) flags += 'g';
  if (group > 0 && !groupAtEnd && !flags.includes('d')) flags += 'd';
  const keywords = own(d, 'keywords')
    ?.map((k) => k.toLowerCase())
    .filter((k) => k !== '');
  return {
    name: d.name,
    // A user pattern keeps its linear-time engine (policy/linear-regexp.ts); it already has `g`.
    pattern: d.pattern instanceof LinearRegExp ? d.pattern : new RegExp(d.pattern.source, flags),
    prefilter: own(d, 'prefilter'),
    keywords: keywords !== undefined && keywords.length > 0 ? keywords : undefined,
    validate: own(d, 'validate'),
    group,
    groupAtEnd,
    mask: own(d, 'anyFacts') ?? -1,
    requires: own(d, 'allFacts') ?? 0,
  };
}

function accepts(validate: NonNullable<DetectorDefinition['validate']>, match: RegExpExecArray, profile: TextProfile): boolean {
  try {
    return validate(match, profile) !== false;
  } catch {
    return true; // fail closed
  }
}

function hasKeyword(lower: string, keywords: readonly string[]): boolean {
  for (const k of keywords) if (lower.includes(k)) return true;
  return false;
}

/**
 * One case-insensitive search for every keyword of every detector, so that a string holding none
 * of them (the common case) costs one native scan however many keyword detectors the policy has.
 * Null when no detector has keywords. A hit is only a hint: each detector then checks its own
 * keywords on the lower-cased text, as before. Any non-ASCII character is a hit too (Unicode case
 * folding and `toLowerCase` can disagree there), so the hint never hides a keyword that
 * `hasKeyword` would see. Also null when the keywords are too many or too long for one regex
 * (V8 refuses very long literals, and only when the regex first runs): each keyword detector then
 * checks its own keywords on every string, as it did before the hint existed.
 */
function keywordHint(detectors: readonly CompiledDetector[]): RegExp | null {
  const all = new Set<string>();
  let chars = 0;
  for (const d of detectors) {
    for (const k of d.keywords ?? []) {
      if (all.has(k)) continue;
      all.add(k);
      chars += k.length;
    }
  }
  if (all.size === 0 || all.size > MAX_HINT_KEYWORDS || chars > MAX_HINT_CHARS) return null;
  const escaped = [...all].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  try {
    const hint = new RegExp(`${escaped.join('|')}|[^\\0-\\x7f]`, 'i');
    hint.test(''); // compiles it now, so a refusal shows here and not on the logging path
    return hint;
  } catch {
    return null;
  }
}

/** Beyond these, the keyword hint is not built (see keywordHint). */
const MAX_HINT_KEYWORDS = 4096;
const MAX_HINT_CHARS = 65536;

/** Runs one detector's pattern over the text and adds the accepted spans. */
function runDetector(d: CompiledDetector, text: string, spans: SpanList, profile: TextProfile): void {
  const re = d.pattern;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (d.validate !== undefined && !accepts(d.validate, m, profile)) continue;
    if (d.group === 0) spans.add(m.index, m.index + m[0].length, d.name);
    else if (d.groupAtEnd) {
      const secret = m[d.group];
      const end = m.index + m[0].length;
      if (secret !== undefined) spans.add(end - secret.length, end, d.name);
    } else {
      const at = m.indices?.[d.group];
      if (at !== undefined) spans.add(at[0], at[1], d.name);
    }
  }
  re.lastIndex = 0;
}

/** Adds a span for every occurrence of every exact secret (known secrets, echoes) in `text`. */
function addSecretSpans(text: string, secrets: SecretSpans, spans: SpanList): void {
  const { values, rules } = secrets;
  for (let i = 0; i < values.length; i++) {
    const secret = values[i] as string;
    if (secret.length > text.length) continue;
    let at = text.indexOf(secret);
    if (at === -1 || !secrets.admits(i)) continue;
    while (at !== -1) {
      spans.add(at, at + secret.length, rules[i] as string);
      at = text.indexOf(secret, at + secret.length);
    }
  }
}

/** Drops the spans that lie inside a censor output (the value a rule read was already censored). */
function dropCensored(text: string, spans: SpanList, outputs: CensorOutputs): void {
  const { starts, ends, names } = spans;
  let kept = 0;
  for (let i = 0; i < spans.size; i++) {
    const start = starts[i] as number;
    const end = ends[i] as number;
    if (outputs.covers(text, start, end)) continue;
    starts[kept] = start;
    ends[kept] = end;
    names[kept] = names[i] as string;
    kept++;
  }
  spans.size = kept;
}

/**
 * Compiles a scanner for the given detectors and key matchers. With none of them, its sessions
 * only scrub exact secrets (known secrets, echoes) and never profile a string.
 */
export function compileTextScanner(options: TextScannerOptions): TextScanner {
  const detectors = options.detectors.map(compileDetector);
  const isSensitiveKey = options.isSensitiveKey;
  const isSensitiveQueryKey = options.isSensitiveQueryKey;
  const outputs = options.censorOutputs ?? null;
  const empty = detectors.length === 0 && isSensitiveKey === null && isSensitiveQueryKey === null;

  const verdicts = isSensitiveKey === null ? null : new KeyVerdicts(isSensitiveKey);
  const queryVerdicts = isSensitiveQueryKey === null ? null : new KeyVerdicts(isSensitiveQueryKey);
  // The detectors that can match a short string, by its facts: most strings have no candidate.
  // Only the facts some detector looks at pick the list, and the lists sit in a small
  // direct-mapped cache (a slot holds the last facts that hashed there), which is cheaper than a
  // Map lookup per string.
  let relevant = 0;
  for (const d of detectors) relevant |= d.mask === -1 ? 0 : d.mask | d.requires;
  // Detectors gated by keywords join the candidates only when the one keyword search hits.
  const anyKeyword = keywordHint(detectors);
  const unkeyed = anyKeyword === null ? detectors : detectors.filter((d) => d.keywords === undefined);
  const slotFacts = new Int32Array(CANDIDATE_SLOTS).fill(-1);
  const slotLists: (readonly CompiledDetector[])[] = new Array<readonly CompiledDetector[]>(CANDIDATE_SLOTS).fill(detectors);
  const candidatesFor = (facts: number, keywordHit: boolean): readonly CompiledDetector[] => {
    const pool = keywordHit ? detectors : unkeyed;
    if (facts === -1) return pool;
    const key = (facts & relevant) | (keywordHit ? KEYWORD_HIT : 0);
    const slot = Math.imul(key, 0x9e3779b1) >>> (32 - CANDIDATE_SLOT_BITS);
    if (slotFacts[slot] === key) return slotLists[slot] as readonly CompiledDetector[];
    const list = pool.filter((d) => d.mask === -1 || ((key & d.mask) !== 0 && (key & d.requires) === d.requires));
    slotFacts[slot] = key;
    slotLists[slot] = list;
    return list;
  };
  const anyDetectors = detectors.length > 0;

  /** A session: one profile and one span list, reused for every string it scans. */
  function session(): ScanSession {
    const profile = new TextProfile();
    const spans = new SpanList();
    const addKeyValue = (start: number, end: number) => spans.add(start, end, KEY_VALUE_DETECTOR);
    const addQuery = (start: number, end: number) => spans.add(start, end, QUERY_DETECTOR);
    const found = keySpan();
    return {
      profile,
      redact(text: string, sink: SpanSink, secrets: SecretSpans | null = null): string {
        const scrub = secrets !== null && secrets.values.length > 0 && text.length >= secrets.shortest;
        if (empty) {
          if (!scrub) return text;
          spans.clear();
          addSecretSpans(text, secrets, spans);
          return spans.size === 0 ? text : applySpans(text, spans, sink);
        }
        // Exact secrets (known secrets, echoes) go first, before every rule: the rules then read
        // the text with them already replaced, as a second pass would, so a rule can neither cut
        // a secret (a kv value ends at a space, a passphrase does not) nor read its neighbour's
        // edge differently the next time (redacting twice changes nothing).
        if (scrub) {
          spans.clear();
          addSecretSpans(text, secrets, spans);
          if (spans.size > 0) return this.redact(applySpans(text, spans, sink), sink, null);
        }
        profile.reset(text);
        if (text.length < 3) return text;
        // exact facts for short strings (-1 for long ones): built-ins are skipped by their facts
        const facts = profile.facts;
        spans.clear();
        if (anyDetectors) {
          const list = candidatesFor(facts, anyKeyword !== null && anyKeyword.test(text));
          let lower: string | null = null;
          for (let i = 0; i < list.length; i++) {
            const d = list[i] as CompiledDetector;
            if (d.prefilter !== undefined) {
              let pass: boolean;
              try {
                pass = d.prefilter(text, profile);
              } catch {
                pass = true; // a broken prefilter must not hide a secret
              }
              if (!pass) continue;
            }
            if (d.keywords !== undefined) {
              lower ??= text.toLowerCase();
              if (!hasKeyword(lower, d.keywords)) continue;
            }
            runDetector(d, text, spans, profile);
          }
        }
        if (verdicts !== null && (facts & KEY_VALUE_FACTS) !== 0) scanKeyValues(text, verdicts, addKeyValue, profile, found);
        if (queryVerdicts !== null && (facts & QUESTION) !== 0 && (facts !== -1 || text.includes('?'))) {
          scanQuery(text, queryVerdicts, addQuery);
        }
        if (spans.size > 0 && outputs !== null && outputs.mayHold(text)) dropCensored(text, spans, outputs);
        return spans.size === 0 ? text : applySpans(text, spans, sink);
      },
    };
  }

  return { empty, detects: anyDetectors, session };
}
