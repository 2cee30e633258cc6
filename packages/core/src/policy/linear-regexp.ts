/**
 * User patterns run on a linear-time engine. A custom detector's pattern or a RegExp in `keys`
 * would otherwise run on V8's backtracking engine, where `/(a+)+$/` blocks the event loop for
 * seconds on a 30-character value. Such a pattern runs on RE2 instead (the pure-JS `re2js` port):
 * matching time is linear in the text whatever the pattern. What RE2 cannot run in linear time
 * (lookaheads, backreferences, lookbehinds with captures) is refused when the policy compiles.
 */
import { RE2JS } from 're2js';

/** Flags a user pattern may carry; `g` and `y` are managed by the caller, `d` adds indices. */
const ALLOWED_FLAGS = /^[dgimsuy]*$/;

/** The RE2 flag bits for a JS RegExp's flags. Captureless lookbehinds run in linear time too. */
function re2Flags(flags: string): number {
  let bits = RE2JS.LOOKBEHINDS;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  return bits;
}

/**
 * Compiles a JS RegExp source for RE2. Throws a SyntaxError that says what RE2 cannot run (a
 * lookahead, a backreference…) when the pattern has no linear-time equivalent.
 */
function compileRe2(source: string, flags: string): RE2JS {
  if (!ALLOWED_FLAGS.test(flags)) throw new SyntaxError(`unsupported flags ${JSON.stringify(flags)} (use d, g, i, m, s, u or y)`);
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source), re2Flags(flags));
  } catch (err) {
    const why = (err as Error).message.replace(/^error parsing regexp: /, '');
    throw new SyntaxError(
      `cannot run in linear time (${why}); user patterns run on RE2, which has no lookaheads, ` +
        'backreferences or capturing lookbehinds: use keywords, \\b or a validate function instead',
      { cause: err },
    );
  }
}

/**
 * A RegExp whose matching runs on RE2, in time linear in the text. It is a real RegExp (`source`,
 * `flags`, `lastIndex`, `test`, `String#replace` and `matchAll` all work, since they go through
 * `exec`), so code that takes a RegExp takes it unchanged.
 *
 * @example
 * new LinearRegExp('(a+)+$').test('a'.repeat(100_000) + '!') // false, in about a millisecond
 */
export class LinearRegExp extends RegExp {
  readonly #re2: RE2JS;
  readonly #groupNames: readonly (readonly [string, number])[];

  /**
   * @param pattern a JS RegExp source, or a RegExp (its source and, unless `flags` is given, its flags)
   * @param flags JS RegExp flags
   * @throws SyntaxError when the pattern is not a valid RegExp or RE2 cannot run it
   */
  constructor(pattern: string | RegExp, flags?: string) {
    const source = typeof pattern === 'string' ? pattern : pattern.source;
    const jsFlags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    super(source, jsFlags);
    this.#re2 = compileRe2(source, jsFlags);
    this.#groupNames = Object.entries(this.#re2.namedGroups());
  }

  /** Like RegExp#exec, on the linear-time engine: honours `g`, `y` and `lastIndex`, and `d` for indices. */
  override exec(text: string): RegExpExecArray | null {
    const input = String(text);
    const advances = this.global || this.sticky;
    const start = advances ? this.lastIndex : 0;
    if (start > input.length) {
      this.lastIndex = 0;
      return null;
    }
    // The DFA answers "no match" cheaply, which is the common case in logs.
    if ((start === 0 && !this.#re2.test(input)) || !this.#find(input, start)) {
      if (advances) this.lastIndex = 0;
      return null;
    }
    const m = this.#matcher as ReturnType<RE2JS['matcher']>;
    if (this.sticky && m.start(0) !== start) {
      this.lastIndex = 0;
      return null;
    }
    const count = this.#re2.groupCount();
    const parts: (string | undefined)[] = [];
    for (let g = 0; g <= count; g++) parts.push(m.start(g) < 0 ? undefined : (m.group(g) ?? undefined));
    const result = parts as unknown as RegExpExecArray;
    result.index = m.start(0);
    result.input = input;
    result.groups = undefined;
    if (this.#groupNames.length > 0) {
      const groups: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
      for (const [name, g] of this.#groupNames) groups[name] = parts[g];
      result.groups = groups as Record<string, string>;
    }
    if (this.hasIndices) {
      const indices: ([number, number] | undefined)[] = [];
      for (let g = 0; g <= count; g++) indices.push(m.start(g) < 0 ? undefined : [m.start(g), m.end(g)]);
      result.indices = indices as RegExpIndicesArray;
    }
    if (advances) this.lastIndex = m.end(0);
    this.#matcher = null;
    return result;
  }

  #matcher: ReturnType<RE2JS['matcher']> | null = null;

  #find(input: string, start: number): boolean {
    const m = this.#re2.matcher(input);
    if (!m.find(start)) return false;
    this.#matcher = m;
    return true;
  }
}
