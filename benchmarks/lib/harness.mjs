// The measuring engine: mitata's `measure()` driven in interleaved rounds.
//
// Every case of a group (the cases that are compared with each other, e.g. hushlog vs fast-redact
// on one shape) is warmed up, then measured in several short rounds, the order rotating each
// round, so slow drift (thermal, other processes on the machine) hits every case alike. A case's
// figure is the median of its round means; a ratio check uses the median of per-round ratios.
import { measure, do_not_optimize } from 'mitata';
import v8 from 'node:v8';
import vm from 'node:vm';

/** Timing profiles: `quick` keeps a whole run under a minute, `full` is for RESULTS.md. */
export const PROFILES = {
  full: { warmupMs: 300, rounds: 9, roundMs: 220 },
  quick: { warmupMs: 150, rounds: 5, roundMs: 120 },
};

/** A real collector when one can be had; mitata's fallback allocates 1 GiB per measurement. */
const collect = (() => {
  if (typeof globalThis.gc === 'function') return () => globalThis.gc();
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    if (typeof gc === 'function') return () => gc();
  } catch {
    /* no collector: mitata runs without one */
  }
  return false;
})();

/**
 * The registry a suite fills in. A case is
 *   { id, group, lib, label?, fn, input?, bytes?, verify?, skip? }
 * - fn(input?)  the timed work; its result is kept alive with do_not_optimize.
 * - input()     optional factory for a fresh input per call, built outside the timed region (for
 *               cases whose library mutates its input). Without it, fn() takes no argument.
 * - bytes       optional payload size per call; adds an MB/s column.
 * - verify(out) optional; gets one output before timing, returns null when it is right or a
 *               message saying what is wrong (e.g. "nothing was redacted").
 * - skip        optional reason not to run the case (a library that is not installed).
 * - oneShot     optional; for slow async cases (a child process over a large file): warmed up
 *               with one call and timed one call per round, without mitata.
 * A ratio check is { name, hushlog, anchor, target } with case ids; it passes when
 * ops(hushlog) / ops(anchor) >= target. `target: null` makes it informational.
 */
export function createSuiteRegistry(suite) {
  const cases = [];
  const checks = [];
  const ids = new Set();
  return {
    suite,
    cases,
    checks,
    add(c) {
      if (!c.id || typeof c.fn !== 'function') throw new Error(`${suite.name}: a case needs an id and a fn`);
      if (ids.has(c.id)) throw new Error(`${suite.name}: duplicate case id ${c.id}`);
      ids.add(c.id);
      cases.push({ group: c.id, label: c.id, ...c });
    },
    check(ch) {
      for (const id of [ch.hushlog, ch.anchor]) {
        if (!ids.has(id)) throw new Error(`${suite.name}: check "${ch.name}" names unknown case ${id}`);
      }
      checks.push(ch);
    },
  };
}

/** The function mitata times: zero declared parameters, result kept alive. */
function timedFunction(c) {
  const f = c.fn;
  return c.input ? (x = undefined) => do_not_optimize(f(x)) : () => do_not_optimize(f());
}

function callOnce(c) {
  return c.fn(c.input ? c.input() : undefined);
}

async function warmup(c, ms) {
  const deadline = performance.now() + ms;
  let n = 0;
  let spent = 0;
  do {
    const x = c.input ? c.input() : undefined;
    const t0 = performance.now();
    const r = c.fn(x);
    if (r instanceof Promise) await r;
    spent += performance.now() - t0;
    do_not_optimize(r);
    n++;
  } while (performance.now() < deadline || n < 3);
  return (spent * 1e6) / n; // estimated ns per call
}

/** mitata options sized so a round takes about `roundMs` even for slow or batched cases. */
function mitataOptions(c, estNs, roundMs) {
  const roundNs = roundMs * 1e6;
  const opts = {
    gc: collect,
    min_cpu_time: roundNs,
    min_samples: Math.max(3, Math.min(12, Math.floor(roundNs / Math.max(estNs, 1)))),
    // Aim for ~25 samples per round; mitata batches calls under 65 µs.
    batch_samples: Math.max(4, Math.min(4096, Math.floor(roundNs / 25 / Math.max(estNs, 1) / 4) * 4)),
  };
  if (c.input) opts.params = { 0: c.input };
  return opts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Measures the cases of one suite. Returns a Map id -> result, where result is
 * { id, group, lib, label, bytes, status: 'ok'|'skipped'|'invalid', reason?, meanNs, opsPerSec,
 *   spread, roundMeans, samples }.
 */
export async function measureSuite(registry, profile, log = () => {}) {
  const results = new Map();
  const groups = new Map();
  for (const c of registry.cases) {
    if (!groups.has(c.group)) groups.set(c.group, []);
    groups.get(c.group).push(c);
  }

  for (const [group, cases] of groups) {
    const live = [];
    for (const c of cases) {
      const base = { id: c.id, group, lib: c.lib, label: c.label, bytes: c.bytes ?? null };
      if (c.skip) {
        results.set(c.id, { ...base, status: 'skipped', reason: c.skip });
        continue;
      }
      let reason;
      try {
        let out = callOnce(c);
        if (out instanceof Promise) out = await out;
        reason = c.verify ? c.verify(out) : null;
      } catch (err) {
        results.set(c.id, { ...base, status: 'skipped', reason: `threw: ${err?.message ?? err}` });
        continue;
      }
      // A case whose output is wrong is still timed (the figure is informative), but flagged.
      live.push({ c, base, reason });
    }

    for (const l of live) l.estNs = l.c.oneShot ? 0 : await warmup(l.c, profile.warmupMs);
    for (const l of live) if (l.c.oneShot) await l.c.fn(); // one warm-up call (callOnce above was the first)
    for (const l of live) {
      l.timed = timedFunction(l.c);
      l.opts = mitataOptions(l.c, l.estNs, profile.roundMs);
      l.roundMeans = [];
      l.samples = 0;
    }

    for (let r = 0; r < profile.rounds; r++) {
      for (let i = 0; i < live.length; i++) {
        const l = live[(i + r) % live.length];
        if (l.c.oneShot) {
          const t0 = performance.now();
          do_not_optimize(await l.c.fn());
          l.roundMeans.push((performance.now() - t0) * 1e6);
          l.samples += 1;
          continue;
        }
        const stats = await measure(l.timed, { ...l.opts });
        l.roundMeans.push(stats.avg);
        l.samples += stats.ticks;
      }
    }

    for (const l of live) {
      const meanNs = median(l.roundMeans);
      const spread = (Math.max(...l.roundMeans) - Math.min(...l.roundMeans)) / 2 / meanNs;
      const res = {
        ...l.base,
        status: l.reason ? 'invalid' : 'ok',
        reason: l.reason ?? undefined,
        meanNs,
        opsPerSec: 1e9 / meanNs,
        spread,
        roundMeans: l.roundMeans,
        samples: l.samples,
      };
      results.set(l.c.id, res);
      log(res);
    }
  }
  return results;
}

/**
 * Evaluates the ratio checks of a suite. The regression floor is 80 % of the lowest round ratio
 * measured by the last full run (benchmarks/baseline.json), capped at the target, or 80 % of the
 * target when no baseline exists; in quick
 * mode a check below its floor fails.
 * status: PASS (>= target), MISS (< target; in quick mode still >= floor), FAIL (quick: < floor),
 * INVALID (an output was wrong, e.g. nothing redacted), SKIP (a case did not run), INFO (no target).
 */
export function evaluateChecks(registry, results, { quick, baseline = {} }) {
  return registry.checks.map((ch) => {
    const h = results.get(ch.hushlog);
    const a = results.get(ch.anchor);
    const measured = baseline[ch.name];
    const floor = ch.target == null ? null : 0.8 * (typeof measured === 'number' ? Math.min(measured, ch.target) : ch.target);
    const out = { ...ch, floor, ratio: null, low: null, high: null };
    if (!h || !a || h.status === 'skipped' || a.status === 'skipped') {
      return { ...out, status: 'SKIP', note: (h?.reason ?? a?.reason) || 'not run' };
    }
    // Rounds were interleaved, so round i of both cases ran side by side: ratio per round.
    const perRound = h.roundMeans.map((hm, i) => a.roundMeans[i] / hm);
    out.ratio = median(perRound);
    out.low = Math.min(...perRound);
    out.high = Math.max(...perRound);
    if (h.status === 'invalid' || a.status === 'invalid') {
      return { ...out, status: 'INVALID', note: h.reason ?? a.reason };
    }
    if (ch.target == null) return { ...out, status: 'INFO' };
    let status = out.ratio >= ch.target ? 'PASS' : 'MISS';
    if (quick && out.ratio < floor) status = 'FAIL';
    return { ...out, status };
  });
}
