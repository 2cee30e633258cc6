import { PolicyError } from '../policy/errors.js';

/** One step of a parsed path: a property name, `*` (any one level) or `**` (any number of levels). */
export type PathSegment = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'star' } | { readonly kind: 'globstar' };

/**
 * Parses a path in fast-redact / pino syntax: `a.b`, `a["x-y"]`, `a['x']`, `a[0]`, `a.*`, `a[*]`,
 * plus `**` for any depth. Throws a PolicyError naming `field` when the path is malformed.
 */
export function parsePath(path: string, field: string): PathSegment[] {
  if (typeof path !== 'string' || path.length === 0) throw new PolicyError(field, 'must be a non-empty string');
  const out: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new PolicyError(field, `is not a valid path (${why} at offset ${i} in ${JSON.stringify(path)})`);
  };
  const pushName = (name: string) => {
    if (name === '**') out.push({ kind: 'globstar' });
    else if (name === '*') out.push({ kind: 'star' });
    else out.push({ kind: 'name', name });
  };
  let expectSegment = true;
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      i++;
      const q = path[i];
      if (q === '"' || q === "'") {
        const end = path.indexOf(q, i + 1);
        if (end === -1) fail('unterminated quote');
        out.push({ kind: 'name', name: path.slice(i + 1, end) });
        i = end + 1;
      } else {
        const end = path.indexOf(']', i);
        if (end === -1) fail('unterminated bracket');
        const inner = path.slice(i, end).trim();
        if (inner === '*') out.push({ kind: 'star' });
        else if (/^\d+$/.test(inner)) out.push({ kind: 'name', name: inner });
        else fail('bracket must hold a quoted name, an index or *');
        i = end;
      }
      if (path[i] !== ']') fail('missing ]');
      i++;
      expectSegment = false;
    } else if (c === '.') {
      if (expectSegment) fail('empty segment');
      i++;
      expectSegment = true;
    } else {
      if (!expectSegment) fail('missing . before a name');
      let end = i;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      pushName(path.slice(i, end));
      i = end;
      expectSegment = false;
    }
  }
  if (expectSegment) fail('trailing .');
  return out;
}
