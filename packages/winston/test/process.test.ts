/**
 * Crashes and consoles, in real child processes: an uncaught exception handled by
 * `exceptionHandlers`, an unhandled rejection handled by `rejectionHandlers`, and a Console
 * transport. The children load the adapter's source, bundled here to CommonJS (so this also shows
 * that the adapter works under `require`), and winston from the workspace.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleAdapter, runChild as run, type ChildResult } from './child.js';
import { API_KEY, DATABASE_URL, DB_PASSWORD, EMAIL, PASSWORD, expectNoSecrets } from './fixtures.js';

let dir: string;
let adapter: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hushlog-winston-process-'));
  adapter = await bundleAdapter(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a CommonJS script in a child node with extra argv and environment; it may crash, as intended. */
const runChild = (name: string, source: string, argv: string[], env: Record<string, string>): Promise<ChildResult> =>
  run(dir, name, source, argv, env);

/** The crash secrets: in the environment, on the command line, and so in the error and process.argv. */
const CRASH_ENV = { DATABASE_URL, PAYMENT_KEY: API_KEY };
const CRASH_ARGV = [`--payment-key=${API_KEY}`, `--database-url=${DATABASE_URL}`];

describe('in a child process', () => {
  it('an uncaught exception handled by exceptionHandlers leaves no secret in the file it writes', async () => {
    const filename = join(dir, 'exceptions.log');
    const { code } = await runChild(
      'exception',
      `
      const winston = require('winston');
      const { RedactingTransport } = require(${JSON.stringify(adapter)});
      const file = new winston.transports.File({
        filename: ${JSON.stringify(filename)},
        // The inner transport's own format, which winston skips on this path: it must still run.
        format: winston.format.printf((info) => 'CRASH ' + info.message + ' argv=' + info.process.argv.slice(2).join(' ')),
      });
      winston.createLogger({
        defaultMeta: { service: 'worker' },
        transports: [new winston.transports.Console({ silent: true })],
        exceptionHandlers: [new RedactingTransport({ transport: file })],
      });
      setTimeout(() => {
        throw new Error('cannot connect to ' + process.env.DATABASE_URL + ' with key ' + process.env.PAYMENT_KEY);
      }, 5);
      `,
      CRASH_ARGV,
      CRASH_ENV,
    );

    expect(code).toBe(1); // winston exits after logging, as configured by default
    expect(existsSync(filename)).toBe(true);
    const text = readFileSync(filename, 'utf8');
    expectNoSecrets(text, [API_KEY, DB_PASSWORD]);
    expect(text).toMatch(/^CRASH uncaughtException: cannot connect to postgres:\/\/app:\S+@db\.internal:5432\/app with key /);
    expect(text).toContain('argv=--payment-key=');
    expect(text).toContain('--database-url=postgres://app:');
  });

  it('an unhandled rejection handled by rejectionHandlers leaves no secret in the file it writes', async () => {
    const filename = join(dir, 'rejections.log');
    await runChild(
      'rejection',
      `
      const winston = require('winston');
      const { RedactingTransport } = require(${JSON.stringify(adapter)});
      winston.createLogger({
        defaultMeta: { service: 'worker' },
        transports: [new winston.transports.Console({ silent: true })],
        rejectionHandlers: [new RedactingTransport({ transport: new winston.transports.File({ filename: ${JSON.stringify(filename)} }) })],
      });
      setTimeout(() => Promise.reject(new Error('login failed for ${EMAIL} via ' + process.env.DATABASE_URL)), 5);
      `,
      CRASH_ARGV,
      CRASH_ENV,
    );

    const text = readFileSync(filename, 'utf8');
    expectNoSecrets(text, [API_KEY, DB_PASSWORD, EMAIL]);
    const line = JSON.parse(text.trim().split('\n')[0]!) as { message: string; rejection: boolean; process: { argv: string[] } };
    expect(line.rejection).toBe(true);
    expect(line.message).toContain('unhandledRejection: login failed for [REDACTED:email] via postgres://app:');
    expect(line.process.argv.slice(2)).toHaveLength(2);
  });

  it('a Console transport wrapped in RedactingTransport prints redacted lines, and redactFormat works under require', async () => {
    const { code, stdout } = await runChild(
      'console',
      `
      const winston = require('winston');
      const { RedactingTransport, redactFormat } = require(${JSON.stringify(adapter)});
      const { format } = winston;
      const wrapped = winston.createLogger({
        defaultMeta: { service: 'cli' },
        transports: [new RedactingTransport({ transport: new winston.transports.Console({ format: format.simple() }) })],
      });
      wrapped.info('signed in as ${EMAIL}', { password: ${JSON.stringify(PASSWORD)} });
      const formatted = winston.createLogger({
        format: format.combine(format.errors({ stack: true }), format.splat(), redactFormat(), format.json()),
        transports: [new winston.transports.Console()],
      });
      formatted.info('key %s', process.env.PAYMENT_KEY, { service: 'cli' });
      `,
      [],
      CRASH_ENV,
    );

    expect(code).toBe(0);
    expectNoSecrets(stdout, [EMAIL, PASSWORD, API_KEY]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^info: signed in as \[REDACTED:email\] \{.*"service":"cli"/);
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 'info', service: 'cli', message: expect.stringMatching(/^key \[REDACTED/) });
  });
});
