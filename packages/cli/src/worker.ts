/**
 * A redaction worker of `hushlog --jobs N`: it compiles the policy once, then redacts batches of
 * whole lines (the last batch of an input may end without a newline) with the core line pipeline,
 * and sends back the output bytes and its counts so far.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRedactor, LinePipeline, type Policy } from '@hushlog/core';

/** What the main thread sends: a batch of input bytes, and whether it ends an input. */
export interface BatchMessage {
  readonly id: number;
  readonly bytes: ArrayBuffer;
  readonly end: boolean;
}

/** The worker's setup. */
export interface WorkerSetup {
  readonly policy: Policy | undefined;
  readonly maxLineBytes: number;
}

const setup = workerData as WorkerSetup;
const pipeline = new LinePipeline(createRedactor(setup.policy), { maxLineBytes: setup.maxLineBytes });
const encoder = new TextEncoder();

parentPort!.on('message', (m: BatchMessage) => {
  let text = pipeline.push(Buffer.from(m.bytes));
  if (m.end) text += pipeline.end();
  const out = encoder.encode(text);
  parentPort!.postMessage({ id: m.id, out, stats: pipeline.stats }, [out.buffer as ArrayBuffer]);
});
