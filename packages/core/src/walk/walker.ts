/**
 * A walker: one walk context (the shared decisions, see context.ts) with its traversals — the
 * value walk writing a copy, the value walk writing JSON text, and the line walk over JSON text —
 * behind guarded entry points that never throw. Each entry point runs the fast walk and, if that
 * threw (a getter, a Proxy trap, a toJSON), the careful walk. A value a rule censored is scrubbed
 * from every string written after it was found; a second pass runs only when a string written
 * before it holds it.
 */
import type { CompiledPolicy } from '../policy/compile.js';
import { ECHO_RULE, Mode, WalkContext, type Finding, type RedactorStats } from './context.js';
import { patchEchoes } from './echo-patch.js';
import { quote } from './json-text.js';
import { LineWalk } from './line-walk.js';
import { ValueWalk } from './value-walk.js';

export { LimitHit, type Finding, type LimitHits, type RedactorStats } from './context.js';

/** Walks values for one compiled policy. Not reentrant: check `busy` and make another if needed. */
export interface Walker {
  /** True while a walk is running (a getter that logs re-enters and needs a fresh walker). */
  readonly busy: boolean;
  /** How many values the last walk censored, rewrote or marked: 0 means the output says what the input said. */
  readonly changes: number;
  /** The `LimitHit` bits of the limits the last walk reached. */
  readonly limits: number;
  /**
   * Redacts a whole value into a JSON-safe copy. Never throws. `echoes` (optional) carries echoes
   * between the parts of one record: they are scrubbed from the start, and the echoes this walk
   * finds are appended to it.
   */
  run(value: unknown, known: readonly string[] | null, echoes?: string[] | null): unknown;
  /** Redacts a whole value straight into JSON text, in one pass. Never throws. `echoes` as for `run`. */
  runJson(value: unknown, known: readonly string[] | null, echoes?: string[] | null): string;
  /** As `runJson`, with every object's members in key order (see ValueWalk's `sorted`). */
  runSortedJson(value: unknown, known: readonly string[] | null, echoes?: string[] | null): string;
  /**
   * As `runJson`, for an object whose members the caller writes into JSON text of its own: the
   * members without the braces, each after a comma (`,"a":1`; '' for none). Null when the value is
   * not written as an object (an array, a scalar, what its toJSON returned) or the walk failed closed.
   */
  runMembersJson(value: unknown, known: readonly string[] | null, echoes?: string[] | null): string | null;
  /** Redacts free text. Never throws. `echoes` as for `run`. */
  runText(text: string, known: readonly string[] | null, echoes?: string[] | null): string;
  /** Redacts one line: JSON text as written (every duplicate key judged), anything else as free text. Never throws. */
  runLine(line: string, known: readonly string[] | null, echoes?: string[] | null): string;
}

const enum Output {
  Copy = 0,
  Json = 1,
  Text = 2,
  Line = 3,
  SortedJson = 4,
  MembersJson = 5,
}

/** What a members walk that failed closed returns inside the walker (JSON text never holds a raw NUL). */
const FAILED_MEMBERS = '\u0000';

const hasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;

/** True when a line holds a JSON object or array (after leading spaces): it is walked as JSON text. */
export function looksLikeJson(line: string): boolean {
  let start = 0;
  while (start < line.length && (line.charCodeAt(start) === 0x20 || line.charCodeAt(start) === 0x09)) start++;
  const first = line.charCodeAt(start);
  return first === 0x7b || first === 0x5b;
}

/** The walker of one redactor. `findings` turns it into an auditor: each rule that fires is recorded. */
export function createWalker(policy: CompiledPolicy, stats: RedactorStats, findings: Finding[] | null = null): Walker {
  const ctx = new WalkContext(policy, stats, findings);
  const copy = new ValueWalk(ctx, false);
  const json = new ValueWalk(ctx, true);
  const sortedJson = new ValueWalk(ctx, true, true);
  const membersJson = new ValueWalk(ctx, true, false, true);
  const lines = new LineWalk(ctx, json);
  ctx.jsonText = (text, depth) => lines.run(text, depth, null);
  const failJson = quote(policy.failText);
  // An echo's censor output depends on the value only when no censor is the user's function (which
  // would want the path); findings (audits) are collected by a second walk.
  const patchable = policy.pureCensors && findings === null;
  const noPath = (): string => '';
  const echoText = (value: string): string => policy.spanCensor(value, ECHO_RULE, noPath);
  let busy = false;

  function walkOnce(output: Output, v: unknown): unknown {
    switch (output) {
      case Output.Copy:
        return copy.run(v);
      case Output.Json:
        return json.run(v);
      case Output.Text:
        return ctx.string(v as string, 0, Mode.Plain);
      case Output.SortedJson:
        return sortedJson.run(v);
      case Output.MembersJson:
        return membersJson.run(v);
      default: {
        const line = v as string;
        if (!looksLikeJson(line)) return ctx.text(line);
        return lines.run(line, 0, policy.paths) ?? ctx.text(line);
      }
    }
  }

  const hits = stats.limits;
  /** Limit counts before the walk now running, so a walk that runs again counts its markers once. */
  let depthHits = 0;
  let nodeHits = 0;
  let lengthHits = 0;

  function restoreHits(): void {
    hits.maxDepth = depthHits;
    hits.maxNodes = nodeHits;
    hits.maxStringLength = lengthHits;
  }

  /** One guarded walk: fast, then careful if the fast walk threw. */
  function attempt(
    output: Output,
    v: unknown,
    known: readonly string[] | null,
    echoes: readonly string[] | null,
    collect: boolean,
  ): unknown {
    try {
      ctx.reset(careful(), known, echoes, collect);
      return walkOnce(output, v);
    } catch {
      restoreHits();
      ctx.reset(true, known, echoes, collect);
      return walkOnce(output, v);
    }
  }

  /** Runs a walk; never throws. A second pass scrubs echoes the first found too late, when the output still holds one. */
  function guarded(output: Output, v: unknown, known: readonly string[] | null, failed: string, carry: string[] | null = null): unknown {
    busy = true;
    const found = findings === null ? 0 : findings.length;
    depthHits = hits.maxDepth;
    nodeHits = hits.maxNodes;
    lengthHits = hits.maxStringLength;
    try {
      const carried = carry === null ? 0 : carry.length;
      let out = attempt(output, v, known, carry, true);
      const fresh = ctx.echoCount > carried;
      const written = fresh ? ctx.echoedEarlier() : null;
      // what this part censored, for the later parts: taken before a second pass replaces the list
      if (carry !== null && fresh) ctx.carryEchoes(carry, carried);
      if (written !== null) {
        // JSON text is patched where those echoes stand; anything else (or a patch that cannot be sure) walks
        // again. Sorted JSON too: a key the patch renamed would keep its place, not its sorted one.
        const patched =
          (output === Output.Json || output === Output.MembersJson) && patchable && written.patchable
            ? patchEchoes(out as string, written.values, written.counts, echoText)
            : null;
        if (patched !== null) out = patched;
        else {
          const echoes = ctx.echoes();
          if (findings !== null) findings.length = found;
          restoreHits();
          out = attempt(output, v, known, echoes, false);
        }
      }
      return out;
    } catch {
      stats.errors++;
      return failed;
    } finally {
      ctx.forget();
      busy = false;
    }
  }

  return {
    get busy() {
      return busy;
    },
    get changes() {
      return ctx.changes;
    },
    get limits() {
      return ctx.limits;
    },
    run: (v, known, echoes) => guarded(Output.Copy, v, known, policy.failText, echoes ?? null),
    runJson: (v, known, echoes) => guarded(Output.Json, v, known, failJson, echoes ?? null) as string,
    runSortedJson: (v, known, echoes) => guarded(Output.SortedJson, v, known, failJson, echoes ?? null) as string,
    runMembersJson: (v, known, echoes) => {
      const out = guarded(Output.MembersJson, v, known, FAILED_MEMBERS, echoes ?? null) as string;
      return out !== FAILED_MEMBERS && membersJson.wroteMembers ? out : null;
    },
    runText: (text, known, echoes) => guarded(Output.Text, text, known, policy.failText, echoes ?? null) as string,
    runLine: (line, known, echoes) => guarded(Output.Line, line, known, policy.failText, echoes ?? null) as string,
  };
}

/**
 * True when the walk must be careful from the start: an inherited toJSON on Object.prototype
 * changes what JSON.stringify writes, and a replaced hasOwnProperty breaks the fast walk's own-key test.
 */
function careful(): boolean {
  return typeof (objectProto as { toJSON?: unknown }).toJSON === 'function' || objectProto.hasOwnProperty !== hasOwn;
}
