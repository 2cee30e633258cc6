/**
 * Fail-closed through the adapters: a custom detector or censor that throws never stops a line,
 * never lets the value through raw. Real pino and winston loggers, built packages.
 */
import { Writable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { pinoRedaction } from '@hushlog/pino';
import { redactFormat } from '@hushlog/winston';
import type { CustomDetector } from '@hushlog/core';
import pino from 'pino';
import winston from 'winston';
import { describe, expect, it } from 'vitest';

const ORDER_TOKEN = 'ot_4f9a2c7e1b3d5f8a0c2e4b6d';
const EMAIL = 'jane@example.com';

function boom(): never {
  throw new Error('detector failed');
}
const throwingCensor: CustomDetector = { name: 'order-token', pattern: /\bot_[a-z0-9]{24}\b/g, keywords: ['ot_'], censor: boom };
const throwingValidate: CustomDetector = { name: 'order-token', pattern: /\bot_[a-z0-9]{24}\b/g, keywords: ['ot_'], validate: boom };

function sink(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line !== '') lines.push(line);
      callback();
    },
  });
  return { stream, lines };
}

describe('adapters with a custom detector that throws', () => {
  it('lets a real pino logger still write the line, with the match censored', () => {
    for (const detector of [throwingCensor, throwingValidate]) {
      const { stream, lines } = sink();
      const logger = pino(pinoRedaction({ customDetectors: [detector] }), stream);
      logger.info({ order: ORDER_TOKEN, user: { email: EMAIL } }, 'shipped %s to %s', ORDER_TOKEN, EMAIL);
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
      expect(lines[0]).not.toContain(ORDER_TOKEN);
      expect(lines[0]).not.toContain(EMAIL);
      expect(line.msg).toMatch(/^shipped \[REDACTED(?::order-token)?\] to \[REDACTED:email\]$/);
      expect(line.user).toEqual({ email: '[REDACTED]' });
    }
  });

  it('lets a real winston logger still write the line, with the match censored', async () => {
    for (const detector of [throwingCensor, throwingValidate]) {
      const { stream, lines } = sink();
      const logger = winston.createLogger({
        format: winston.format.combine(winston.format.splat(), redactFormat({ customDetectors: [detector] }), winston.format.json()),
        transports: [new winston.transports.Stream({ stream })],
      });
      logger.info(`shipped ${ORDER_TOKEN}`, { order: ORDER_TOKEN, email: EMAIL });
      await tick();
      await tick();
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toContain(ORDER_TOKEN);
      expect(lines[0]).not.toContain(EMAIL);
      expect(JSON.parse(lines[0] as string)).toMatchObject({ message: expect.stringMatching(/^shipped \[REDACTED/) as unknown });
    }
  });
});
