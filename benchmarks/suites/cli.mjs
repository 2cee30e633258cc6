// The `hushlog` command's line pipeline, in-process: a Buffer of NDJSON lines through core's
// `LinePipeline.push` (split on raw bytes, UTF-8 checks, `redactLine` per line, join), against
// the same lines through `redactor.redactLine` alone (the core's share) and through
// `JSON.stringify(JSON.parse(line))` (the floor for any structural redaction). The end-to-end figure
// with the real bin, its file I/O and peak RSS comes from `node benchmarks/cli-throughput.mjs`.
import { httpRecord, cleanText } from '../records.mjs';
import { leaks } from '../lib/verify.mjs';

export const name = 'cli';
export const title = 'hushlog command: NDJSON line pipeline (MB/s)';
export const description =
  '`new LinePipeline(redactor).push(buffer)` from @hushlog/core (the line pipeline of the command and the pino transport) on ~1 MiB of varied httpRecord NDJSON lines (default ' +
  'policy) vs the same lines through `redactor.redactLine(line)` and `JSON.stringify(JSON.parse(line))`; ' +
  'and ~1 MiB of plain-text log lines. One core; the issue asks for 100 MB/s of NDJSON per core.';
export const libraries = [];

const FIRST = ['jane.doe', 'john.smith', 'a.nguyen', 'm.garcia', 'li.wei', 'o.okafor'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const AGENTS = ['Mozilla/5.0', 'curl/8.4.0', 'okhttp/4.12.0', 'python-requests/2.31.0'];
const CARDS = ['4111 1111 1111 1111', '5555 5555 5555 4444', '4012 8888 8888 1881'];

/** Secrets that every generated line carries in one form or another (for output checks). */
export const PLANTED = ['hunter2-', 'sk_live_51Hxyz', 'session=abcdef', '4111 1111 1111 1111', '@example.com'];

/**
 * One NDJSON line modelled on records.mjs's httpRecord (≈520 B), with values varied by `i` so that
 * no cache sees the same string twice in a row: ids, methods, URLs, agents, users, cards, IPs.
 */
export function httpLine(i) {
  const r = httpRecord();
  const who = `${FIRST[i % FIRST.length]}${i % 97}@example.com`;
  r.msg = `user ${who} paid with ${CARDS[i % CARDS.length]} from 203.0.${i % 250}.${(i * 7) % 250}`;
  r.req.method = METHODS[i % METHODS.length];
  r.req.url = `/api/v1/orders?id=${i}&page=${i % 13}`;
  r.req.headers['user-agent'] = AGENTS[i % AGENTS.length];
  r.req.headers.cookie = `session=abcdef${(i * 2654435761) >>> 0}`;
  r.req.headers['x-api-key'] = `sk_live_51Hxyz${String(i).padStart(12, '0')}`;
  r.user = { id: i, email: who, password: `hunter2-${i}`, name: 'Jane Doe' };
  r.orderId = `ord_${(i * 40503).toString(36)}`;
  r.amount = (i * 37) % 10000;
  r.time = 1714557600000 + i * 13;
  return JSON.stringify(r);
}

/** `count` lines from `start`, each ending in `\n`, as one string. */
export function httpLines(start, count) {
  let out = '';
  for (let i = start; i < start + count; i++) out += httpLine(i) + '\n';
  return out;
}

export async function register(s, { core }) {
  const r = core.createRedactor();
  const missing = typeof core.LinePipeline === 'function' ? undefined : 'this @hushlog/core has no LinePipeline';

  const text = httpLines(0, 2000);
  const buffer = Buffer.from(text);
  const lines = text.split('\n').slice(0, -1);
  const group = `httpRecord NDJSON (${lines.length} varied lines, ${(buffer.length / 1024).toFixed(0)} KiB)`;
  const processor = missing ? null : new core.LinePipeline(r);
  if (processor) {
    // The two hushlog outputs must agree, so the ratio compares the same work.
    const a = processor.push(buffer);
    const b = lines.map((l) => r.redactLine(l)).join('\n') + '\n';
    if (a !== b) throw new Error('cli suite: LinePipeline and redactLine disagree');
  }

  s.add({
    id: 'ndjson/cli-pipeline',
    group,
    lib: 'hushlog cli',
    label: 'LinePipeline.push(buffer)',
    bytes: buffer.length,
    skip: missing,
    fn: () => processor.push(buffer),
    verify: (out) => leaks(out, PLANTED) ?? (out.split('\n').length === lines.length + 1 ? null : 'line count changed'),
  });
  // The baselines also join their output into one string, as anything that writes it must (the
  // join flattens the core's rope strings, which is part of the price of the output).
  s.add({
    id: 'ndjson/redactLine',
    group,
    lib: 'hushlog redactLine',
    label: 'redactLine(line) per line, joined (core only)',
    bytes: buffer.length,
    fn: () => {
      const out = new Array(lines.length);
      for (let i = 0; i < lines.length; i++) out[i] = r.redactLine(lines[i]);
      return out.join('\n') + '\n';
    },
  });
  s.add({
    id: 'ndjson/JSON.parse+stringify',
    group,
    lib: 'JSON.stringify',
    label: 'JSON.stringify(JSON.parse(line)) per line, joined',
    bytes: buffer.length,
    fn: () => {
      const out = new Array(lines.length);
      for (let i = 0; i < lines.length; i++) out[i] = JSON.stringify(JSON.parse(lines[i]));
      return out.join('\n') + '\n';
    },
  });
  if (processor) {
    // The pipeline (byte splitting, UTF-8 checks, joins) should cost little on top of the core.
    s.check({ name: 'cli pipeline / redactLine alone', hushlog: 'ndjson/cli-pipeline', anchor: 'ndjson/redactLine', target: 0.75 });
    s.check({
      name: 'cli pipeline / JSON.parse+stringify',
      hushlog: 'ndjson/cli-pipeline',
      anchor: 'ndjson/JSON.parse+stringify',
      target: null,
    });
  }

  const plain = Buffer.from(cleanText.replace(/ (?=GET)/g, '\n') + '\n');
  const textProcessor = missing ? null : new core.LinePipeline(r);
  s.add({
    id: 'text/cli-pipeline',
    group: `plain-text log lines (${(plain.length / 1024).toFixed(1)} KiB, nothing to redact)`,
    lib: 'hushlog cli',
    label: 'LinePipeline.push(buffer)',
    bytes: plain.length,
    skip: missing,
    fn: () => textProcessor.push(plain),
    verify: (out) => (out === plain.toString() ? null : 'changed clean text lines'),
  });

  const auditor = missing ? null : new core.LineAuditPipeline(r);
  let findings = 0;
  const count = (found) => {
    findings += found.length;
  };
  s.add({
    id: 'ndjson/check',
    group: `${group}: hushlog check`,
    lib: 'hushlog cli check',
    label: 'LineAuditPipeline.push(buffer)',
    bytes: buffer.length,
    skip: missing,
    fn: () => {
      auditor.push(buffer, count);
      return findings;
    },
  });
}
