import { compileCensor, REMOVE, type CompiledCensor } from '../censor/compile-censor.js';
import { CensorOutputs, type CensorOutputSpec } from '../censor/censor-outputs.js';
import { BUILTIN_DETECTORS } from '../detect/index.js';
import { MIN_KNOWN_SECRET_LENGTH } from '../secrets/known-secrets.js';
import { KeyMatcher } from '../match/keys.js';
import { normalizeKey } from '../match/normalize.js';
import { parsePath, type PathSegment } from '../match/path-parse.js';
import { PathAutomaton, type PathState } from '../match/path-trie.js';
import { compileTextScanner } from '../text/scanner.js';
import type { DetectorDefinition, TextScanner } from '../text/types.js';
import {
  DEFAULT_CENSOR,
  DEFAULT_HEADERS,
  DEFAULT_KEY_EXCEPTIONS,
  DEFAULT_KEYS,
  DEFAULT_LABEL,
  DEFAULT_LIMITS,
  DEFAULT_NOT_WEAK_KEYS,
  DEFAULT_QUERY_KEYS,
  DEFAULT_WEAK_KEYS,
  DEFAULT_WEAK_QUERY_KEYS,
} from './defaults.js';
import { PolicyError } from './errors.js';
import { LinearRegExp } from './linear-regexp.js';
import { ownElements, ownFields } from './own.js';
import { freezeResolved, type ResolvedCensor, type ResolvedPolicy } from './resolved.js';
import type { Censor, CustomDetector, Policy } from './types.js';

/** The policy compiled once into lookup tables, a path trie, censors and a text scanner. */
export interface CompiledPolicy {
  /**
   * Sensitive key names at any depth, which also marks header-container keys (`headers`,
   * `rawHeaders`…) with the CONTAINER verdict, so each key costs one cached lookup.
   */
  readonly keys: KeyMatcher;
  /** Sensitive header names inside header containers; null when there are none. */
  readonly headers: KeyMatcher | null;
  /** Sensitive URL query parameter names; null when there are none. */
  readonly queryKeys: KeyMatcher | null;
  /** Keys that are never redacted; null when there are none. */
  readonly allowKeys: KeyMatcher | null;
  /** The root state of the censored and allowed paths; null when there are none. */
  readonly paths: PathState | null;
  /** The censor for whole values. */
  readonly censor: CompiledCensor;
  /** True when `censor` is a function that needs the path (so a context is built per call). */
  readonly censorWantsContext: boolean;
  /** The replacement for a span found by a detector, by detector name. */
  readonly spanCensor: (secret: string, detector: string, path: () => string) => string;
  /** The free-text scanner (`scanner.empty` when no detector or in-string rule is on). */
  readonly scanner: TextScanner;
  /** What the censors write, recognised when it is read again (never a secret, never a finding). */
  readonly censorOutputs: CensorOutputs;
  /** True when a censor may need the JSON path of the value (so the walker tracks it). */
  readonly trackPath: boolean;
  /**
   * True when no censor is a function: a string's redaction then depends on the string alone
   * (and the record's exact secrets), so a walker may remember it.
   */
  readonly pureCensors: boolean;
  /** True when only paths are configured: subtrees off every path are not visited. */
  readonly pathOnly: boolean;
  /**
   * The shortest text a styled censor keeps (a cookie name, a Set-Cookie attribute value) that is
   * scanned: the built-in detectors need 7 characters (`1.2.3.4`), known secrets 6, echoes 8; a
   * custom detector may match less.
   */
  readonly keptTextMinLength: number;
  /** The replacement used when something fails inside (fail closed). */
  readonly failText: string;
  /**
   * Failures caught inside the text scanner's callbacks (a custom `validate` or a span censor that
   * threw); each one censored its span. Shared by every redactor of this compiled policy.
   */
  readonly failures: { count: number };
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxStringLength: number;
  /** The policy as resolved here, frozen: what adapters read (`redactor.policy`). */
  readonly resolved: ResolvedPolicy;
}

const POLICY_FIELDS = new Set(['preset', 'paths', 'keys', 'headers', 'allow', 'censor', 'label', 'detectors', 'customDetectors', 'limits']);
const LIMIT_FIELDS = new Set(['maxDepth', 'maxNodes', 'maxStringLength']);
const DETECTOR_SETTING_FIELDS = ['enabled', 'censor'];
const CUSTOM_DETECTOR_FIELDS = ['name', 'pattern', 'keywords', 'validate', 'censor'];
/** The fields of each censor object, by type (the JSON Schema lists the same). */
const CENSOR_FIELDS: Readonly<Record<string, readonly string[]>> = {
  replace: ['type', 'text'],
  remove: ['type'],
  mask: ['type', 'keepLast', 'char'],
  hmac: ['type', 'key', 'length'],
};
const IN_STRING_RULES = ['kv', 'query'] as const;
/** Keys whose values are header containers. */
const HEADER_CONTAINER_KEYS = ['headers', 'header', '*headers'];

function stringList(input: unknown, field: string): string[] {
  if (input === undefined) return [];
  const value = ownElements(input);
  if (!Array.isArray(value)) throw new PolicyError(field, 'must be an array of strings');
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v.length === 0) throw new PolicyError(`${field}[${i}]`, 'must be a non-empty string');
  });
  return value as string[];
}

/** Normalises a user key name, keeping `*` wildcards. */
function normalizeName(name: string): string {
  return name
    .split('*')
    .map((part) => (part === '' ? '' : normalizeKey(part)))
    .join('*');
}

function isPathSyntax(entry: string): boolean {
  return entry.includes('.') || entry.includes('[');
}

/** A user pattern on the linear-time engine, or a PolicyError naming `field` and saying why RE2 cannot run it. */
function linearPattern(re: RegExp, flags: string, field: string, what: string): LinearRegExp {
  try {
    return new LinearRegExp(re.source, flags);
  } catch (err) {
    throw new PolicyError(field, `(${what}) ${(err as Error).message}`);
  }
}

const NOT_NULL = 'must not be null (leave the field out for its default)';

/** Refuses a field of `obj` that is not in `allowed`, so a typo (`keeplast`) is caught at setup. */
function onlyFields(obj: object, allowed: readonly string[], field: string, what: string): void {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key)) throw new PolicyError(`${field}.${key}`, `is not a ${what} field (expected one of ${allowed.join(', ')})`);
}

/** A censor spec read through its own properties, with its fields checked against its type. */
function censorSpec(spec: unknown, field: string): Censor | undefined {
  const own = ownFields(spec) as Censor | undefined;
  if (typeof own === 'object' && own !== null && !Array.isArray(own)) {
    const allowed = CENSOR_FIELDS[String((own as { type?: unknown }).type)];
    if (allowed !== undefined) onlyFields(own, allowed, field, `'${String((own as { type?: unknown }).type)}' censor`);
    for (const [key, value] of Object.entries(own)) if (value === null) throw new PolicyError(`${field}.${key}`, NOT_NULL);
  }
  return own;
}

/** Refuses a detector pattern that matches the empty string: it would match at every offset of every text. */
function nonEmptyMatch(re: LinearRegExp, field: string): LinearRegExp {
  re.lastIndex = 0;
  const empty = re.exec('') !== null;
  re.lastIndex = 0;
  if (empty) throw new PolicyError(field, `matches the empty string (${String(re)}), so it would match everywhere`);
  return re;
}

function positiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new PolicyError(field, 'must be a positive integer');
  return value;
}

function compileCustomDetector(
  input: CustomDetector,
  field: string,
  failures: { count: number },
): DetectorDefinition & { censor?: Censor } {
  const d = ownFields(input);
  if (typeof d !== 'object' || d === null || Array.isArray(d))
    throw new PolicyError(field, 'must be an object { name, pattern, keywords?, validate?, censor? }');
  onlyFields(d, CUSTOM_DETECTOR_FIELDS, field, 'custom detector');
  if (typeof d.name !== 'string' || !/^[\w.-]+$/.test(d.name))
    throw new PolicyError(`${field}.name`, 'must be a name of letters, digits, _ . or -');
  if (!(d.pattern instanceof RegExp)) throw new PolicyError(`${field}.pattern`, 'must be a RegExp');
  const keywords = d.keywords === undefined ? undefined : stringList(d.keywords, `${field}.keywords`).map((k) => k.toLowerCase());
  if (d.validate !== undefined && typeof d.validate !== 'function') throw new PolicyError(`${field}.validate`, 'must be a function');
  const flags = d.pattern.flags.includes('g') ? d.pattern.flags.replace('y', '') : d.pattern.flags.replace('y', '') + 'g';
  const userValidate = d.validate;
  // Null prototype: the scanner reads optional fields (prefilter, group…) that a polluted
  // Object.prototype must not supply.
  return Object.assign(Object.create(null) as object, {
    name: d.name,
    ...(keywords ? { keywords } : {}),
    pattern: nonEmptyMatch(linearPattern(d.pattern, flags, `${field}.pattern`, `detector ${JSON.stringify(d.name)}`), `${field}.pattern`),
    ...(userValidate
      ? {
          validate: (m: RegExpExecArray) => {
            try {
              return userValidate(m[0]);
            } catch {
              failures.count++;
              return true; // fail closed: a match we cannot validate is censored
            }
          },
        }
      : {}),
    ...(d.censor !== undefined ? { censor: censorSpec(d.censor, `${field}.censor`) } : {}),
  });
}

/** True when a detector setting or a custom detector has a function censor. */
function functionCensorIn(settings: Policy['detectors'], custom: readonly { censor?: Censor }[]): boolean {
  for (const c of [...detectorSettingCensors(settings), ...custom.map((d) => d.censor)]) if (typeof c === 'function') return true;
  return false;
}

/** The censors given per detector in `detectors: { name: { censor } }`. */
function detectorSettingCensors(settings: Policy['detectors']): unknown[] {
  const out: unknown[] = [];
  for (const setting of Object.values(settings ?? {})) if (typeof setting === 'object' && setting !== null) out.push(setting.censor);
  return out;
}

/** What a policy's censors can write: its texts, its label and the hmac form, for CensorOutputs. */
function censorOutputSpec(censor: Censor | undefined, label: string, detectorCensors: readonly unknown[]): CensorOutputSpec {
  const texts = [DEFAULT_CENSOR];
  const masks: { char: string; keepLast: number }[] = [];
  let hmac = false;
  for (const c of [censor, ...detectorCensors]) {
    if (typeof c === 'string') texts.push(c);
    else if (typeof c === 'object' && c !== null) {
      const spec = c as { type?: unknown; text?: unknown; length?: unknown };
      if (spec.type === 'replace' && typeof spec.text === 'string') texts.push(spec.text);
      if (spec.type === 'hmac') hmac = true;
      if (spec.type === 'mask') {
        const m = spec as { char?: unknown; keepLast?: unknown };
        masks.push({ char: typeof m.char === 'string' ? m.char : '*', keepLast: typeof m.keepLast === 'number' ? m.keepLast : 4 });
      }
    }
  }
  // Spans get the label only when the censor is plain text; the label is recognised either way.
  return { texts, label, hmac, masks };
}

/**
 * Validates a policy and compiles it. Throws a PolicyError that names the bad field.
 */
export function compilePolicy(input: Policy | undefined): CompiledPolicy {
  // Own properties only, at every level: a polluted Object.prototype must not change the policy.
  const policy: Policy = ownFields(input ?? {});
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw new PolicyError('policy', 'must be an object');
  for (const field of Object.keys(policy)) {
    if (!POLICY_FIELDS.has(field)) throw new PolicyError(field, `is not a policy field (expected one of ${[...POLICY_FIELDS].join(', ')})`);
    if ((policy as Record<string, unknown>)[field] === null) throw new PolicyError(field, NOT_NULL);
  }
  const preset = policy.preset ?? 'default';
  if (preset !== 'default' && preset !== 'none')
    throw new PolicyError('preset', `must be 'default' or 'none' (got ${JSON.stringify(preset)})`);
  const useDefaults = preset === 'default';

  // Paths and allow-list.
  const pathEntries: { source: string; segments: PathSegment[]; allow?: boolean }[] = stringList(policy.paths, 'paths').map(
    (source, i) => ({ source, segments: parsePath(source, `paths[${i}]`) }),
  );
  const allowNames: string[] = [];
  stringList(policy.allow, 'allow').forEach((entry, i) => {
    if (isPathSyntax(entry)) pathEntries.push({ source: entry, segments: parsePath(entry, `allow[${i}]`), allow: true });
    else allowNames.push(normalizeName(entry));
  });

  // Keys.
  if (policy.keys !== undefined && !Array.isArray(policy.keys)) throw new PolicyError('keys', 'must be an array of strings or RegExps');
  const keyNames: string[] = useDefaults ? [...DEFAULT_KEYS] : [];
  const keyRegexps: RegExp[] = [];
  ownElements(policy.keys ?? []).forEach((k, i) => {
    if (k instanceof RegExp) keyRegexps.push(linearPattern(k, k.flags.replace(/[gy]/g, ''), `keys[${i}]`, `key pattern ${String(k)}`));
    else if (typeof k === 'string' && normalizeName(k).replace(/\*/g, '') !== '') keyNames.push(normalizeName(k));
    else throw new PolicyError(`keys[${i}]`, 'must be a key name, a `*` pattern or a RegExp');
  });

  const headerNames = [...(useDefaults ? DEFAULT_HEADERS : []), ...stringList(policy.headers, 'headers')].map(normalizeName);

  // Censors.
  const censor = compileCensor(censorSpec(policy.censor, 'censor'), 'censor');
  const label = policy.label ?? DEFAULT_LABEL;
  if (typeof label !== 'string') throw new PolicyError('label', 'must be a string such as "[REDACTED:{rule}]"');

  // Detectors.
  const builtinNames = new Set(BUILTIN_DETECTORS.map((d) => d.name));
  const settings = ownFields(policy.detectors ?? {});
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
    throw new PolicyError('detectors', 'must be an object keyed by detector name');
  const detectorCensors = new Map<string, CompiledCensor>();
  const disabled = new Set<string>();
  for (const [name, rawSetting] of Object.entries(settings)) {
    const setting = ownFields(rawSetting);
    const field = `detectors.${name}`;
    if (!builtinNames.has(name) && !(IN_STRING_RULES as readonly string[]).includes(name) && name !== 'userinfo')
      throw new PolicyError(field, `is not a built-in detector (known: ${[...builtinNames, ...IN_STRING_RULES].join(', ')})`);
    if (typeof setting === 'boolean') {
      if (!setting) disabled.add(name);
    } else if (typeof setting === 'object' && setting !== null && !Array.isArray(setting)) {
      onlyFields(setting, DETECTOR_SETTING_FIELDS, field, 'detector setting');
      if (setting.enabled !== undefined && typeof setting.enabled !== 'boolean')
        throw new PolicyError(`${field}.enabled`, 'must be a boolean');
      if (setting.enabled === false) disabled.add(name);
      if (setting.censor !== undefined)
        detectorCensors.set(name, compileCensor(censorSpec(setting.censor, `${field}.censor`), `${field}.censor`));
    } else throw new PolicyError(field, 'must be a boolean or { enabled?, censor? }');
  }
  if (policy.customDetectors !== undefined && !Array.isArray(policy.customDetectors))
    throw new PolicyError('customDetectors', 'must be an array');
  const failures = { count: 0 };
  const custom = ownElements(policy.customDetectors ?? []).map((d, i) => compileCustomDetector(d, `customDetectors[${i}]`, failures));
  for (const d of custom)
    if (d.censor !== undefined) detectorCensors.set(d.name, compileCensor(d.censor, `customDetectors.${d.name}.censor`));
  const detectors: DetectorDefinition[] = [...(useDefaults ? BUILTIN_DETECTORS.filter((d) => !disabled.has(d.name)) : []), ...custom];

  // Limits.
  const limits = ownFields(policy.limits ?? {});
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) throw new PolicyError('limits', 'must be an object');
  for (const field of Object.keys(limits))
    if (!LIMIT_FIELDS.has(field)) throw new PolicyError(`limits.${field}`, 'is not a limit (maxDepth, maxNodes, maxStringLength)');

  const hasKeys = keyNames.length + keyRegexps.length > 0;
  // weak names and the built-in exceptions come with the default lists
  const weak = useDefaults ? { weak: DEFAULT_WEAK_KEYS, except: DEFAULT_KEY_EXCEPTIONS, notWeak: DEFAULT_NOT_WEAK_KEYS } : {};
  const keys = new KeyMatcher(keyNames, keyRegexps, 'key', headerNames.length > 0 ? HEADER_CONTAINER_KEYS : [], weak);
  const headers = headerNames.length > 0 ? new KeyMatcher(headerNames, [], 'header') : null;
  const allowKeys = allowNames.length > 0 ? new KeyMatcher(allowNames, [], 'allow') : null;
  const queryKeys = useDefaults
    ? new KeyMatcher([...keyNames, ...DEFAULT_QUERY_KEYS], keyRegexps, 'query', [], {
        weak: [...DEFAULT_WEAK_KEYS, ...DEFAULT_WEAK_QUERY_KEYS],
        except: DEFAULT_KEY_EXCEPTIONS,
        notWeak: DEFAULT_NOT_WEAK_KEYS,
      })
    : hasKeys
      ? keys
      : null;
  const censorOutputs = new CensorOutputs(
    censorOutputSpec(policy.censor, label, [...detectorSettingCensors(settings), ...custom.map((d) => d.censor)]),
  );
  const scanner = compileTextScanner({
    censorOutputs,
    detectors,
    isSensitiveKey: hasKeys && !disabled.has('kv') ? (k) => keys.verdict(k) : null,
    isSensitiveQueryKey: queryKeys && !disabled.has('query') ? (k) => queryKeys.verdict(k) : null,
  });

  const censorWantsContext = typeof policy.censor === 'function';
  const plainText = typeof policy.censor === 'string' || policy.censor === undefined;
  const labels = new Map<string, string>();
  const spanCensor = (secret: string, detector: string, path: () => string): string => {
    const own = detectorCensors.get(detector);
    if (own === undefined && plainText) {
      let text = labels.get(detector);
      if (text === undefined) {
        text = label.split('{rule}').join(detector);
        if (labels.size < 1024) labels.set(detector, text);
      }
      return text;
    }
    let out: string | typeof REMOVE;
    try {
      out = (own ?? censor)(secret, { rule: `detector:${detector}`, path: path() });
    } catch {
      // fail closed: a censor that throws hides the span with the default text, and is counted
      failures.count++;
      return DEFAULT_CENSOR;
    }
    return typeof out === 'string' ? out : '';
  };

  const paths = new PathAutomaton(pathEntries).root;
  const pathOnly = !hasKeys && headers === null && scanner.empty && allowKeys === null;
  const resolvedLimits = {
    maxDepth: positiveInt(limits.maxDepth, 'limits.maxDepth', DEFAULT_LIMITS.maxDepth),
    maxNodes: positiveInt(limits.maxNodes, 'limits.maxNodes', DEFAULT_LIMITS.maxNodes),
    maxStringLength: positiveInt(limits.maxStringLength, 'limits.maxStringLength', DEFAULT_LIMITS.maxStringLength),
  };
  const resolved = freezeResolved({
    preset,
    keys: [...new Set(keyNames)],
    keyPatterns: keyRegexps,
    headers: [...new Set(headerNames)],
    headerContainers: headerNames.length > 0 ? HEADER_CONTAINER_KEYS.map(normalizeName) : [],
    queryKeys: useDefaults ? DEFAULT_QUERY_KEYS.map(normalizeName) : [],
    allowKeys: allowNames,
    paths: pathEntries.filter((e) => e.allow !== true).map((e) => e.source),
    allowPaths: pathEntries.filter((e) => e.allow === true).map((e) => e.source),
    detectors: detectors.map((d) => ({
      name: d.name,
      builtin: !custom.includes(d as (typeof custom)[number]),
      pattern: d.pattern,
      // a validator that only refuses placeholders does not count: the pattern alone masks more, never less
      validated: d.validate !== undefined && d.validatorRefinesOnly !== true,
      keywords: d.keywords ?? [],
    })),
    rules: { kv: hasKeys && !disabled.has('kv'), query: queryKeys !== null && !disabled.has('query') },
    censor: resolvedCensor(censorSpec(policy.censor, 'censor')),
    label,
    limits: resolvedLimits,
    pathsOnly: pathOnly,
  });

  return {
    keys,
    headers,
    allowKeys,
    queryKeys: disabled.has('query') ? null : queryKeys,
    paths,
    censor,
    censorWantsContext,
    spanCensor,
    scanner,
    censorOutputs,
    pathOnly,
    keptTextMinLength: custom.length > 0 ? 3 : MIN_KNOWN_SECRET_LENGTH,
    trackPath: censorWantsContext || [...detectorCensors.keys()].length > 0 || typeof policy.censor === 'object',
    pureCensors: !censorWantsContext && !functionCensorIn(settings, custom),
    failText: typeof policy.censor === 'string' ? policy.censor : DEFAULT_CENSOR,
    failures,
    ...resolvedLimits,
    resolved,
  };
}

/** A validated censor spec, as `ResolvedPolicy.censor` describes it. */
function resolvedCensor(spec: Censor | undefined): ResolvedCensor {
  if (spec === undefined) return { type: 'text', text: DEFAULT_CENSOR };
  if (typeof spec === 'string') return { type: 'text', text: spec };
  if (typeof spec === 'function') return { type: 'function' };
  switch (spec.type) {
    case 'replace':
      return { type: 'text', text: spec.text };
    case 'remove':
      return { type: 'remove' };
    case 'mask':
      return { type: 'mask', keepLast: spec.keepLast ?? 4, char: spec.char ?? '*' };
    default:
      return { type: 'hmac', length: spec.length ?? 16 };
  }
}
