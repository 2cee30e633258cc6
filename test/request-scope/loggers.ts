/**
 * Module-level loggers, made once when this module loads, as an app or a library makes them: a
 * pino logger with pinoRedaction(), a winston logger with redactFormat(), and a standalone
 * redactor. No request object reaches them; only the request scope tells them the request's keys.
 */
import { Writable } from 'node:stream';
import { createRedactor } from '@hushlog/core';
import { pinoRedaction } from '@hushlog/pino';
import { redactFormat } from '@hushlog/winston';
import pino from 'pino';
import winston from 'winston';

/** Every line each module-level logger wrote, by logger. */
export const written: Record<'pino' | 'winston' | 'standalone', string[]> = { pino: [], winston: [], standalone: [] };

const pinoLogger = pino({ ...pinoRedaction(), base: undefined }, { write: (line: string) => written.pino.push(line) });

const winstonLogger = winston.createLogger({
  format: winston.format.combine(winston.format.splat(), redactFormat(), winston.format.json()),
  transports: [
    new winston.transports.Stream({
      stream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          written.winston.push(String(chunk));
          done();
        },
      }),
    }),
  ],
});

const standalone = createRedactor();

/** What a library deep in the call stack does: logs a message through each module-level logger. */
export function logEverywhere(message: string): void {
  pinoLogger.info(message);
  winstonLogger.info(message);
  written.standalone.push(standalone.redactString(message));
}

/** Forgets every line written so far. */
export function clearWritten(): void {
  for (const lines of Object.values(written)) lines.length = 0;
}
