/**
 * What a line becomes if redaction itself fails. The line is never written raw (fail closed); the
 * replacement stays valid NDJSON so log shippers keep parsing the stream.
 */
export const FAILED_LINE = '{"msg":"[hushlog: this log line could not be redacted and was withheld]"}\n';
