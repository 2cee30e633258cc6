import type { Policy } from '@hushlog/core';
import winston from 'winston';
import { describe, expect, it } from 'vitest';
import { redactFormat, redactJson, redactSplat } from '../src/index.js';
import { SPLAT } from '../src/symbols.js';
import { CARD, EMAIL, PASSWORD, expectNoSecrets, lineSink, settle, snapshot } from './fixtures.js';

const { format } = winston;

/** An order reference: private by the policy's path rule only, no detector knows it. */
const ORDER_REF = 'ORD-7731-PRIVATE';

/** A format between splat() and the redacting one that rewrites the message: it prefixes it and cuts it short, as a "short message" format does. */
const shortMessage = format((info) => {
  info.message = `[api] ${String(info.message)}`.slice(0, 70);
  return info;
});

function logger(formats: winston.Logform.Format[]) {
  const sink = lineSink();
  const log = winston.createLogger({
    format: format.combine(...formats),
    transports: [new winston.transports.Stream({ stream: sink.stream })],
  });
  return { log, sink };
}

describe('redactSplat before splat()', () => {
  it('applies a path rule to a %j argument as a value', async () => {
    const policy: Policy = { paths: ['order.ref'] };
    const { log, sink } = logger([redactSplat(policy), format.splat(), redactJson(policy)]);
    log.info('test %j', { order: { ref: 'ORD-7731-PRIVATE', total: 12 } });
    await settle();

    expect(JSON.parse(sink.lines[0]!).message).toBe('test {"order":{"ref":"[REDACTED]","total":12}}');
  });

  it('keeps a path rule inside a %o argument even when a later format rewrites the message', async () => {
    const policy: Policy = { paths: ['order.ref'] };
    const order = { order: { ref: ORDER_REF, total: 12, currency: 'EUR', lines: 3 } };
    const withIt = logger([redactSplat(policy), format.splat(), shortMessage(), redactJson(policy)]);
    const without = logger([format.splat(), shortMessage(), redactJson(policy)]);
    for (const { log } of [withIt, without]) log.info('charging %o', order);
    await settle();

    expectNoSecrets(withIt.sink.text(), [ORDER_REF]);
    expect(JSON.parse(withIt.sink.lines[0]!).message).toBe("[api] charging { order: { ref: '[REDACTED]', total: 12, currency: 'EUR");
    // Without it, the rendered argument is only text once the message was cut, and no text rule
    // knows the path: this is the case redactSplat exists for.
    expect(without.sink.text()).toContain(ORDER_REF);
  });

  it('redacts the extra argument that splat() merges into meta, and info[SPLAT]', async () => {
    const seen: unknown[] = [];
    const capture = format((info) => {
      seen.push(info[SPLAT]);
      return info;
    });
    const { log, sink } = logger([redactSplat(), format.splat(), capture(), redactFormat(), format.json()]);
    log.info('order %s paid by %s', 'ord_9', EMAIL, { card: CARD, holder: 'Jane Doe' });
    await settle();

    expectNoSecrets(sink.text());
    expect(JSON.parse(sink.lines[0]!)).toMatchObject({ message: 'order ord_9 paid by [REDACTED:email]', holder: 'Jane Doe' });
    expectNoSecrets(JSON.stringify(seen));
  });

  it("never writes to the caller's arguments, even frozen ones", async () => {
    const arg = Object.freeze({ user: Object.freeze({ name: 'Jane', password: PASSWORD }) });
    const before = snapshot(arg);
    const { log, sink } = logger([redactSplat(), format.splat(), redactJson()]);
    expect(() => log.info('login %o', arg)).not.toThrow();
    await settle();

    expect(snapshot(arg)).toBe(before);
    expectNoSecrets(sink.text());
    expect(JSON.parse(sink.lines[0]!).message).toContain("password: '[REDACTED]'");
  });

  it('returns the info it was given when there is nothing to redact in the arguments', () => {
    const info = { level: 'info', message: 'count %d', [SPLAT]: [3] } as unknown as winston.Logform.TransformableInfo;
    expect(redactSplat().transform(info)).toBe(info);
  });
});
