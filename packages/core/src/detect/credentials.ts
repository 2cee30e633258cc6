/**
 * Credential detectors: JWTs, PEM private keys, passwords in URL userinfo, and `Bearer` / `Basic`
 * credentials in free text.
 */
import type { DetectorDefinition } from './types.js';
import { isBasicCredential, isJwtHeader } from './base64.js';
import { isPlaceholderBody } from './entropy.js';
import { AT, DASH, DOT, LETTER_B, SCHEME, TOKEN_RUN, withFacts } from './facts.js';

/**
 * True when `text` holds `eyJ`. It searches for the `J` (rare in text, where `e` is the commonest
 * letter and a search for `eyJ` stops at every one): 0.07 against 5.9 µs on 8.7 KiB of prose.
 */
function hasJwtHeaderStart(text: string): boolean {
  for (let j = text.indexOf('J', 2); j !== -1; j = text.indexOf('J', j + 1)) {
    if (text.charCodeAt(j - 1) === 0x79 && text.charCodeAt(j - 2) === 0x65) return true;
  }
  return false;
}

/**
 * True when two JWT segments read as a JOSE header and a claims object: the header decodes to a
 * JSON object with a string `alg`, or (the looser shape secret scanners accept) both the header
 * and the payload are base64url of a JSON object (`ey…`) of 17 characters or more.
 */
function isJwtShape(token: string): boolean {
  const dot = token.indexOf('.');
  if (isJwtHeader(token.slice(0, dot))) return true;
  const second = token.indexOf('.', dot + 1);
  return dot >= 19 && token.startsWith('ey', dot + 1) && second - dot - 1 >= 19;
}

/**
 * JSON Web Tokens (JWS compact form): `header.payload.signature` in base64url where the header
 * decodes to a JSON object with a string `alg`, or header and payload are both base64url JSON
 * objects. The signature may be empty (`alg: none`) or padded (`==`). Refuses: dotted
 * base64-looking strings whose first segment is not such a header.
 */
export const jwt: DetectorDefinition = withFacts(
  {
    name: 'jwt',
    // the header's `eyJ` (`{"`): the payload may be any base64url, so it is not looked for
    // `eyJ` first: on long text a native search is far cheaper than proving a run of 14
    prefilter: (t, p) => hasJwtHeaderStart(t) && p.has(TOKEN_RUN),
    // padding only before a delimiter: what follows it must not decide differently once a secret
    // after it is replaced (`<jwt>=hunter2` and `<jwt>=[REDACTED:echo]` keep the same `=`)
    pattern: /(?<![\w-])eyJ[\w-]{5,}\.[\w-]+\.[\w-]*(?:={1,2}(?=$|[\s"'&;,)}\]>|]))?/g,
    validate: (m) => isJwtShape(m[0]),
  },
  DOT,
);

const PRIVATE_KEY_ANY_CASE = /-----begin[\w -]{0,100}private key/i;

/** The end of a PEM private key header (`… PRIVATE KEY-----`), where the key body starts. */
const PEM_HEADER_END = /PRIVATE KEY(?: BLOCK)?-----/i;

/**
 * True when a PEM match holds key material: 16 or more base64 characters after the header that
 * are not a placeholder (`***`, `XXXX…`, `...`). A header followed by `***` is already redacted.
 */
function hasKeyBody(block: string): boolean {
  const head = PEM_HEADER_END.exec(block);
  if (head === null) return true; // fail closed
  const from = head.index + head[0].length;
  const endAt = block.indexOf('-----END', from);
  const body = block.slice(from, endAt === -1 ? block.length : endAt).replace(/\\[nr]|[\s\\]/g, '');
  return body.length >= 16 && !isPlaceholderBody(body, 0);
}

/**
 * PEM private key blocks (`RSA`, `EC`, `DSA`, `OPENSSH`, `ENCRYPTED`, PKCS#8, PGP `... BLOCK`),
 * from `-----BEGIN` through `-----END ... PRIVATE KEY-----` (the END label may differ). Newlines may
 * be real, escaped (`\n`) or flattened to spaces. A BEGIN without an END fails closed: the match
 * runs to the end of the base64 body. Refuses: certificates and public keys, and blocks whose body
 * is a placeholder (`-----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----` stays as it is).
 */
export const privateKey: DetectorDefinition = withFacts(
  {
    name: 'private-key',
    // the upper-case armour first; lower case only where a `-----` line is (a rare first character)
    prefilter: (t) => t.includes('PRIVATE KEY') || (t.includes('-----') && PRIVATE_KEY_ANY_CASE.test(t)),
    pattern:
      /-----BEGIN[\w -]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:[\w+/=\s\\:,.*]|-(?!-))*(?:-----END[\w -]{0,100}PRIVATE KEY(?: BLOCK)?-----)?/gi,
    validate: (m) => hasKeyBody(m[0]),
    validatorRefinesOnly: true,
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
