import { PolicyError } from '../policy/errors.js';

/** One step of a parsed path: a property name, `*` (any one level) or `**` (any number of levels). */
export type PathSegment = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'star' } | { readonly kind: 'globstar' };

/** Characters a dotted name cannot hold: separators, brackets, quotes and the comma pino refuses. */
const NOT_IN_DOTTED_NAME = new Set(['.', '[', ']', ',', '"', "'", '`']);
const QUOTES = new Set(['"', "'", '`']);

/**
 * Parses a path in pino / fast-redact syntax, plus `**` for any depth:
 *
 * - dotted names: `a.b`, `req.headers.x-api-key` (any characters but `. [ ] ,` and quotes);
 * - bracketed names in `"`, `'` or backtick quotes: `a["x-y"]`, `` a[`x.y`].b `` (no escapes: a
 *   quoted name cannot hold its own quote or a backslash);
 * - indexes and wildcards: `a[0]`, `a[*]`, `a.*`, `**.password`.
 *
 * What pino 10 refuses is refused (`a,b`, `a.b]`, `a..b`, `a[`, `a['it\'s']`, the empty path),
 * and so are paths pino takes but that are plainly malformed (`a.`, `.a`, `a[]`, `a.[0]`).
 * Throws a PolicyError naming `field` and showing the path.
 */
export function parsePath(path: string, field: string): PathSegment[] {
  if (typeof path !== 'string' || path.length === 0) throw new PolicyError(field, 'must be a non-empty string');
  const out: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new PolicyError(field, `is not a valid path (${why} at offset ${i} in ${JSON.stringify(path)})`);
  };
  // After a `.` a name must follow; at the start a name or a bracket may.
  let afterDot = false;
  let atStart = true;
  while (i < path.length) {
    const c = path[i] as string;
    if (c === '[') {
      if (afterDot) fail('a bracket cannot follow a dot');
      i = bracket(path, i, out, fail);
      afterDot = false;
    } else if (c === '.') {
      if (atStart) fail('a path cannot start with a dot');
      if (afterDot) fail('empty segment');
      i++;
      afterDot = true;
    } else {
      if (c === ']') fail('unbalanced ]');
      if (c === ',') fail('a comma (one path per entry)');
      if (QUOTES.has(c)) fail('a quote outside brackets');
      if (!afterDot && !atStart) fail('missing . before a name');
      let end = i;
      while (end < path.length && !NOT_IN_DOTTED_NAME.has(path[end] as string)) end++;
      const name = path.slice(i, end);
      out.push(name === '**' ? { kind: 'globstar' } : name === '*' ? { kind: 'star' } : { kind: 'name', name });
      i = end;
      afterDot = false;
    }
    atStart = false;
  }
  if (afterDot) fail('trailing .');
  return out;
}

/** Reads the bracket that opens at `open`; pushes its segment and returns the index after `]`. */
function bracket(path: string, open: number, out: PathSegment[], fail: (why: string) => never): number {
  let i = open + 1;
  const q = path[i];
  if (q !== undefined && QUOTES.has(q)) {
    const end = path.indexOf(q, i + 1);
    if (end === -1) fail('unterminated quote');
    const name = path.slice(i + 1, end);
    if (name.includes('\\')) fail('a backslash in a quoted name (escapes are not supported)');
    out.push({ kind: 'name', name });
    i = end + 1;
    if (path[i] !== ']') fail(`missing ] after the quoted name`);
    return i + 1;
  }
  const end = path.indexOf(']', i);
  if (end === -1) fail('unterminated bracket');
  const inner = path.slice(i, end);
  if (inner === '*') out.push({ kind: 'star' });
  else if (/^\d+$/.test(inner)) out.push({ kind: 'name', name: inner });
  else fail(inner === '' ? 'empty brackets' : 'a bracket must hold a quoted name, an index or *');
  return end + 1;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Characters pino 9 or 10 reads differently inside a quoted name: wildcards, brackets, commas, escapes, controls. */
// eslint-disable-next-line no-control-regex
const PINO_UNSAFE = /[*,[\]\\\x00-\x1f]/;

/**
 * The same path written the way both pino 9 (fast-redact) and pino 10 (@pinojs/redact) read it
 * with the same meaning, or null when pino cannot: `**`, a name holding `*`, `,`, `[`, `]`, a
 * control character or both kinds of quote, or the empty name. Dotted names that are identifiers stay dotted; other names are
 * bracketed in double quotes (single quotes when the name holds a double quote).
 *
 * @param path a path that `createRedactor` accepts
 * @example toPinoPath('a[`x-y`].b') // 'a["x-y"].b'
 */
export function toPinoPath(path: string): string | null {
  let segments: PathSegment[];
  try {
    segments = parsePath(path, 'path');
  } catch {
    return null;
  }
  let out = '';
  for (const seg of segments) {
    if (seg.kind === 'globstar') return null;
    if (seg.kind === 'star') out += out === '' ? '*' : '[*]';
    else {
      const { name } = seg;
      if (name === '' || PINO_UNSAFE.test(name)) return null;
      if (/^\d+$/.test(name) && out !== '') out += `[${name}]`;
      else if (IDENTIFIER.test(name)) out += out === '' ? name : `.${name}`;
      else if (!name.includes('"')) out += `["${name}"]`;
      else if (!name.includes("'")) out += `['${name}']`;
      else return null;
    }
  }
  return out;
}
