/**
 * The built-in value detectors and their validators. Order is priority: when two detectors find
 * the same span, the earlier one names it.
 */
import type { DetectorDefinition } from './types.js';
import { basic, bearer, jwt, privateKey, userinfo } from './credentials.js';
import { card, email, emailEncoded, emailIntl, iban, ipv4, ipv6, phone, phoneEncoded, ssn, ssnNamed } from './pii.js';
import { TOKEN_DETECTORS } from './tokens.js';

/** Every built-in detector: credentials, then vendor tokens, then personal data. */
export const BUILTIN_DETECTORS: readonly DetectorDefinition[] = [
  privateKey,
  jwt,
  userinfo,
  bearer,
  basic,
  ...TOKEN_DETECTORS,
  email,
  emailIntl,
  emailEncoded,
  iban,
  card,
  ssn,
  ssnNamed,
  phone,
  phoneEncoded,
  ipv6,
  ipv4,
];

export { basic, bearer, isBearerToken, isPlaceholder, jwt, privateKey, userinfo } from './credentials.js';
export {
  card,
  email,
  emailEncoded,
  emailIntl,
  iban,
  ipv4,
  ipv6,
  isPlausiblePhone,
  isRedactableEmail,
  isValidSsn,
  phone,
  phoneEncoded,
  ssn,
  ssnNamed,
} from './pii.js';
export * from './tokens.js';
export { crc32, isGitHubTokenChecksumValid, toBase62, BASE62_ALPHABET } from './crc32.js';
export { hasCardLayout, hasKnownIssuer, isValidCardNumber, luhnValid } from './luhn.js';
export { IBAN_LENGTHS, IBAN_PATTERN, ibanMod97, isValidIban } from './iban.js';
export { PLACEHOLDER_ENTROPY, isPlaceholderBody, shannonEntropy } from './entropy.js';
export { isRedactableIpv4, isRedactableIpv6, isValidIpv6 } from './ip.js';
export { decodeBase64, isBasicCredential, isJwtHeader } from './base64.js';
