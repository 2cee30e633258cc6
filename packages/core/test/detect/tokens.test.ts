import { describe, expect, it } from 'vitest';
import {
  anthropic,
  awsAccessKeyId,
  awsSessionToken,
  databricks,
  digitalocean,
  github,
  githubPat,
  gitlab,
  gitlabRunner,
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

/** Standard base64 characters (STS session tokens use `+` and `/`). */
const b64 = (length: number, seed = 1) => chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', length, seed);
const digits = (length: number, seed = 1) => chars('0123456789', length, seed);
const letters = (length: number, seed = 1) => chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', length, seed);

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

describe('formats the public secret scanners test', () => {
  describe('AWS', () => {
    it('finds key ids whose 16 characters include digits outside base32', () => {
      const id = join('AKIA', chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16, 9));
      expect(findAll(awsAccessKeyId, `AWS_ACCESS_KEY_ID=${id}`)).toEqual([id]);
    });
    it('keeps placeholders and the documented example key id', () => {
      for (const text of [
        join('key = AKIA', 'X'.repeat(16)),
        join('aws_access_key: AKIA', 'IOSFODNN7', 'EXAMPLE'),
        'TODAYINASIAASACKOFRICEFELLOVER',
      ])
        expect(findAll(awsAccessKeyId, text)).toEqual([]);
    });
    it('hides only the key id of a SigV4 credential scope, in a header and in a presigned URL', () => {
      const id = join('ASIA', chars(UPPER32, 16, 11));
      expect(redact(`Authorization: AWS4-HMAC-SHA256 Credential=${id}/20250320/eu-west-1/s3/aws4_request, SignedHeaders=host`)).toBe(
        'Authorization: AWS4-HMAC-SHA256 Credential=[aws-access-key-id]/20250320/eu-west-1/s3/aws4_request, SignedHeaders=host',
      );
      expect(redact(`GET /r.csv?X-Amz-Credential=${id}%2F20250320%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20250320T101500Z`)).toBe(
        'GET /r.csv?X-Amz-Credential=[aws-access-key-id]%2F20250320%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20250320T101500Z',
      );
    });
    it('finds the whole STS session token, current and older forms, also as a Python bytes literal', () => {
      const current = join('IQoJb3JpZ2luX2Vj', b64(600, 4), '==');
      const older = join('FwoGZXIvYXdz', b64(300, 5));
      expect(findAll(awsSessionToken, `'X-Amz-Security-Token': b'${current}'`)).toEqual([current]);
      expect(findAll(awsSessionToken, `AWS_SESSION_TOKEN=${older}`)).toEqual([older]);
    });
    it('takes a URL-encoded session token whole', () => {
      const token = join('IQoJb3JpZ2luX2Vj', b64(200, 6).replace(/\+/g, '%2B').replace(/\//g, '%2F'), '%3D');
      expect(findAll(awsSessionToken, `?X-Amz-Security-Token=${token}&X-Amz-Date=1`)).toEqual([token]);
    });
    it('refuses the session token head without a body', () => {
      expect(findAll(awsSessionToken, join('IQoJb3JpZ2luX2Vj', b64(40)))).toEqual([]);
    });
  });

  describe('GitHub', () => {
    it('finds stateless installation tokens, which carry a JWT instead of a CRC', () => {
      const token = join('ghs_', '12345', '_', 'eyJhbGciOiJSUzI1NiJ9', '.', b64url(120, 2), '.', b64url(43, 3));
      expect(findAll(github, `Authorization: token ${token}`)).toEqual([token]);
    });
    it('keeps the CRC check on the 36-character forms, ghs_ included', () => {
      expect(findAll(github, join('ghs_', base62(36, 8)))).toEqual([]);
      const valid = githubToken('s', 8);
      expect(findAll(github, valid)).toEqual([valid]);
    });
    it('finds fine-grained tokens of 82 characters and more, and refuses shorter ones', () => {
      const token = join('github_pat_', base62(22, 3), '_', base62(59, 4));
      const longer = join('github_pat_', base62(93, 5));
      expect(findAll(githubPat, `${token} ${longer}`)).toEqual([token, longer]);
      expect(findAll(githubPat, join('github_pat_', base62(40)))).toEqual([]);
    });
  });

  describe('GitLab', () => {
    it('finds the other documented prefixes and runner registration tokens', () => {
      const cases = [
        join('glffct-', base62(20, 2)),
        join('glcbt-', base62(5, 3), '_', base62(20, 4)),
        join('glrt-', 't1_', base62(27, 5), '.', base62(2, 6), base62(7, 7)),
        join('glpat-', base62(27, 8), '.', '01', base62(7, 9).toLowerCase()),
      ];
      for (const token of cases) expect(findAll(gitlab, `token: ${token}`)).toEqual([token]);
      const runner = join('GR1348941', b64url(20, 10));
      expect(findAll(gitlabRunner, `REGISTRATION_TOKEN=${runner}`)).toEqual([runner]);
    });
    it('keeps placeholders', () => {
      for (const text of [
        join('glpat-', 'XXXXXXXXXXX-XXXXXXXX'),
        join('glpat-', 'xxxxxxxx-xxxxxxxxxxxxxxxxxx.xxxxxxxxx'),
        join('glptt-', 'x'.repeat(40)),
        join('glrt-', 'tx_', 'x'.repeat(27), '.xxxxxxxxx'),
      ])
        expect(findAll(gitlab, text)).toEqual([]);
      for (const text of [join('GR1348941', '12312312312312312312'), join('GR1348941', 'X'.repeat(20))])
        expect(findAll(gitlabRunner, text)).toEqual([]);
    });
  });

  describe('Slack', () => {
    it('finds every documented token kind', () => {
      const cases = [
        join('xoxb-', digits(12, 2), '-', digits(13, 3), '-', base62(24, 4)),
        join('xoxb-', digits(12, 5), '-', base62(24, 6)),
        join('xoxb-', digits(11, 7), '-', digits(13, 8)),
        join('xoxp-', digits(11, 9), '-', digits(10, 10), '-', digits(11, 11), '-', hex(32, 12)),
        join('xoxe-', digits(13, 13), '-', digits(13, 14), '-', digits(13, 15), '-', hex(32, 16)),
        join('xoxe.', 'xoxp-1-', base62(163, 17)),
        join('xoxe-', '1-', base62(146, 18)),
        join('xoxa-', '2-', digits(9, 19), '-', digits(11, 20), '-', hex(18, 21)),
        join('xoxr-', '1-', base62(12, 22)),
        join('xoxs-', digits(12, 23), '-', digits(9, 24), '-', digits(10, 25), '-', hex(10, 26)),
        join('xoxo-', digits(11, 27), '-', digits(13, 28)),
        join('xapp-', '1-', 'A', chars(UPPER32, 10, 29), '-', digits(13, 30), '-', hex(64, 31)),
      ];
      for (const token of cases) expect(findAll(slack, `"token": "${token}"`)).toEqual([token]);
    });
    it('refuses look-alikes that miss the numeric parts of their kind', () => {
      for (const text of [
        'xoxb-12345-abcd234',
        'xoxb-xoxb-my-bot-token',
        'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx',
        'xoxb-Slack_BOT_TOKEN',
        'xoxb-abcdef-abcdef',
        join('xoxp-', '1234567890'),
        join('xoxp-', '1234-1234-1234-', hex(32, 2)),
        join('xoxp-', digits(12), '-', digits(12, 2), '-', digits(12, 3), '-', '#'.repeat(20)),
        join('xoxe.', 'xoxp-1-', 'SlackAppConfigurationAccessTokenHere'),
        'xoxe-1-xxx',
        'https://github.com/xoxa-nyc/xoxa-nyc.github.io/blob/master/README.md',
        'https://indieweb.org/images/3/35/2018-250-xoxo-indieweb-1.jpg',
      ])
        expect(findAll(slack, text)).toEqual([]);
    });
    it('finds webhook paths without the scheme', () => {
      const path = join('T', chars(UPPER32, 8), '/B', chars(UPPER32, 8, 2), '/', base62(24, 3));
      expect(findAll(slackWebhook, `webhook=hooks.slack.com/services/${path}`)).toEqual([path]);
      expect(findAll(slackWebhook, `hooks.slack.com/workflows/${base62(44, 4)}`)).toEqual([base62(44, 4)]);
    });
  });

  describe('Stripe', () => {
    it('finds secret and restricted keys of every environment, prod included', () => {
      const cases = [join('sk_', 'prod_', base62(99, 2)), join('rk_', 'prod_', base62(99, 3)), join('sk_', 'test_', base62(10, 4))];
      for (const key of cases) expect(findAll(stripe, `stripeToken := "${key}"`)).toEqual([key]);
    });
    it('refuses look-alikes inside words and placeholders', () => {
      expect(findAll(stripe, join('nonMatchingToken := "task_', 'test_', base62(30), '"'))).toEqual([]);
      expect(findAll(stripe, join('sk_', 'live_', 'x'.repeat(24)))).toEqual([]);
    });
  });

  describe('the other vendors', () => {
    it('keeps placeholders and wrong cases of Google, npm, Hugging Face, Twilio, Databricks and Shopify', () => {
      const cases: [typeof npm, string][] = [
        [googleApiKey, join('AIza', 'a'.repeat(35))],
        [googleApiKey, join('AIZA', 'SYCO2CXRMC9ELSKLHLHRMBSWDEVEDZTLO2O')],
        [npm, join('npm_', '0'.repeat(36))],
        [huggingface, join('hf_', 'x'.repeat(34))],
        [huggingface, join('api_org_', 'X'.repeat(34))],
        [twilio, join('SK', '0'.repeat(32))],
        [databricks, join('dapi', '123456789012345678a9bc01234defg5')],
        [shopify, join('shpat_', 'f'.repeat(32))],
      ];
      for (const [detector, text] of cases) expect(findAll(detector, `value ${text} end`)).toEqual([]);
    });
    it('finds Hugging Face organization tokens and refuses identifiers that start like one', () => {
      const org = join('api_org_', letters(34, 3));
      expect(findAll(huggingface, `use_auth_token='${org}'`)).toEqual([org]);
      for (const text of [
        '- (id)hf_requiredCharacteristicTypesForDisplayMetadata;',
        'const api_org_controller = require("x");',
        'def _api_org_96726c78_4ae3_402f_b08b_7a78c6903d2a(self):',
        'desktop-rhf_SponsoredProductsRemoteRHFSearchEXPSubsK2Click',
      ])
        expect(findAll(huggingface, text)).toEqual([]);
    });
    it('finds Databricks and Shopify tokens in upper-case hex', () => {
      const dapi = join('dapi', hex(32, 5).toUpperCase());
      const shop = join('shpss_', hex(32, 6).toUpperCase());
      expect(findAll(databricks, `token=${dapi}`)).toEqual([dapi]);
      expect(findAll(shopify, `secret=${shop}`)).toEqual([shop]);
      const suffixed = join('dapi', hex(32, 7), '-2');
      expect(findAll(databricks, `token = ${suffixed}`)).toEqual([suffixed]);
    });
    it('finds SendGrid keys written as 66 characters after SG.', () => {
      const key = join('SG.', b64url(66, 8));
      expect(findAll(sendgrid, `sendgridToken = "${key}"`)).toEqual([key]);
    });
    it('finds Anthropic API and admin keys of the documented length and refuses short or wrongly ended ones', () => {
      const api = join('sk-ant-', 'api03-', b64url(93, 2), 'AA');
      const admin = join('sk-ant-', 'admin01-', b64url(93, 3), 'AA');
      const oauth = join('sk-ant-', 'oat01-', b64url(100, 4));
      expect(findAll(anthropic, `${api} ${admin} ${oauth}`)).toEqual([api, admin, oauth]);
      for (const text of [
        join('sk-ant-', 'api03-', b64url(60, 5), 'AA'),
        join('sk-ant-', 'api03-', b64url(93, 6), 'BB'),
        join('sk-ant-', 'oat01-', 'tooShort'),
      ])
        expect(findAll(anthropic, text)).toEqual([]);
    });
  });
});

describe('the shortest form of each format', () => {
  // The character facts that pick candidate detectors must follow from each pattern: its shortest
  // match has to be found alone (exact facts) and inside a long text (facts found natively) alike.
  const padding = ' lorem ipsum dolor sit amet'.repeat(12);
  const shortest: readonly [name: string, token: string][] = [
    ['slack', join('xoxa-', '123456789')],
    ['stripe', join('whsec_', 'abc+def/ghi+jkl/mno+pqr/stu+vwx')],
    ['stripe', join('sk_live_', base62(16))],
    ['aws-access-key-id', join('AKIA', chars(UPPER32, 16))],
    ['gitlab', join('glpat-', base62(20))],
    ['google-api-key', join('AIza', base62(35))],
    ['anthropic', join('sk-ant-', 'oat01-', base62(40))],
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
