/**
 * AWS Signature Version 4 credential scopes: `Credential=AKIA…/20250320/eu-west-1/s3/aws4_request`
 * (in an `Authorization` header) or `X-Amz-Credential=AKIA…%2F20250320%2F…` (in a presigned URL).
 * Only the access key ID in front is an identifier worth hiding; the date, region and service that
 * follow are what an operator needs to read the error.
 */

/** The parameter name a scope follows inside an `Authorization: AWS4-HMAC-SHA256` header. */
const CREDENTIAL_PREFIX = 'Credential=';

const SCOPE =
  /^(?:Credential=)?(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?:\/|%2F)\d{8}(?:\/|%2F)[a-z0-9-]{1,32}(?:\/|%2F)[a-z0-9-]{1,32}(?:\/|%2F)aws4_request$/;

/** The length of an AWS access key ID, the part of a scope that is hidden. */
export const AWS_KEY_ID_LENGTH = 20;

/**
 * Where the access key ID starts when the value `text[start, end)` is a SigV4 credential scope
 * (`AKIA…/20250320/eu-west-1/s3/aws4_request`, optionally after `Credential=`), or -1. The ID
 * is then the only part to hide (AWS_KEY_ID_LENGTH characters).
 */
export function credentialScopeKeyId(text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 40 || length > 180) return -1;
  const c = text.charCodeAt(start);
  if (c !== 0x41 /* A */ && c !== 0x43 /* C */) return -1;
  if (!SCOPE.test(text.slice(start, end))) return -1;
  return c === 0x43 ? start + CREDENTIAL_PREFIX.length : start;
}

/**
 * Reports the part of a sensitive value `text[start, end)` that is secret: the access key ID of a
 * SigV4 credential scope, or else the whole value. For the key=value and query rules.
 */
export function reportSecretPart(text: string, start: number, end: number, report: (start: number, end: number) => void): void {
  const id = credentialScopeKeyId(text, start, end);
  if (id === -1) report(start, end);
  else report(id, id + AWS_KEY_ID_LENGTH);
}
