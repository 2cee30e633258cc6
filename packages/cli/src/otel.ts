/**
 * `hushlog export --to otel`: the policy as OpenTelemetry Collector `redaction` processor
 * configuration. Key names become `blocked_key_patterns`; detector regexes that RE2 can run
 * become `blocked_values`. What the processor cannot do (validators such as Luhn, paths, the
 * in-string key=value rules, censor styles) is listed in comments.
 */
import { createRequire } from 'node:module';
import { BUILTIN_DETECTORS, DEFAULT_HEADERS, DEFAULT_KEYS, normalizeKey, type Policy } from '@hushlog/core';

/** The part of the `re2` package's RE2 class that the export uses. */
export interface Re2Constructor {
  new (pattern: string | RegExp, flags?: string): { readonly internalSource: string };
}

/** One exported value pattern. */
export interface ExportedValue {
  /** The detector name. */
  readonly name: string;
  /** The pattern in RE2 syntax. */
  readonly pattern: string;
  /** Set when the pattern had to be loosened (lookarounds removed): it may mask a little more. */
  readonly note?: string;
}

/** A rule that could not be exported, and why. */
export interface SkippedRule {
  /** What was left out, such as `detector card` or `path req.body.card`. */
  readonly name: string;
  /** Why the processor cannot do it. */
  readonly reason: string;
}

/** The result of an export: the YAML text, and its parts for programs and tests. */
export interface OtelExport {
  /** The configuration, with comments, ready to paste under a Collector config. */
  readonly yaml: string;
  /** RE2 patterns for attribute keys whose values are masked. */
  readonly blockedKeyPatterns: readonly string[];
  /** RE2 patterns for values that are masked, one per exported detector. */
  readonly blockedValues: readonly ExportedValue[];
  /** Attribute keys never redacted (the policy's `allow` names). */
  readonly ignoredKeys: readonly string[];
  /** What could not be exported, and why (also listed in the YAML's comments). */
  readonly skipped: readonly SkippedRule[];
}

/** Options for `exportOtel`. */
export interface OtelExportOptions {
  /** The RE2 class (the `re2` package's default export); loaded from `re2` when left out. */
  readonly re2?: Re2Constructor;
  /** The processor's name in the generated `processors:` block (default `redaction/hushlog`). */
  readonly processorName?: string;
  /** Text for the first comment line, e.g. which policy file was exported. */
  readonly source?: string;
}

/** Why the validated built-in detectors stay out: a regex alone would mask what hushlog keeps. */
const VALIDATOR_REASONS: Readonly<Record<string, string>> = {
  card: 'Luhn checksum and issuer prefixes',
  iban: 'mod-97 checksum and per-country lengths',
  github: 'CRC-32 checksum in the token',
  jwt: 'the header must decode to a JSON object with "alg"',
  email: 'asset names such as @2x.png are refused',
  ssn: 'issued area, group and serial ranges',
  phone: 'digit count and North American number plan',
  ipv4: 'loopback, netmasks and version strings are refused',
  ipv6: 'address must parse; MAC addresses and times are refused',
  bearer: 'plain words after "Bearer" are refused',
  basic: 'the credential must decode to printable user:password',
  userinfo: 'placeholders and host:port look-alikes are refused',
  slack: 'the token must hold a digit',
};

/** Loads the `re2` package (a native module), with an error that says how to install it. */
export function loadRe2(): Re2Constructor {
  const require = createRequire(import.meta.url);
  try {
    return require('re2') as Re2Constructor;
  } catch (err) {
    throw new Error(`export needs the re2 package to check each regex (npm install re2): ${(err as Error).message}`, { cause: err });
  }
}

/** The key names a policy censors (normalised, `*` wildcards kept): keys and header names, deduplicated. */
function keyNames(policy: Policy): string[] {
  const useDefaults = (policy.preset ?? 'default') === 'default';
  const names = new Set<string>();
  const add = (raw: string) => {
    const n = raw
      .split('*')
      .map((part) => (part === '' ? '' : normalizeKey(part)))
      .join('*');
    if (n.replace(/\*/g, '') !== '') names.add(n);
  };
  for (const k of useDefaults ? DEFAULT_KEYS : []) add(k);
  for (const k of policy.keys ?? []) if (typeof k === 'string') add(k);
  for (const h of useDefaults ? DEFAULT_HEADERS : []) add(h);
  for (const h of policy.headers ?? []) add(h);
  return [...names];
}

function escapeRe2(ch: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * The RE2 pattern for one normalised key name. Attribute keys are flat and dotted
 * (`http.request.header.x-api-key`), so the pattern matches the last dotted segment, in any case,
 * with optional `-`/`_`/space separators between letters and an optional `x-` prefix, as hushlog's
 * own key matching does. A `*` matches any run within the segment.
 */
export function keyPattern(normalized: string): string {
  const body = normalized
    .split('*')
    .map((part) => [...part].map(escapeRe2).join('[-_ ]?'))
    .join('[^.]*');
  return `(?i)(?:^|\\.)(?:x[-_]?)?${body}$`;
}

// ---- JS regex → RE2 ---------------------------------------------------------------------------

/** Index just past the group that opens at `open` (a `(`), honouring escapes and classes. */
function groupEnd(src: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return src.length;
}

const WORD_ITEM = /^(?:\\w|\\d|\w-\w|\w)/;

/** True when a character class body (between the brackets) holds word characters only. */
function wordOnlyClass(body: string): boolean {
  if (body.startsWith('^') || body === '') return false;
  let rest = body;
  while (rest !== '') {
    const m = WORD_ITEM.exec(rest);
    if (m === null) return false;
    const item = m[0];
    if (item.length === 3 && item[1] === '-') {
      const [a, b] = [item[0]!, item[2]!];
      const same = (re: RegExp) => re.test(a) && re.test(b);
      if (!(same(/[a-z]/) || same(/[A-Z]/) || same(/\d/))) return false;
    }
    rest = rest.slice(item.length);
  }
  return true;
}

/** True when the pattern text `before` always ends its match on a word character. */
function endsOnWordChar(before: string): boolean {
  const q = /(?:\{[1-9]\d*(?:,\d*)?\}|\+)$/.exec(before);
  const core = q ? before.slice(0, q.index) : before;
  if (core.endsWith('\\w') || core.endsWith('\\d')) return !core.endsWith('\\\\w') && !core.endsWith('\\\\d');
  if (core.endsWith(']')) {
    const open = core.lastIndexOf('[');
    return open !== -1 && core[open - 1] !== '\\' && wordOnlyClass(core.slice(open + 1, -1));
  }
  const last = core[core.length - 1];
  return last !== undefined && /\w/.test(last) && core[core.length - 2] !== '\\';
}

/** True when the pattern text `after` always starts its match on a word character. */
function startsOnWordChar(after: string): boolean {
  if (after.startsWith('\\w') || after.startsWith('\\d')) return true;
  if (after.startsWith('[')) {
    const close = after.indexOf(']', 1);
    return close !== -1 && wordOnlyClass(after.slice(1, close)) && !/^[?*]|^\{0/.test(after.slice(close + 1));
  }
  return /^\w/.test(after) && !/^.[?*]|^.\{0/.test(after);
}

/** True when a negative lookaround forbids every word character (`\w`, `[\w…]`). */
function forbidsWordChars(inner: string): boolean {
  return inner === '\\w' || (inner.startsWith('[') && !inner.startsWith('[^') && inner.slice(1, -1).includes('\\w'));
}

/**
 * Removes lookarounds, which RE2 lacks. A negative one that forbids word characters next to a word
 * character becomes `\b`; any other is dropped. Either way the new pattern matches everything the
 * old one did, and possibly a little more: it fails towards masking more, never less.
 */
export function withoutLookarounds(src: string): { source: string; changed: boolean } {
  let out = '';
  let changed = false;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    const head = /^\(\?<?[=!]/.exec(src.slice(i, i + 4));
    if (c === '(' && head !== null) {
      const end = groupEnd(src, i);
      const inner = src.slice(i + head[0].length, end - 1);
      const negative = head[0].endsWith('!');
      const behind = head[0].includes('<');
      const boundary = negative && forbidsWordChars(inner) && (behind ? startsOnWordChar(src.slice(end)) : endsOnWordChar(out));
      out += boundary ? '\\b' : '';
      changed = true;
      i = end - 1;
      continue;
    }
    out += c;
  }
  return { source: out, changed };
}

/** Inline RE2 flags for a JS RegExp's flags (`i`, `m`, `s`; `g`, `y`, `u`, `d` do not apply). */
function inlineFlags(flags: string): string {
  const f = [...flags].filter((x) => x === 'i' || x === 'm' || x === 's').join('');
  return f === '' ? '' : `(?${f})`;
}

/**
 * Converts a JS RegExp to RE2 syntax, checked by compiling it with RE2. Returns null when RE2
 * cannot express it even without lookarounds (back-references, for instance).
 */
export function toRe2(re: RegExp, RE2: Re2Constructor): { pattern: string; loosened: boolean } | null {
  const attempt = (source: string): string | null => {
    try {
      const translated = new RE2(source, 'u').internalSource;
      const pattern = inlineFlags(re.flags) + translated;
      new RE2(pattern, 'u'); // the final text itself must compile
      return pattern;
    } catch {
      return null;
    }
  };
  const direct = attempt(re.source);
  if (direct !== null) return { pattern: direct, loosened: false };
  const { source, changed } = withoutLookarounds(re.source);
  if (!changed) return null;
  const loose = attempt(source);
  return loose === null ? null : { pattern: loose, loosened: true };
}

// ---- assembling the config --------------------------------------------------------------------

/** A YAML double-quoted scalar: JSON string syntax is valid YAML. */
function q(text: string): string {
  return JSON.stringify(text);
}

function detectorSetting(policy: Policy, name: string): boolean {
  const s = policy.detectors?.[name];
  if (s === false) return false;
  if (typeof s === 'object' && s !== null && s.enabled === false) return false;
  return true;
}

/**
 * Writes a policy as an OpenTelemetry Collector `redaction` processor configuration (YAML).
 *
 * @example
 * const { yaml } = exportOtel({ keys: ['sessionKey'] });
 * // processors:
 * //   redaction/hushlog:
 * //     allow_all_keys: true
 * //     blocked_key_patterns: [...]
 */
export function exportOtel(policy: Policy = {}, options: OtelExportOptions = {}): OtelExport {
  const RE2 = options.re2 ?? loadRe2();
  const useDefaults = (policy.preset ?? 'default') === 'default';
  const blockedKeyPatterns = keyNames(policy).map(keyPattern);
  const blockedValues: ExportedValue[] = [];
  const skipped: SkippedRule[] = [];

  const detectors: { name: string; pattern: RegExp; validated: boolean }[] = [];
  if (useDefaults)
    for (const d of BUILTIN_DETECTORS)
      if (detectorSetting(policy, d.name))
        // a validator that only refuses placeholders may be left behind: the pattern alone masks more, never less
        detectors.push({ name: d.name, pattern: d.pattern, validated: d.validate !== undefined && d.validatorRefinesOnly !== true });
  for (const d of policy.customDetectors ?? [])
    detectors.push({ name: d.name, pattern: d.pattern, validated: typeof d.validate === 'function' });

  for (const d of detectors) {
    if (d.validated) {
      skipped.push({ name: `detector ${d.name}`, reason: `needs its validator (${VALIDATOR_REASONS[d.name] ?? 'a function'})` });
      continue;
    }
    const converted = toRe2(d.pattern, RE2);
    if (converted === null) skipped.push({ name: `detector ${d.name}`, reason: 'its regex cannot be written in RE2 syntax' });
    else
      blockedValues.push({
        name: d.name,
        pattern: converted.pattern,
        ...(converted.loosened ? { note: 'lookarounds removed or turned into \\b: may also mask inside longer words' } : {}),
      });
  }
  if (useDefaults) {
    if (detectorSetting(policy, 'kv')) skipped.push({ name: 'kv', reason: 'key=value inside strings is code, not one regex' });
    if (detectorSetting(policy, 'query')) skipped.push({ name: 'query', reason: 'sensitive URL query parameters are code, not one regex' });
  }
  for (const p of policy.paths ?? []) skipped.push({ name: `path ${p}`, reason: 'the processor has flat attribute keys, not JSON paths' });
  for (const k of policy.keys ?? [])
    if (k instanceof RegExp) skipped.push({ name: `key ${String(k)}`, reason: 'RegExp keys are not exported' });

  const ignoredKeys = (policy.allow ?? []).filter((a) => !a.includes('.') && !a.includes('['));
  for (const a of policy.allow ?? [])
    if (a.includes('.') || a.includes('[')) skipped.push({ name: `allow ${a}`, reason: 'allowed paths are not exported' });
  if (policy.censor !== undefined || policy.label !== undefined)
    skipped.push({ name: 'censor', reason: 'the processor always masks with ****' });

  const name = options.processorName ?? 'redaction/hushlog';
  const lines: string[] = [
    `# OpenTelemetry Collector redaction processor configuration, generated by \`hushlog export --to otel\``,
    `# from ${options.source ?? 'the default policy'}. Add "${name}" to a pipeline's processors.`,
    '# blocked_key_patterns: hushlog key and header names, matched on the last dotted segment of an attribute key.',
    '# blocked_values: detector regexes in RE2 syntax (each one compiled with RE2 before it was written).',
  ];
  if (skipped.length > 0) {
    lines.push('#', '# Not exported (the processor cannot do these; hushlog does):');
    for (const s of skipped) lines.push(`#   - ${s.name}: ${s.reason}`);
  }
  lines.push('processors:', `  ${name}:`, '    allow_all_keys: true');
  lines.push(blockedKeyPatterns.length > 0 ? '    blocked_key_patterns:' : '    blocked_key_patterns: []');
  for (const p of blockedKeyPatterns) lines.push(`      - ${q(p)}`);
  lines.push(blockedValues.length > 0 ? '    blocked_values:' : '    blocked_values: []');
  for (const v of blockedValues) {
    lines.push(`      # ${v.name}${v.note ? ` (${v.note})` : ''}`);
    lines.push(`      - ${q(v.pattern)}`);
  }
  if (ignoredKeys.length > 0) {
    lines.push('    ignored_keys:');
    for (const k of ignoredKeys) lines.push(`      - ${q(k)}`);
  }
  lines.push('    summary: info', '');
  return { yaml: lines.join('\n'), blockedKeyPatterns, blockedValues, ignoredKeys, skipped };
}
