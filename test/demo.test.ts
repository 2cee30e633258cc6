/** The demo, run as a user runs it: `node examples/demo.mjs`, a real child process. */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const KEY = ['acme', 'live', '7Hq2Xv9LmR4tPz8WcK3nB6dY'].join('_');

function demo(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['examples/demo.mjs', ...args], { env: { ...process.env, NO_COLOR: '' } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), out: stdout + stderr });
    });
  });
}

/** The demo's output from one numbered section to the next. */
function section(out: string, n: number): string {
  const start = out.indexOf(`\n${n}. `);
  const end = out.indexOf(`\n${n + 1}. `, start + 1);
  return out.slice(start, end === -1 ? undefined : end);
}

describe('the demo', () => {
  it("shows the echoed key leaking with pino's native redact, hidden by hushlog, and audits the hushlog log", async () => {
    const { code, out } = await demo();
    const native = section(out, 1);
    expect(native).toContain('x-api-key    [Redacted]');
    expect(native).toContain(`msg          data requested with key ${KEY} ← leaked`);
    expect(native).toContain(`err.message  upstream rejected key ${KEY} ← leaked`);
    expect(native).toContain(`err.stack    Error: upstream rejected key ${KEY} ← leaked`);
    expect(native).toContain(`msg          calling upstream for ${KEY} ← leaked`);
    expect(native).toContain('the key leaked in 4 places');

    const hushlog = section(out, 2);
    expect(hushlog).not.toContain(KEY);
    expect(hushlog).toContain('msg          data requested with key [REDACTED:known-secret]');
    expect(hushlog).toContain('err.message  upstream rejected key [REDACTED:known-secret]');
    expect(hushlog).toContain('the key appears nowhere in the log');

    // The real command ran on the written file; it finds nothing where the key was echoed.
    const audit = section(out, 3);
    expect(audit).toContain('3. hushlog check hushlog.log');
    expect(audit).toMatch(/hushlog check: (no findings|\d+ findings?)/);
    expect(audit).not.toMatch(/hushlog\.log:\d+ {2}(msg|err\.message|err\.stack)$/m);
    expect(audit).toContain(`exit ${code}`);
  });

  it('shows the key leaking through hushlog when the request scope is left out and no key word names it', async () => {
    const hushlog = section((await demo('--no-scope')).out, 2);
    // "with key …" is caught by the key word alone; "for …" only by the request scope
    expect(hushlog).toContain('msg          data requested with key [REDACTED:kv]');
    expect(hushlog).toContain(`msg          calling upstream for ${KEY} ← leaked`);
    expect(hushlog).toContain('the key leaked in 1 place');
  });
});
