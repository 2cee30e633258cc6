/**
 * No line is lost by wrapping a transport: the same logging, in real child processes writing real
 * files, once with the transport as it is and once wrapped in RedactingTransport. The process
 * ends the logger after the last call, and exits when the logger finishes (or when it runs out of
 * work), as a short-lived script or a graceful shutdown does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleAdapter, runChild } from './child.js';

let dir: string;
let adapter: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hushlog-winston-lines-'));
  adapter = await bundleAdapter(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the child logs, and to what. */
interface Scenario {
  /** `file`: winston's File; `slow`: a transport that appends each line to a file a turn later; `stream`: Stream over fs.createWriteStream. */
  transport: 'file' | 'slow' | 'stream';
  /** How many `info` calls with meta. */
  count: number;
  /** Characters of padding in each entry's meta (larger entries fill the file stream's buffer sooner). */
  pad: number;
  /** `finish`: process.exit() when the logger emits finish; `natural`: the process just runs out of work. */
  exit: 'finish' | 'natural';
}

/** The child: builds the transport, wraps it or not, logs `count` entries, ends the logger. */
function childSource(): string {
  return `
  const fs = require('node:fs');
  const winston = require('winston');
  const { RedactingTransport } = require(${JSON.stringify(adapter)});
  const [kind, mode, filename, count, pad, exit] = process.argv.slice(2);

  /** A real transport that is slow: each line is appended to the file on a later turn of the event loop. */
  class SlowFile extends winston.Transport {
    log(info, callback) {
      setImmediate(() => {
        fs.appendFileSync(filename, info[Symbol.for('message')] + '\\n');
        this.emit('logged', info);
        callback();
      });
    }
  }

  let transport =
    kind === 'file' ? new winston.transports.File({ filename })
    : kind === 'slow' ? new SlowFile()
    : new winston.transports.Stream({ stream: fs.createWriteStream(filename) });
  if (mode === 'wrapped') transport = new RedactingTransport({ transport });
  const logger = winston.createLogger({ format: winston.format.json(), transports: [transport] });
  if (exit === 'finish') logger.on('finish', () => process.exit(0));
  const note = 'n'.repeat(Number(pad));
  for (let i = 0; i < Number(count); i++) {
    logger.info('request ' + i, { i, user: { id: i, email: 'jane.doe@example.com', password: 'hunter2-' + i }, note });
  }
  logger.end();
  `;
}

/** Runs one scenario in a child process; the lines written, and how the process ended. */
async function linesWritten(s: Scenario, mode: 'plain' | 'wrapped'): Promise<{ lines: string[]; code: number | null; stderr: string }> {
  const filename = join(dir, `${s.transport}-${s.count}-${s.pad}-${s.exit}-${mode}.log`);
  const { code, stderr } = await runChild(dir, `lines-${mode}`, childSource(), [
    s.transport,
    mode,
    filename,
    String(s.count),
    String(s.pad),
    s.exit,
  ]);
  let text = '';
  try {
    text = readFileSync(filename, 'utf8');
  } catch {
    /* nothing written */
  }
  return { lines: text.split('\n').filter((line) => line !== ''), code, stderr };
}

const SCENARIOS: Scenario[] = [
  { transport: 'file', count: 5000, pad: 0, exit: 'finish' },
  { transport: 'file', count: 5000, pad: 1000, exit: 'finish' },
  { transport: 'file', count: 5000, pad: 1000, exit: 'natural' },
  { transport: 'stream', count: 5000, pad: 1000, exit: 'natural' },
  { transport: 'slow', count: 2000, pad: 100, exit: 'finish' },
  { transport: 'slow', count: 2000, pad: 100, exit: 'natural' },
];

describe('a wrapped transport writes every line', () => {
  for (const s of SCENARIOS) {
    const name = `${s.count} info calls with meta to ${s.transport === 'slow' ? 'a slow transport' : `a ${s.transport} transport`}${s.pad ? ` (${s.pad}-character entries)` : ''}, then logger.end(), exiting ${s.exit === 'finish' ? 'when the logger finishes' : 'when the work runs out'}`;
    it(`writes all ${name}, and no fewer than the unwrapped transport`, async () => {
      const [plain, wrapped] = await Promise.all([linesWritten(s, 'plain'), linesWritten(s, 'wrapped')]);

      expect(wrapped.stderr).not.toContain('write after end');
      expect(wrapped.code).toBe(0);
      expect(wrapped.lines.length).toBeGreaterThanOrEqual(plain.lines.length);
      expect(wrapped.lines).toHaveLength(s.count);
      // In order, each one whole and redacted.
      wrapped.lines.forEach((line, i) => {
        const entry = JSON.parse(line) as { message: string; user: { password: string } };
        expect(entry.message).toBe(`request ${i}`);
        expect(entry.user.password).toBe('[REDACTED]');
      });
    });
  }
});
