// The suites, in run order. To add one, write a module exporting `name`, `title`, `description`, `libraries` (package names
// whose versions go in RESULTS.md) and `register(s, ctx)`, which calls `s.add(case)` and
// `s.check(ratioCheck)` (see lib/harness.mjs for their shapes), then list it here.
import * as paths from './paths.mjs';
import * as defaultPolicy from './default-policy.mjs';
import * as text from './text.mjs';

export const suites = [paths, defaultPolicy, text];
suites.push(await import('./pino.mjs')); // @hushlog/pino end to end
suites.push(await import('./winston.mjs')); // @hushlog/winston end to end
suites.push(await import('./cli.mjs')); // the hushlog command's line pipeline (MB/s)
suites.push(await import('./command.mjs')); // the hushlog command end to end on HTTP-style NDJSON, --jobs 1 and 2
suites.push(await import('./linear.mjs')); // linear time on adversarial strings
