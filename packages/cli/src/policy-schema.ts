/**
 * Validation of a policy file against the published JSON Schema (policy.schema.json), with Ajv.
 * The schema is the one contract for the JSON form: a document it refuses is refused here with
 * the field named, and a test holds it to what `createRedactor` accepts.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Class, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import schema from '../policy.schema.json' with { type: 'json' };

/** The published schema, as shipped in the package (`@hushlog/cli/policy.schema.json`). */
export const POLICY_SCHEMA: Readonly<Record<string, unknown>> = schema;

let validator: ValidateFunction | null = null;

/**
 * The compiled schema, made on first use. Ajv itself is loaded then too: it takes about 40 ms to
 * load, which every run of the command paid, with a policy file or not.
 */
function validate(): ValidateFunction {
  if (validator !== null) return validator;
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class };
  // unicode: false counts string lengths in UTF-16 units, as the library does (`char.length === 1`).
  // Ajv calls that option deprecated (it still honours it) and says so on stderr; the schema is
  // ours and its warnings are for us, so they are not written into a user's run.
  const quiet = { log() {}, warn() {}, error: console.error };
  validator = new Ajv2020({ allErrors: true, verbose: true, strict: true, unicode: false, logger: quiet }).compile(schema);
  return validator;
}

/** A JSON pointer (`/customDetectors/0/pattern`) as a policy field name (`customDetectors[0].pattern`). */
export function fieldOf(pointer: string): string {
  let field = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    field += /^\d+$/.test(part) ? `[${part}]` : field === '' ? part : `.${part}`;
  }
  return field;
}

/** What a schema error says about the field, in the words the library's PolicyError uses. */
function problemOf(err: ErrorObject, siblings: readonly ErrorObject[]): string {
  const parent = err.parentSchema as { properties?: Record<string, unknown> } | undefined;
  switch (err.keyword) {
    case 'additionalProperties': {
      const known = Object.keys(parent?.properties ?? {}).filter((k) => k !== '$schema');
      return `is not a ${placeOf(err.instancePath)} (expected one of ${known.join(', ')})`;
    }
    case 'propertyNames':
      return `is not a built-in detector (known: ${((parent as { propertyNames?: { enum?: string[] } }).propertyNames?.enum ?? []).join(', ')})`;
    case 'type': {
      const types = [...new Set(siblings.filter((e) => e.keyword === 'type').map((e) => String(e.params.type)))];
      const words = types.map((t) =>
        t === 'object' ? 'an object' : t === 'array' ? 'an array' : t === 'integer' ? 'an integer' : `a ${t}`,
      );
      return `must be ${words.join(' or ')}`;
    }
    case 'const':
    case 'enum': {
      const allowed = siblings
        .filter((e) => e.keyword === 'const' || e.keyword === 'enum')
        .flatMap((e) => (e.keyword === 'const' ? [e.params.allowedValue] : (e.params.allowedValues as unknown[])));
      return `must be one of ${[...new Set(allowed)].map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(err.data)})`;
    }
    default:
      return err.message ?? 'is not valid';
  }
}

/** Names the kind of field that an object at `pointer` holds, for "is not a … field". */
function placeOf(pointer: string): string {
  if (pointer === '') return 'policy field';
  if (pointer === '/limits') return 'limit field';
  if (/^\/customDetectors\/\d+$/.test(pointer)) return 'custom detector field';
  if (pointer.endsWith('censor')) return 'censor field';
  return 'field here';
}

/** A schema error, chosen and worded for a person: the field it names, and what is wrong there. */
export interface SchemaProblem {
  /** The policy field at fault, such as `customDetectors[0].flags` (`''` for the document). */
  readonly field: string;
  /** What is wrong, such as `must be an integer` or `is not a policy field (expected …)`. */
  readonly problem: string;
}

/**
 * Validates a parsed policy file against policy.schema.json. Returns null when it conforms, or
 * the one problem to report: the deepest field at fault, so that among the branches of a censor
 * (a string, or one of the censor objects) the branch the document meant is the one named.
 */
export function schemaProblem(json: unknown): SchemaProblem | null {
  const check = validate();
  if (check(json)) return null;
  const errors = (check.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  if (errors.length === 0) return { field: '', problem: 'does not match the policy schema' };
  const target = (e: ErrorObject) =>
    e.keyword === 'additionalProperties'
      ? `${e.instancePath}/${String(e.params.additionalProperty)}`
      : e.keyword === 'propertyNames'
        ? `${e.instancePath}/${String(e.params.propertyName)}`
        : e.instancePath;
  const depth = (e: ErrorObject) => target(e).split('/').length;
  // Deepest first; at equal depth, a constraint on a value beats "wrong type" or "another branch's constant".
  const weight = (e: ErrorObject) => (e.keyword === 'type' || e.keyword === 'const' ? 0 : e.keyword === 'additionalProperties' ? 1 : 2);
  const best = [...errors].sort((a, b) => depth(b) - depth(a) || weight(b) - weight(a))[0] as ErrorObject;
  const siblings = errors.filter((e) => target(e) === target(best));
  return { field: fieldOf(target(best)), problem: problemOf(best, siblings) };
}
