/**
 * Vendor tokens recognised by their published prefixes. Each detector's prefilter asks for a text
 * of at least MIN_TOKEN_TEXT characters, a run of token characters (TOKEN_RUN, unless the format
 * allows `+` or `/` inside) and one of its case-sensitive prefixes, so clean text never runs the
 * patterns. Every fact asked for must follow from the pattern: the shortest match of each pattern
 * holds it. Every pattern is bounded on the left by a lookbehind (no start inside a longer run).
 */
import type { DetectorDefinition } from './types.js';
import { isGitHubTokenChecksumValid } from './crc32.js';
import { DASH, SCHEME, DOT, NON_HEX_LOWER, TOKEN_RUN, UNDERSCORE, UPPER, exactFacts, withFacts, type TextProfile } from './facts.js';

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

/** The length of the shortest token any pattern here matches (Slack: `xoxb-` and 10 characters). */
export const MIN_TOKEN_TEXT = 15;

/**
 * Builds a prefilter: a text long enough, a run of token characters (unless `tokenRun` is false)
 * and one of the case-sensitive token prefixes.
 */
export function tokenPrefilter(literals: TokenLiterals, tokenRun = true): (text: string, profile: TextProfile) => boolean {
  // the run fact a text must hold, or 0 when the format does not imply one
  const run = tokenRun ? TOKEN_RUN : 0;
  if ('sep' in literals) {
    const { sep, before } = literals;
    const hint = literals.hint ?? sep;
    return (text, profile) =>
      text.length >= MIN_TOKEN_TEXT && (run === 0 || profile.has(run)) && text.includes(hint) && hasPrefixBefore(text, sep, before);
  }
  const list = literals as readonly string[];
  if (list.length === 0) return () => false;
  return (text, profile) => {
    if (text.length < MIN_TOKEN_TEXT || (run !== 0 && !profile.has(run))) return false;
    for (const literal of list) if (text.includes(literal)) return true;
    return false;
  };
}

/** How a token format is checked beyond its prefix. */
interface TokenOptions extends Pick<DetectorDefinition, 'validate' | 'group'> {
  /** False when the format allows characters that end a token run (`+`, `/`), so TOKEN_RUN is not implied. */
  readonly tokenRun?: boolean;
}

function define(name: string, literals: TokenLiterals, pattern: RegExp, options: TokenOptions = {}): DetectorDefinition {
  const { tokenRun = true, ...extra } = options;
  const shapes = literalFacts(literals);
  const detector = { name, prefilter: tokenPrefilter(literals, tokenRun), pattern, ...extra };
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

/** AWS access key IDs: `AKIA`/`ASIA`/`ABIA`/`ACCA`/`A3T?` + 16 base32 characters. Refuses: longer upper-case runs. */
export const awsAccessKeyId = define(
  'aws-access-key-id',
  ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
  /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
);

/**
 * GitHub classic tokens `ghp_ gho_ ghu_ ghs_ ghr_` + 36 base62 characters whose last 6 are the
 * base62 CRC-32 of the 30 before them. Refuses: look-alikes with a wrong checksum.
 */
export const github = define('github', { sep: '_', before: ['ghp', 'gho', 'ghu', 'ghs', 'ghr'] }, /\bgh[pousr]_[A-Za-z0-9]{36}\b/g, {
  validate: (m) => isGitHubTokenChecksumValid(m[0]),
});

/** GitHub fine-grained personal access tokens: `github_pat_` + 22 + `_` + 59 base62 characters. */
export const githubPat = define('github-pat', { sep: '_', before: ['github'] }, /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/g);

/** GitLab tokens: `glpat-` (and `gldt- glrt- glptt- glcbt- glsoat- glft- gloas- glagent- glimt-`) + 20 or more characters. */
export const gitlab = define(
  'gitlab',
  { sep: '-', before: ['glpat', 'gldt', 'glrt', 'glptt', 'glcbt', 'glsoat', 'glft', 'gloas', 'glagent', 'glimt'], hint: 'gl' },
  /(?<![\w-])gl(?:pat|dt|rt|ptt|cbt|soat|ft|oas|agent|imt)-[\w-]{20,}(?:\.[\w-]{1,64}){0,2}/g,
);

/** Slack tokens `xoxb- xoxp- xoxa- xoxo- xoxs- xoxr- xoxe-` and `xapp-` (10+ characters, at least one digit). */
export const slack = define('slack', ['xox', 'xapp-'], /(?<![\w-])(?:xoxe\.)?(?:xox[abposer]|xapp)-[A-Za-z0-9-]{10,}(?![\w-])/g, {
  validate: (m) => /\d/.test(m[0]),
});

/** Slack incoming webhook URLs: the path after `hooks.slack.com/services/` (group 1) is the secret. */
export const slackWebhook: DetectorDefinition = withFacts(
  {
    name: 'slack-webhook',
    prefilter: (t, p) => p.has(SCHEME) && t.includes('hooks.slack.com/'),
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([\w/+-]{20,})/g,
    group: 1,
  },
  // the prefilter needs `://` and `hooks.slack.com/`; the path may be cut by `/` into short runs
  SCHEME | DOT,
  SCHEME | DOT,
);

/**
 * Stripe secret and restricted keys `sk_live_ sk_test_ rk_live_ rk_test_`, and webhook secrets
 * `whsec_` (base64, so `+` and `/` may cut every token run short). Publishable `pk_` keys stay.
 */
export const stripe = define(
  'stripe',
  { sep: '_', before: ['sk', 'rk', 'whsec'] },
  /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/=]{24,})(?!\w)/g,
  { tokenRun: false },
);

/** Google API keys: `AIza` + 35 characters. */
export const googleApiKey = define('google-api-key', ['AIza'], /(?<![\w-])AIza[\w-]{35}(?![\w-])/g);

/** OpenAI keys: `sk-proj- sk-svcacct- sk-admin- sk-None-` + 40 or more, and legacy `sk-` + 48 alphanumerics (`…T3BlbkFJ…`). */
export const openai = define(
  'openai',
  { sep: '-', before: ['sk'], hint: 'k-' },
  /(?<![\w-])sk-(?:(?:proj|svcacct|admin|None)-[\w-]{40,}|[A-Za-z0-9]{48})(?![\w-])/g,
);

/** Anthropic keys: `sk-ant-api03-…`, `sk-ant-admin01-…` and other `sk-ant-<kind><nn>-` keys. */
export const anthropic = define('anthropic', { sep: '-', before: ['sk'], hint: 'k-ant-' }, /(?<![\w-])sk-ant-[a-z]{2,8}\d{2}-[\w-]{20,}/g);

/** npm access tokens: `npm_` + 36 base62 characters. */
export const npm = define('npm', { sep: '_', before: ['npm'] }, /\bnpm_[A-Za-z0-9]{36}\b/g);

/** SendGrid API keys: `SG.` + 22 + `.` + 43 base64url characters. */
export const sendgrid = define('sendgrid', ['SG.'], /(?<![\w-])SG\.[\w-]{22}\.[\w-]{43}(?![\w-])/g);

/**
 * Twilio API key SIDs `SK` + 32 hex. Account SIDs (`AC…`) are identifiers that appear in every
 * Twilio API URL, so they stay.
 */
export const twilio = define('twilio', ['SK'], /\bSK[0-9a-fA-F]{32}\b/g);

/** Hugging Face access tokens: `hf_` + 34 alphanumerics. */
export const huggingface = define('huggingface', { sep: '_', before: ['hf'] }, /\bhf_[A-Za-z0-9]{34}\b/g);

/** Databricks personal access tokens: `dapi` + 32 hex (optionally `-<n>`). */
export const databricks = define('databricks', ['dapi'], /\bdapi[a-f0-9]{32}(?:-\d)?(?![\w-])/g);

/** DigitalOcean tokens: `dop_v1_ doo_v1_ dor_v1_` + 64 hex. */
export const digitalocean = define('digitalocean', { sep: '_', before: ['dop', 'doo', 'dor'] }, /\bdo[opr]_v1_[a-f0-9]{64}\b/g);

/** PyPI upload tokens: `pypi-AgEIcHlwaS5vcmc` (or the TestPyPI macaroon head) + 50 or more characters. */
export const pypi = define(
  'pypi',
  { sep: '-', before: ['pypi'], hint: 'ypi-' },
  /(?<![\w-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w-]{50,}/g,
);

/** Shopify tokens: `shpat_ shpca_ shppa_ shpss_` + 32 hex. */
export const shopify = define(
  'shopify',
  { sep: '_', before: ['shpat', 'shpca', 'shppa', 'shpss'] },
  /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g,
);

/** All prefixed-token detectors, in priority order. */
export const TOKEN_DETECTORS: readonly DetectorDefinition[] = [
  awsAccessKeyId,
  github,
  githubPat,
  gitlab,
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
