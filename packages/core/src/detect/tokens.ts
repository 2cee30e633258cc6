/**
 * Vendor tokens recognised by their published prefixes. Each detector's prefilter asks for a text
 * of at least MIN_TOKEN_TEXT characters, a run of token characters (TOKEN_RUN, unless the format
 * allows `+` or `/` inside) and one of its case-sensitive prefixes, so clean text never runs the
 * patterns. Every fact asked for must follow from the pattern: the shortest match of each pattern
 * holds it. Every pattern is bounded on the left by a lookbehind (no start inside a longer run).
 */
import type { DetectorDefinition } from './types.js';
import { isGitHubTokenChecksumValid } from './crc32.js';
import { isPlaceholderBody } from './entropy.js';
import { DASH, DOT, NON_HEX_LOWER, TOKEN_RUN, UNDERSCORE, UPPER, exactFacts, withFacts, type TextProfile } from './facts.js';

/**
 * How a token prefix is searched: `{ sep, before }` finds each `sep` (a rare character such as `_`,
 * `-`, `.`) and checks whether one of the `before` strings ends right there; a plain string list
 * is searched with `includes` (use it for literals that start with a rare character, like `AKIA`).
 * `hint` is a literal with a rare first character that must also be present (checked first).
 */
export type TokenLiterals = readonly string[] | { readonly sep: string; readonly before: readonly string[]; readonly hint?: string };

/** True when `text` holds `sep` right after one of `before` (e.g. `ghp` then `_`). */
export function hasPrefixBefore(text: string, sep: string, before: readonly string[]): boolean {
  let i = text.indexOf(sep);
  while (i !== -1) {
    const last = text.charCodeAt(i - 1);
    for (const b of before) {
      if (b.charCodeAt(b.length - 1) === last && i >= b.length && text.startsWith(b, i - b.length)) return true;
    }
    i = text.indexOf(sep, i + 1);
  }
  return false;
}

/** The length of the shortest token any pattern here matches (Slack: `xoxa-` and 9 characters). */
export const MIN_TOKEN_TEXT = 14;

/**
 * Builds a prefilter: a text of `minLength` or more, a run of token characters (unless `tokenRun` is false)
 * and one of the case-sensitive token prefixes.
 */
export function tokenPrefilter(
  literals: TokenLiterals,
  tokenRun = true,
  minLength = MIN_TOKEN_TEXT,
): (text: string, profile: TextProfile) => boolean {
  // the run fact a text must hold, or 0 when the format does not imply one
  const run = tokenRun ? TOKEN_RUN : 0;
  if ('sep' in literals) {
    const { sep, before } = literals;
    const hint = literals.hint ?? sep;
    return (text, profile) =>
      text.length >= minLength && (run === 0 || profile.has(run)) && text.includes(hint) && hasPrefixBefore(text, sep, before);
  }
  const list = literals as readonly string[];
  if (list.length === 0) return () => false;
  return (text, profile) => {
    if (text.length < minLength || (run !== 0 && !profile.has(run))) return false;
    for (const literal of list) if (text.includes(literal)) return true;
    return false;
  };
}

/** How a token format is checked beyond its prefix. */
interface TokenOptions extends Pick<DetectorDefinition, 'validate' | 'group' | 'validatorRefinesOnly'> {
  /** False when the format allows characters that end a token run (`+`, `/`), so TOKEN_RUN is not implied. */
  readonly tokenRun?: boolean;
  /** The length of the format's shortest match, when longer than MIN_TOKEN_TEXT (a cheap first refusal). */
  readonly minLength?: number;
}

function define(name: string, literals: TokenLiterals, pattern: RegExp, options: TokenOptions = {}): DetectorDefinition {
  const { tokenRun = true, minLength = MIN_TOKEN_TEXT, ...extra } = options;
  const shapes = literalFacts(literals);
  const detector = { name, prefilter: tokenPrefilter(literals, tokenRun, minLength), pattern, ...extra };
  if (tokenRun) return withFacts(detector, TOKEN_RUN, TOKEN_RUN | shapes);
  // without the run, the prefix's own shape facts pick the strings (none known: always a candidate)
  return shapes === 0 ? detector : withFacts(detector, shapes, shapes);
}

/**
 * The separator and letter facts that every prefix of a token format holds (the prefilter finds
 * the prefix in the text, so the text holds them too): a lower-case hex trace ID has no `_`, `-`,
 * upper case or letter past `f`, so it skips every format that needs one.
 */
function literalFacts(literals: TokenLiterals): number {
  const SHAPES = UNDERSCORE | DASH | DOT | UPPER | NON_HEX_LOWER;
  const shapes = (text: string) => exactFacts(text) & SHAPES;
  const all = (list: readonly string[]) => list.reduce((facts, literal) => facts & shapes(literal), SHAPES);
  if ('sep' in literals) return shapes(literals.sep) | all(literals.before);
  return all(literals as readonly string[]);
}

/** The random part of a token starts after its first `sep` (`glpat-…`, `sk_live_…` take the first). */
function bodyAfter(token: string, sep: string): number {
  return token.indexOf(sep) + 1;
}

/** A validator that refuses placeholder bodies (see entropy.ts); the body starts after the first `sep`. */
function randomBodyAfter(sep: string): NonNullable<DetectorDefinition['validate']> {
  return (m) => !isPlaceholderBody(m[0], bodyAfter(m[0], sep));
}

/** A validator that refuses placeholder bodies; the body starts `prefix` characters in. */
function randomBodyFrom(prefix: number): NonNullable<DetectorDefinition['validate']> {
  return (m) => !isPlaceholderBody(m[0], prefix);
}

/**
 * AWS access key IDs: `AKIA`/`ASIA`/`ABIA`/`ACCA`/`A3T?` + 16 upper-case letters or digits.
 * Refuses: longer upper-case runs, placeholders (`AKIAXXXXXXXXXXXXXXXX`) and AWS's documented
 * example IDs (ending in `EXAMPLE`). In a SigV4 credential scope (`AKIA…/20250101/us-east-1/…`)
 * only the ID matches.
 */
export const awsAccessKeyId = define(
  'aws-access-key-id',
  ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
  /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  { validate: (m) => !m[0].endsWith('EXAMPLE') && !isPlaceholderBody(m[0], 4), validatorRefinesOnly: true },
);

/**
 * AWS STS session tokens (`X-Amz-Security-Token`, `AWS_SESSION_TOKEN`): the whole base64 value,
 * which starts `IQoJb3JpZ2luX2Vj` (current tokens) or `FwoGZXIvYXdz`/`FQoGZXIvYXdz` (older ones)
 * and runs for hundreds of characters. URL-encoded forms (`%2F`, `%2B`, `%3D`) are taken whole.
 */
export const awsSessionToken = define(
  'aws-session-token',
  ['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz', 'FQoGZXIvYXdz'],
  /(?<![A-Za-z0-9+/%])(?:IQoJb3JpZ2luX2Vj|F[wQ]oGZXIvYXdz)[A-Za-z0-9+/%]{100,}={0,2}/g,
  { tokenRun: false, minLength: 112 },
);

/**
 * GitHub tokens `ghp_ gho_ ghu_ ghs_ ghr_` + 36 base62 characters whose last 6 are the base62
 * CRC-32 of the 30 before them, and the stateless installation tokens `ghs_<app id>_<JWT>`
 * (a signed JWT, which carries no CRC). Refuses: 36-character look-alikes with a wrong checksum.
 */
export const github = define(
  'github',
  { sep: '_', before: ['ghp', 'gho', 'ghu', 'ghs', 'ghr'] },
  /\bgh[pousr]_[A-Za-z0-9]{36}\b|\bghs_\d{1,20}_[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g,
  { validate: (m) => m[0].length > 40 || isGitHubTokenChecksumValid(m[0]) },
);

/** GitHub fine-grained personal access tokens: `github_pat_` + 82 base62 characters and `_` (22, `_`, 59 today). */
export const githubPat = define('github-pat', { sep: '_', before: ['github'] }, /\bgithub_pat_\w{82,255}\b/g, {
  validate: randomBodyFrom(11),
  validatorRefinesOnly: true,
});

/**
 * GitLab tokens: `glpat-` (also the routable `glpat-….xxxxxxxxx`) and `gldt- glrt- glptt- glcbt-
 * glsoat- glft- glffct- gloas- glagent- glimt-` + 20 or more characters; runner registration tokens
 * `GR1348941` + 20. Refuses: placeholders (`glpat-XXXXXXXXXXX-XXXXXXXX`, `GR1348941XXXX…`).
 */
export const gitlab = define(
  'gitlab',
  { sep: '-', before: ['glpat', 'gldt', 'glrt', 'glptt', 'glcbt', 'glsoat', 'glft', 'glffct', 'gloas', 'glagent', 'glimt'], hint: 'gl' },
  /(?<![\w-])gl(?:pat|dt|rt|ptt|cbt|soat|ft|ffct|oas|agent|imt)-[\w-]{20,}(?:\.[\w-]{1,64}){0,2}/g,
  { validate: randomBodyAfter('-'), validatorRefinesOnly: true },
);

/** GitLab runner registration tokens: `GR1348941` + 20 or more characters. */
export const gitlabRunner = define('gitlab', ['GR1348941'], /(?<![\w-])GR1348941[\w-]{20,}(?![\w-])/g, {
  validate: randomBodyFrom(9),
  validatorRefinesOnly: true,
});

/**
 * Slack tokens, in the documented shapes of each kind: bot `xoxb-<team>-<bot>-<secret>` (and the
 * legacy `xoxb-<id>-<24>`), user `xoxp-`/`xoxe-` with two or three numeric parts (and a 28–34 character
 * secret), configuration `xoxe.xoxp-1-…` and refresh `xoxe-1-…`, legacy workspace `xoxa-`/`xoxr-`,
 * legacy `xoxo-`/`xoxs-`, and app-level `xapp-1-…`. Refuses: `xoxb-12345-abcd234`,
 * `xoxp-1234567890`, `xoxp-1234-1234-1234-…`, words (`xoxb-my-bot-token`), `xxxx` placeholders.
 */
export const slack = define(
  'slack',
  ['xox', 'xapp-'],
  /(?<![\w-])(?:xoxb-\d{8,14}-(?:\d{8,14}(?:-[A-Za-z0-9]+)*|[A-Za-z0-9]{18,26})|xox[pe](?:-\d{8,14}){2,3}(?:-[A-Za-z0-9]{28,34})?|xoxe-\d-[A-Za-z0-9]{146}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166}|xox[ar]-(?:\d-)?[A-Za-z0-9]{9,48}(?:-[A-Za-z0-9]+)*|xox[os]-\d{6,14}(?:-\d{6,14})+(?:-[A-Fa-f0-9]+)?|xapp-\d-[A-Za-z0-9]{8,}-\d{8,}-[A-Za-z0-9]{16,})(?![\w-])/g,
  // the legacy xoxa-/xoxr- shape also takes words (`xoxa-faketoken`): a token holds a digit
  { validate: (m) => /\d/.test(m[0]), validatorRefinesOnly: true },
);

/** The shortest Slack webhook text: `hooks.slack.com/` + `triggers/` + 20 characters. */
const SLACK_WEBHOOK_MIN = 45;

/**
 * Slack webhook URLs, with or without the scheme: the path after `hooks.slack.com/services/`
 * (or `/workflows/`, `/triggers/`) is the secret (group 1).
 */
export const slackWebhook: DetectorDefinition = withFacts(
  {
    name: 'slack-webhook',
    // `k.com/` first: a search costs one comparison per occurrence of its first character, and
    // `k` is rarer in log text than `h`, `s` or `.`
    prefilter: (t) => t.length >= SLACK_WEBHOOK_MIN && t.includes('k.com/') && t.includes('hooks.slack.com/'),
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([\w/+-]{20,})/g,
    group: 1,
  },
  // the prefilter needs `hooks.slack.com/` (a dot and letters past f); the path may be cut by `/`
  // into short runs
  DOT | NON_HEX_LOWER,
  DOT | NON_HEX_LOWER,
);

/**
 * Stripe secret and restricted keys `sk_` and `rk_` in every environment (`live`, `test`,
 * `prod`), and webhook secrets `whsec_` (base64, so `+` and `/` may cut every token run short).
 * Publishable `pk_` keys stay, and so do placeholders (`sk_test_xxxxxxxx…`).
 */
export const stripe = define(
  'stripe',
  { sep: '_', before: ['sk', 'rk', 'whsec'] },
  /\b(?:(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9+/=]{24,})(?!\w)/g,
  { tokenRun: false, validate: (m) => !isPlaceholderBody(m[0], m[0].lastIndexOf('_') + 1), validatorRefinesOnly: true },
);

/** Google API keys: `AIza` + 35 characters. Refuses: placeholders (`AIzaaaaa…`), other cases (`AIZA…`). */
export const googleApiKey = define('google-api-key', ['AIza'], /(?<![\w-])AIza[\w-]{35}(?![\w-])/g, {
  validate: randomBodyFrom(4),
  validatorRefinesOnly: true,
});

/** OpenAI keys: `sk-proj- sk-svcacct- sk-admin- sk-None-` + 40 or more, and legacy `sk-` + 48 alphanumerics (`…T3BlbkFJ…`). */
export const openai = define(
  'openai',
  { sep: '-', before: ['sk'], hint: 'k-' },
  /(?<![\w-])sk-(?:(?:proj|svcacct|admin|None)-[\w-]{40,}|[A-Za-z0-9]{48})(?![\w-])/g,
  { validate: (m) => !isPlaceholderBody(m[0], m[0].lastIndexOf('-', 12) + 1), validatorRefinesOnly: true },
);

/**
 * Anthropic keys: API keys `sk-ant-api03-` and admin keys `sk-ant-admin01-` (93 characters then
 * `AA`), and the other `sk-ant-<kind><nn>-` tokens (OAuth `oat01`, `ort01`) of 40 or more.
 * Refuses: API and admin keys that are too short or do not end in `AA`.
 */
export const anthropic = define(
  'anthropic',
  { sep: '-', before: ['sk'], hint: 'k-ant-' },
  /(?<![\w-])sk-ant-(?:(?:api03|admin01)-[\w-]{93}AA|(?!api03-|admin01-)[a-z]{2,8}\d{2}-[\w-]{40,})(?![\w-])/g,
  { validate: randomBodyFrom(7), validatorRefinesOnly: true },
);

/** npm access tokens: `npm_` + 36 base62 characters. */
export const npm = define('npm', { sep: '_', before: ['npm'] }, /\bnpm_[A-Za-z0-9]{36}\b/g, {
  validate: randomBodyFrom(4),
  validatorRefinesOnly: true,
});

/** SendGrid API keys: `SG.` + 66 base64url characters and dots (22, `.`, 43 as issued). */
export const sendgrid = define('sendgrid', ['SG.'], /(?<![\w-])SG\.[\w.=-]{66}(?![\w-])/g, {
  validate: randomBodyFrom(3),
  validatorRefinesOnly: true,
});

/**
 * Twilio API key SIDs `SK` + 32 hex. Account SIDs (`AC…`) are identifiers that appear in every
 * Twilio API URL, so they stay.
 */
export const twilio = define('twilio', ['SK'], /\bSK[0-9a-fA-F]{32}\b/g, { validate: randomBodyFrom(2), validatorRefinesOnly: true });

/**
 * Hugging Face access tokens `hf_` + 34 alphanumerics, and organization tokens `api_org_` + 34
 * letters. Refuses: longer identifiers that start the same way, placeholders (`hf_xxxx…`).
 */
export const huggingface = define('huggingface', { sep: '_', before: ['hf', 'org'] }, /\b(?:hf|api_org)_[A-Za-z0-9]{34}\b/g, {
  validate: (m) => !isPlaceholderBody(m[0], m[0].lastIndexOf('_') + 1),
  validatorRefinesOnly: true,
});

/** Databricks personal access tokens: `dapi` + 32 hex, lower or upper case (optionally `-<n>`). */
export const databricks = define('databricks', ['dapi'], /\bdapi(?:[a-f0-9]{32}|[A-F0-9]{32})(?:-\d)?(?![\w-])/g, {
  validate: randomBodyFrom(4),
  validatorRefinesOnly: true,
});

/** DigitalOcean tokens: `dop_v1_ doo_v1_ dor_v1_` + 64 hex. */
export const digitalocean = define('digitalocean', { sep: '_', before: ['dop', 'doo', 'dor'] }, /\bdo[opr]_v1_[a-f0-9]{64}\b/g, {
  validate: randomBodyFrom(7),
  validatorRefinesOnly: true,
});

/** PyPI upload tokens: `pypi-AgEIcHlwaS5vcmc` (or the TestPyPI macaroon head) + 50 or more characters. */
export const pypi = define(
  'pypi',
  { sep: '-', before: ['pypi'], hint: 'ypi-' },
  /(?<![\w-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w-]{50,}/g,
);

/** Shopify tokens: `shpat_ shpca_ shppa_ shpua_ shpss_` + 32 hex, in either case. */
export const shopify = define(
  'shopify',
  { sep: '_', before: ['shpat', 'shpca', 'shppa', 'shpua', 'shpss'] },
  /\bshp(?:at|ca|pa|ua|ss)_[a-fA-F0-9]{32}\b/g,
  { validate: randomBodyFrom(6), validatorRefinesOnly: true },
);

/** All prefixed-token detectors, in priority order. */
export const TOKEN_DETECTORS: readonly DetectorDefinition[] = [
  awsAccessKeyId,
  awsSessionToken,
  github,
  githubPat,
  gitlab,
  gitlabRunner,
  slackWebhook,
  slack,
  stripe,
  googleApiKey,
  anthropic,
  openai,
  npm,
  sendgrid,
  twilio,
  huggingface,
  databricks,
  digitalocean,
  pypi,
  shopify,
];
