/**
 * Credential detectors: JWTs, PEM private keys, passwords in URL userinfo, and `Bearer` / `Basic`
 * credentials in free text.
 */
import type { DetectorDefinition } from './types.js';
import { isBasicCredential, isJwtHeader } from './base64.js';
import { AT, DASH, DOT, LETTER_B, SCHEME, TOKEN_RUN, withFacts } from './facts.js';

/**
 * JSON Web Tokens (JWS compact form): `header.payload.signature` in base64url where the header
 * decodes to a JSON object with a string `alg`. The signature may be empty (`alg: none`). Refuses:
 * dotted base64-looking strings whose first segment is not such a header.
 */
export const jwt: DetectorDefinition = withFacts(
  {
    name: 'jwt',
    // the header's `eyJ` (`{"`): the payload may be any base64url, so it is not looked for
    prefilter: (t, p) => p.has(TOKEN_RUN) && p.has(DOT) && t.includes('eyJ'),
    pattern: /(?<![\w-])eyJ[\w-]{5,}\.[\w-]+\.[\w-]*/g,
    validate: (m) => isJwtHeader(m[0].slice(0, m[0].indexOf('.'))),
  },
  TOKEN_RUN,
);

/**
 * PEM private key blocks (`RSA`, `EC`, `DSA`, `OPENSSH`, `ENCRYPTED`, PKCS#8, PGP `... BLOCK`),
 * from `-----BEGIN` through `-----END ... PRIVATE KEY-----` (the END label may differ). Newlines may
 * be real, escaped (`\n`) or flattened to spaces. A BEGIN without an END fails closed: the match
 * runs to the end of the base64 body. Refuses: certificates and public keys.
 */
export const privateKey: DetectorDefinition = withFacts(
  {
    name: 'private-key',
    prefilter: (t) => t.includes('PRIVATE KEY'),
    pattern:
      /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s\\:,.]|-(?!-))*(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/g,
  },
  DASH,
);

const PLACEHOLDER = /^(?:\*+|x{3,}|\[REDACTED[^\]]*\]|\$\{[^}]*\}|\{\{[^}]*\}\}|\$[A-Z_]\w*|%s|<[^>]*>)$/i;

/** True when a captured secret is a placeholder (`***`, `[REDACTED]`, `${DB_PASSWORD}`), not a value. */
export function isPlaceholder(secret: string): boolean {
  return PLACEHOLDER.test(secret);
}

/**
 * The password in URL userinfo: `postgres://user:pass@host` gives `pass` (group 1); user and host
 * stay. Passwords may hold `!`, `.`, `%`, `:` and even `@` (the last `@` before the host wins), and
 * up to four spaces, as error messages print them (`postgres://app:correct horse battery staple@db`).
 * Refuses: URLs without a password, placeholders, `host:port@` look-alikes.
 */
export const userinfo: DetectorDefinition = withFacts(
  {
    name: 'userinfo',
    prefilter: (_t, p) => p.has(AT) && p.has(SCHEME),
    pattern: /(?<![A-Z0-9+.-])[A-Z][A-Z0-9+.-]{1,30}:\/\/([^\s:@/?#"'<>]*):([^\s/?#"'<>@]+(?:@[^\s/?#"'<>@]+)*(?: [^\s/?#"'<>@]+){0,4})@/gi,
    group: 2,
    validate: (m) => {
      const user = m[1] ?? '';
      const pass = m[2] ?? '';
      if (isPlaceholder(pass)) return false;
      // `host:8080/…` or `localhost:3000 is up, mail ops@…` is a port, not a password.
      if (/^\d{1,5}(?: |$)/.test(pass) && (user.includes('.') || pass.includes(' ') || /^[a-z]+$/i.test(user))) return false;
      return true;
    },
  },
  AT,
  AT | SCHEME,
);

/** True when a bearer credential looks like a token, not an English word (`Bearer authentication`). */
export function isBearerToken(token: string): boolean {
  return !/^[a-z]+$/.test(token) && !isPlaceholder(token);
}

/**
 * `Bearer <token>` in free text (RFC 6750 token68 characters, 8 or more): only the token (group 1)
 * goes, the scheme stays. Refuses: short or all-lower-case words after "bearer".
 */
export const bearer: DetectorDefinition = withFacts(
  {
    name: 'bearer',
    prefilter: (t) => t.includes('Bearer') || t.includes('bearer') || t.includes('BEARER'),
    pattern: /(?<![\w-])bearer[ \t]+([\w.~+/-]{8,}=*)(?![\w.~+/=-])/gi,
    group: 1,
    validate: (m) => isBearerToken(m[1] ?? ''),
  },
  LETTER_B,
);

/**
 * `Basic <base64>` in free text: only the credential (group 1) goes. It must decode to printable
 * `user:password`. Refuses: ordinary words after "basic" (`basic plan`).
 */
export const basic: DetectorDefinition = withFacts(
  {
    name: 'basic',
    prefilter: (t) => t.includes('Basic') || t.includes('basic') || t.includes('BASIC'),
    pattern: /(?<![\w-])basic[ \t]+([A-Z0-9+/]{4,}={0,2})(?![\w+/=-])/gi,
    group: 1,
    validate: (m) => isBasicCredential(m[1] ?? ''),
  },
  LETTER_B,
);
