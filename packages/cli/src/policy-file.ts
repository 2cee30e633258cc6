/**
 * Policy files: the library's own `Policy` schema written as JSON (see policy.schema.json). Two
 * things differ from the TypeScript form, because JSON has no functions or RegExps: `keys` are
 * strings only (with `*` wildcards), and a custom detector's `pattern` is a string source with an
 * optional `flags` string. A file is first validated against the published schema (with Ajv),
 * then by `createRedactor` itself, for what a schema cannot say (path syntax, a pattern RE2 can run).
 */
import { readFileSync } from 'node:fs';
import { createRedactor, PolicyError, type CustomDetector, type Policy } from '@hushlog/core';
import { schemaProblem } from './policy-schema.js';

/** A custom detector as written in a policy file. */
export interface JsonCustomDetector {
  /** The rule name, shown in labels: `[REDACTED:name]`. */
  readonly name: string;
  /** The RegExp source, e.g. `"\\bot_[a-z0-9]{24}\\b"`. It runs on RE2, in linear time. */
  readonly pattern: string;
  /** RegExp flags such as `"i"` (`g` is always added). */
  readonly flags?: string;
  /** Lower-case literals; the pattern only runs on text that holds one of them. */
  readonly keywords?: readonly string[];
  /** A censor for this detector's matches only. */
  readonly censor?: Policy['censor'];
}

/** A policy as written in a JSON file: `Policy` without functions or RegExps. */
export interface JsonPolicy extends Omit<Policy, 'keys' | 'customDetectors'> {
  /** The JSON Schema this file follows; ignored. */
  readonly $schema?: string;
  /** Sensitive key names, with `*` wildcards (no RegExps in JSON). */
  readonly keys?: readonly string[];
  /** User-defined detectors, with string patterns. */
  readonly customDetectors?: readonly JsonCustomDetector[];
}

/** A policy file that cannot be read, parsed or validated. `field` names the bad field when there is one. */
export class PolicyFileError extends Error {
  /** The policy field at fault, such as `customDetectors[0].pattern`, or `''` for the file as a whole. */
  readonly field: string;

  constructor(message: string, field = '', options?: ErrorOptions) {
    super(message, options);
    this.name = 'PolicyFileError';
    this.field = field;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Refuses what JSON can name but not express (a `validate` function), before the schema's generic word. */
function refuseFunctions(json: Record<string, unknown>): void {
  const detectors = json.customDetectors;
  if (!Array.isArray(detectors)) return;
  detectors.forEach((d, i) => {
    if (isObject(d) && Object.hasOwn(d, 'validate'))
      throw new PolicyFileError(
        `customDetectors[${i}].validate cannot be written in JSON (it is a function)`,
        `customDetectors[${i}].validate`,
      );
  });
}

/**
 * Converts a parsed JSON policy into a `Policy` and validates it: against policy.schema.json
 * first, then with `createRedactor`. Throws a `PolicyFileError` that names the field.
 */
export function policyFromJson(json: unknown): Policy {
  if (!isObject(json)) throw new PolicyFileError('the policy must be a JSON object', 'policy');
  refuseFunctions(json);
  const problem = schemaProblem(json);
  if (problem !== null)
    throw new PolicyFileError(`${problem.field === '' ? 'the policy' : problem.field} ${problem.problem}`, problem.field);
  const policy = toPolicy(json as JsonPolicy);
  try {
    createRedactor(policy);
  } catch (err) {
    if (err instanceof PolicyError)
      throw new PolicyFileError(err.message.replace(/^Invalid hushlog policy: /, ''), err.field, { cause: err });
    throw err;
  }
  return policy;
}

/** The `Policy` for a document the schema accepted: each custom detector's pattern becomes a RegExp. */
function toPolicy(json: JsonPolicy): Policy {
  const { $schema: _schema, customDetectors, ...rest } = json;
  if (customDetectors === undefined) return rest as Policy;
  return { ...rest, customDetectors: customDetectors.map((d, i) => customDetector(d, `customDetectors[${i}]`)) } as Policy;
}

function customDetector(d: JsonCustomDetector, field: string): CustomDetector {
  let pattern: RegExp;
  try {
    pattern = new RegExp(d.pattern, d.flags ?? '');
  } catch (err) {
    throw new PolicyFileError(`${field}.pattern is not a valid regular expression: ${(err as Error).message}`, `${field}.pattern`, {
      cause: err,
    });
  }
  const { flags: _flags, ...others } = d;
  return { ...others, pattern };
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * The offset of the first JSON syntax error in `text` (Node 20's JSON.parse messages do not always
 * say where). A small recursive-descent scan; policy files are small.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (m === null) fail();
      else i += m[0].length;
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1;
  }
}

/** Parses policy JSON text, with the line and column of a syntax error. */
export function parsePolicyText(text: string): Policy {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    const at = jsonErrorOffset(body);
    const where = at >= 0 ? ` at ${lineColumn(body, at)}` : '';
    throw new PolicyFileError(`not valid JSON${where}: ${(err as Error).message}`);
  }
  return policyFromJson(json);
}

/** Reads and validates a JSON policy file. Throws a `PolicyFileError` whose message starts with the file name. */
export function loadPolicyFile(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PolicyFileError(`${file}: cannot read the policy file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return parsePolicyText(text);
  } catch (err) {
    if (err instanceof PolicyFileError) throw new PolicyFileError(`${file}: ${err.message}`, err.field, { cause: err });
    throw err;
  }
}
