/**
 * The default lists. Key names are given in normalised form (see `normalizeKey`): lower case with
 * separators removed. A leading or trailing `*` matches any prefix or suffix of the normalised name.
 */

/**
 * Sensitive key names. Covers Sentry's default denylist, OAuth and cloud credential names, and
 * personal data that should never reach a log under its own name.
 */
export const DEFAULT_KEYS: readonly string[] = [
  // Sentry's defaults (normalised)
  'password',
  'passwd',
  'secret',
  'apikey',
  'auth',
  'credentials',
  'mysqlpwd',
  'privatekey',
  'token',
  'session',
  'csrftoken',
  'sessionid',
  'setcookie',
  'cookie',
  'authorization',
  'connectsid',
  'csrf',
  'phpsessid',
  'xsrftoken',
  // credentials
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'awssecretaccesskey',
  'secretaccesskey',
  'credential',
  'passphrase',
  'pwd',
  'proxyauthorization',
  // payment and identity
  'cvv',
  'cvc',
  'cvv2',
  'pin',
  'otp',
  'otpcode',
  'mfacode',
  'totp',
  'ssn',
  'socialsecuritynumber',
  'cardnumber',
  'creditcard',
  'iban',
  // contact data
  'email',
  'emailaddress',
  'phone',
  'phonenumber',
  'mobilenumber',
  'ipaddress',
  // compound names: anything that ends in one of these
  '*password',
  '*passwd',
  '*secret',
  '*token',
  '*apikey',
  '*privatekey',
  '*secretkey',
  '*secretaccesskey',
  '*sessionid',
  '*cardnumber',
  '*credentials',
  '*passphrase',
  '*cookie',
];

/**
 * Extra names that are sensitive as URL query parameters only (`?key=`, `?sig=`), among them the
 * OAuth authorization `code` of redirect URLs (`/callback?code=…`, also in referrers) and the
 * PKCE and OAuth 1 verifiers that go with it.
 */
export const DEFAULT_QUERY_KEYS: readonly string[] = [
  'key',
  'code',
  'codeverifier',
  'oauthverifier',
  'sig',
  'signature',
  'amzsignature',
  'amzcredential',
  'googsignature',
  'googcredential',
];

/** Header names (lower case) censored inside header containers. */
export const DEFAULT_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'api-key',
  'x-csrf-token',
  'x-amz-security-token',
];

/** The replacement text for a whole value. */
export const DEFAULT_CENSOR = '[REDACTED]';

/** The replacement text for a span inside a string; `{rule}` is the detector name. */
export const DEFAULT_LABEL = '[REDACTED:{rule}]';

/** Default bounds on the work for one value. */
export const DEFAULT_LIMITS = { maxDepth: 64, maxNodes: 100_000, maxStringLength: 1_048_576 } as const;
