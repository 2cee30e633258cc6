/**
 * Path syntax against the reference: real pino 10 (its `redact` runs on @pinojs/redact), with
 * pino 9.6 (fast-redact) for the paths `nativePaths` hands over. Each row says what pino 10 does
 * with a path and what hushlog does; the test runs both on the same record and compares which
 * keys each one censors.
 */
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createRedactor, PolicyError } from '@hushlog/core';
import { nativeRedactOptions } from '../src/native-paths.js';

const pino9 = createRequire(import.meta.url)('pino-9') as typeof pino;
const CENSOR = 'XX';

/** A record with a key for every path in the table. */
const RECORD = {
  a: { b: 'v', c: 'v', 0: 'v', x: 'v', 'x-y': { b: 'v' }, '`x-y`': { b: 'v' }, 'b c': 'v', 'x.y': 'v', 'it"s': 'v', '': 'v' },
  'a.a': { b: 'v' },
  req: { headers: { 'x-api-key': 'v', cookie: 'v', host: 'h' } },
  'req,headers': { cookie: 'v' },
  list: ['v', 'v'],
  'a*b': 'v',
  deep: { x: { b: 'v' } },
};

/** The dotted paths of every value replaced by CENSOR, sorted. */
function censored(value: unknown): string[] {
  const hits: string[] = [];
  const walk = (v: unknown, at: string[]) => {
    if (v === CENSOR) hits.push(JSON.stringify(at));
    else if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...at, k]);
  };
  walk(value, []);
  return hits.sort();
}

/** What a pino build does with one redact path: the error it throws, or the keys it censors. */
function runPino(build: typeof pino, paths: string[]): { error: string } | { hits: string[] } {
  let line = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      line += String(chunk);
      done();
    },
  });
  let log: pino.Logger;
  try {
    log = build({ redact: { paths, censor: CENSOR }, base: null, timestamp: false }, sink);
  } catch (err) {
    return { error: (err as Error).message };
  }
  log.info(RECORD);
  return { hits: censored(JSON.parse(line)) };
}

/** What hushlog does with one path: the PolicyError, or the keys it censors. */
function runHushlog(path: string): { error: PolicyError } | { hits: string[] } {
  try {
    return { hits: censored(createRedactor({ preset: 'none', paths: [path], censor: CENSOR }).redact(RECORD)) };
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return { error: err as PolicyError };
  }
}

type Verdict = 'refuses' | 'accepts';
/** One row: a path, pino 10's verdict, hushlog's, and why they differ when they do. */
interface Row {
  readonly path: string;
  readonly pino: Verdict;
  readonly hushlog: Verdict;
  /** Set when both accept but censor different keys (or when only one accepts): the reason. */
  readonly differs?: string;
}

const TABLE: readonly Row[] = [
  // What pino 10 refuses, hushlog refuses.
  { path: 'req,headers.cookie', pino: 'refuses', hushlog: 'refuses' },
  { path: 'a.b]', pino: 'refuses', hushlog: 'refuses' },
  { path: 'a..b', pino: 'refuses', hushlog: 'refuses' },
  { path: 'a[', pino: 'refuses', hushlog: 'refuses' },
  { path: "a['it\\'s']", pino: 'refuses', hushlog: 'refuses' },
  { path: 'a]', pino: 'refuses', hushlog: 'refuses' },
  { path: 'a[0', pino: 'refuses', hushlog: 'refuses' },
  { path: 'a["x"', pino: 'refuses', hushlog: 'refuses' },
  { path: 'a["it\\"s"]', pino: 'refuses', hushlog: 'refuses' },
  // Plainly malformed, though pino takes them (and censors something other than what was written).
  { path: 'a.', pino: 'accepts', hushlog: 'refuses', differs: 'trailing dot' },
  { path: '.a', pino: 'accepts', hushlog: 'refuses', differs: 'leading dot' },
  { path: 'a[]', pino: 'accepts', hushlog: 'refuses', differs: 'empty brackets' },
  { path: 'a.[0]', pino: 'accepts', hushlog: 'refuses', differs: 'a dot before a bracket' },
  { path: 'a.b.', pino: 'accepts', hushlog: 'refuses', differs: 'trailing dot' },
  { path: 'a."b"', pino: 'accepts', hushlog: 'refuses', differs: 'quotes outside brackets' },
  { path: 'a[x]', pino: 'accepts', hushlog: 'refuses', differs: 'an unquoted name in brackets (fast-redact read it as a variable)' },
  // What pino users write: the same keys are censored.
  { path: 'a.b', pino: 'accepts', hushlog: 'accepts' },
  { path: 'req.headers.x-api-key', pino: 'accepts', hushlog: 'accepts' },
  { path: 'req.headers["x-api-key"]', pino: 'accepts', hushlog: 'accepts' },
  { path: "req.headers['cookie']", pino: 'accepts', hushlog: 'accepts' },
  { path: 'a["x-y"].b', pino: 'accepts', hushlog: 'accepts' },
  { path: '[`a.a`].b', pino: 'accepts', hushlog: 'accepts' },
  { path: '["a.a"].b', pino: 'accepts', hushlog: 'accepts' },
  { path: 'a["x.y"]', pino: 'accepts', hushlog: 'accepts' },
  { path: "a['it\"s']", pino: 'accepts', hushlog: 'accepts' },
  { path: 'a.b c', pino: 'accepts', hushlog: 'accepts' },
  { path: 'a[0]', pino: 'accepts', hushlog: 'accepts' },
  { path: 'list[1]', pino: 'accepts', hushlog: 'accepts' },
  { path: 'list[*]', pino: 'accepts', hushlog: 'accepts' },
  { path: 'a.*', pino: 'accepts', hushlog: 'accepts' },
  { path: 'a[*]', pino: 'accepts', hushlog: 'accepts' },
  { path: '*.b', pino: 'accepts', hushlog: 'accepts' },
  { path: 'deep.*.b', pino: 'accepts', hushlog: 'accepts' },
  { path: 'a*b', pino: 'accepts', hushlog: 'accepts' },
  // Backticks below the top level: pino 10 keeps them as part of the key; hushlog reads them as
  // quotes, as fast-redact (pino 9) and pino 10 itself at the top level do.
  { path: 'a[`x-y`].b', pino: 'accepts', hushlog: 'accepts', differs: 'pino 10 looks for a key named `x-y` with the backticks' },
  { path: 'a[`x-y`]', pino: 'accepts', hushlog: 'accepts', differs: 'pino 10 looks for a key named `x-y` with the backticks' },
  // hushlog's own extension: any depth.
  { path: '**.b', pino: 'accepts', hushlog: 'accepts', differs: 'pino has no ** (it censors nothing)' },
];

describe('path syntax, compared with pino 10', () => {
  it.each(TABLE)('$path: pino 10 $pino it, hushlog $hushlog it', (row) => {
    const theirs = runPino(pino, [row.path]);
    const ours = runHushlog(row.path);
    expect('error' in theirs ? 'refuses' : 'accepts').toBe(row.pino);
    expect('error' in ours ? 'refuses' : 'accepts').toBe(row.hushlog);
    if ('error' in ours) {
      // The error names the field and shows the path as written.
      expect(ours.error.field).toBe('paths[0]');
      expect(ours.error.message).toContain(JSON.stringify(row.path));
    }
    if ('hits' in theirs && 'hits' in ours) {
      expect(ours.hits.length).toBeGreaterThan(0);
      if (row.differs === undefined) expect(ours.hits).toEqual(theirs.hits);
      else expect(ours.hits).not.toEqual(theirs.hits);
    }
  });

  it('refuses the empty path, as pino does', () => {
    expect('error' in runPino(pino, [''])).toBe(true);
    expect(() => createRedactor({ paths: [''] })).toThrow(PolicyError);
  });

  it('refuses a malformed allow path the same way, naming its index', () => {
    expect(() => createRedactor({ allow: ['ok', 'a.b]'] })).toThrow(/allow\[1\] is not a valid path .*"a\.b\]"/);
  });
});

describe('nativePaths hands pino only what pino reads the same way', () => {
  const accepted = TABLE.filter((row) => row.hushlog === 'accepts').map((row) => row.path);

  it.each(accepted)('%s: pino 9 and 10 censor exactly what hushlog censors, or the path stays with hushlog', (path) => {
    const native = nativeRedactOptions({ paths: [path], censor: CENSOR });
    const ours = runHushlog(path);
    if (native === undefined) {
      expect(path).toMatch(/\*\*|a\*b/);
      return;
    }
    expect(native.censor).toBe(CENSOR);
    for (const build of [pino, pino9]) expect(runPino(build, native.paths)).toEqual(ours);
  });

  it('rewrites backtick quotes into a form both pino majors read as quotes', () => {
    expect(nativeRedactOptions({ paths: ['a[`x-y`].b', '[`a.a`].b', 'req.headers.x-api-key'] })?.paths).toEqual([
      'a["x-y"].b',
      '["a.a"].b',
      'req.headers["x-api-key"]',
    ]);
  });

  it('reads the policy through its own properties only', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.censor = { type: 'remove' };
    proto.paths = ['polluted.path'];
    try {
      expect(nativeRedactOptions({ paths: ['a.b'] })).toEqual({ paths: ['a.b'], censor: '[REDACTED]' });
      expect(nativeRedactOptions({})).toBeUndefined();
    } finally {
      delete proto.censor;
      delete proto.paths;
    }
  });
});
