import { describe, expect, it } from 'vitest';
import {
  anthropic,
  awsAccessKeyId,
  databricks,
  digitalocean,
  github,
  githubPat,
  gitlab,
  googleApiKey,
  huggingface,
  npm,
  openai,
  pypi,
  sendgrid,
  shopify,
  slack,
  slackWebhook,
  stripe,
  twilio,
} from '../../src/detect/index.js';
import { b64url, base62, chars, findAll, githubToken, hex, redact } from './helpers.js';

const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const join = (...parts: string[]) => parts.join('');

describe('prefixed tokens', () => {
  it('finds AWS access key ids for every documented prefix', () => {
    for (const prefix of ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3TX']) {
      const id = prefix + chars(UPPER32, 16, 3);
      expect(findAll(awsAccessKeyId, `aws_access_key_id=${id} region`)).toEqual([id]);
    }
  });
  it('refuses AWS-like ids inside longer upper-case runs', () => {
    expect(findAll(awsAccessKeyId, 'X' + join('AKIA', chars(UPPER32, 16)))).toEqual([]);
    expect(findAll(awsAccessKeyId, join('AKIA', chars(UPPER32, 17)))).toEqual([]);
  });

  it('finds GitHub tokens whose checksum validates', () => {
    for (const kind of ['p', 'o', 'u', 's', 'r'] as const) {
      const token = githubToken(kind, kind.charCodeAt(0));
      expect(findAll(github, `token ${token}`)).toEqual([token]);
    }
  });
  it('refuses GitHub look-alikes with a wrong checksum', () => {
    expect(findAll(github, join('ghp_', base62(36, 4)))).toEqual([]);
  });
  it('finds fine-grained GitHub tokens', () => {
    const token = join('github_pat_', base62(22), '_', base62(59, 2));
    expect(findAll(githubPat, `GH_TOKEN=${token}`)).toEqual([token]);
  });

  it('finds GitLab personal access and other tokens', () => {
    const pat = join('glpat-', b64url(20, 5));
    const deploy = join('gldt-', b64url(24, 6));
    expect(findAll(gitlab, `${pat} and ${deploy}`)).toEqual([pat, deploy]);
  });

  it('finds Slack tokens and webhook paths', () => {
    const bot = join('xoxb-', '1234567890', '-', '1234567890123', '-', base62(24));
    const user = join('xoxp-', '1234567890', '-', '9876543210', '-', hex(32));
    expect(findAll(slack, `${bot} ${user}`)).toEqual([bot, user]);
    const path = join('T', chars(UPPER32, 8), '/B', chars(UPPER32, 8, 2), '/', base62(24, 3));
    expect(findAll(slackWebhook, `POST https://hooks.slack.com/services/${path} ok`)).toEqual([path]);
  });
  it('refuses Slack prefixes without digits', () => {
    expect(findAll(slack, 'xoxb-abcdefghijklmnop')).toEqual([]);
  });

  it('finds Stripe secret, restricted and webhook keys but not publishable keys', () => {
    const live = join('sk_', 'live_', base62(24));
    const test = join('rk_', 'test_', base62(99, 2));
    const hook = join('whsec_', base62(32, 3));
    expect(findAll(stripe, `${live} ${test} ${hook} ${join('pk_', 'live_', base62(24))}`)).toEqual([live, test, hook]);
  });

  it('finds Google API keys', () => {
    const key = join('AIza', b64url(35, 8));
    expect(findAll(googleApiKey, `key=${key}&x`)).toEqual([key]);
  });

  it('finds OpenAI legacy, project and service account keys', () => {
    const legacy = join('sk-', base62(20), 'T3BlbkFJ', base62(20, 2));
    const project = join('sk-', 'proj-', b64url(156, 3));
    const svc = join('sk-', 'svcacct-', b64url(120, 4));
    expect(findAll(openai, `${legacy} ${project} ${svc}`)).toEqual([legacy, project, svc]);
  });
  it('finds Anthropic keys and does not call them OpenAI keys', () => {
    const key = join('sk-', 'ant-', 'api03-', b64url(93, 2), 'AA');
    expect(findAll(anthropic, `ANTHROPIC_API_KEY=${key}`)).toEqual([key]);
    expect(findAll(openai, key)).toEqual([]);
  });

  it('finds npm, SendGrid, Twilio, Hugging Face, Databricks, DigitalOcean, PyPI and Shopify tokens', () => {
    const cases: [typeof npm, string][] = [
      [npm, join('npm_', base62(36))],
      [sendgrid, join('SG.', b64url(22), '.', b64url(43, 2))],
      [twilio, join('SK', hex(32))],
      [huggingface, join('hf_', base62(34))],
      [databricks, join('dapi', hex(32))],
      [digitalocean, join('dop_v1_', hex(64))],
      [digitalocean, join('doo_v1_', hex(64, 2))],
      [pypi, join('pypi-', 'AgEIcHlwaS5vcmc', b64url(70))],
      [shopify, join('shpat_', hex(32))],
      [shopify, join('shpss_', hex(32, 3))],
    ];
    for (const [detector, token] of cases) expect(findAll(detector, `value "${token}" logged`)).toEqual([token]);
  });
  it('leaves Twilio account SIDs alone', () => {
    expect(findAll(twilio, join('AC', hex(32)))).toEqual([]);
  });
  it('refuses tokens glued to other identifier characters', () => {
    expect(findAll(npm, join('xnpm_', base62(36)))).toEqual([]);
    expect(findAll(huggingface, join('hf_', base62(35)))).toEqual([]);
    expect(findAll(shopify, join('shpat_', hex(33)))).toEqual([]);
  });
});

describe('the shortest form of each format', () => {
  // The character facts that pick candidate detectors must follow from each pattern: its shortest
  // match has to be found alone (exact facts) and inside a long text (facts found natively) alike.
  const padding = ' lorem ipsum dolor sit amet'.repeat(12);
  const shortest: readonly [name: string, token: string][] = [
    ['slack', join('xoxb-', '1234567890')],
    ['stripe', join('whsec_', 'abc+def/ghi+jkl/mno+pqr/stu+vwx')],
    ['stripe', join('sk_live_', base62(16))],
    ['aws-access-key-id', join('AKIA', chars(UPPER32, 16))],
    ['gitlab', join('glpat-', base62(20))],
    ['google-api-key', join('AIza', base62(35))],
    ['anthropic', join('sk-ant-api03-', base62(20))],
    ['npm', join('npm_', base62(36))],
    ['twilio', join('SK', hex(32))],
    ['huggingface', join('hf_', base62(34))],
    ['databricks', join('dapi', hex(32))],
    ['shopify', join('shpat_', hex(32))],
    ['jwt', `${b64urlJson({ alg: '' })}.${b64urlJson({})}.`],
  ];
  for (const [name, token] of shortest) {
    it(`finds ${name} ${token.slice(0, 12)}… alone and inside a long text`, () => {
      expect(redact(`key ${token} end`)).toBe(`key [${name}] end`);
      expect(redact(`key ${token} end${padding}`)).toBe(`key [${name}] end${padding}`);
    });
  }
  it('finds a Slack webhook whose path is cut into short segments, alone and inside a long text', () => {
    const url = 'https://hooks.slack.com/services/T0/B0/abc/def/ghi/jkl/mnop';
    expect(redact(url)).toBe('https://hooks.slack.com/services/[slack-webhook]');
    expect(redact(url + padding)).toBe(`https://hooks.slack.com/services/[slack-webhook]${padding}`);
  });
});

function b64urlJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
