/**
 * Passwords in SQL statements, which set them without an `=`:
 * - `CREATE ROLE app WITH LOGIN PASSWORD 'secret'`, `ALTER USER app PASSWORD 'secret'` (PostgreSQL);
 * - `IDENTIFIED BY 'secret'`, `IDENTIFIED WITH mysql_native_password BY 'secret'` (MySQL, MariaDB),
 *   `IDENTIFIED BY secret` (Oracle, unquoted), `SET PASSWORD = PASSWORD('secret')`.
 * `PASSWORD` must be followed by a space or `(` and a quoted string (so prose such as `password reset` is left alone);
 * `= '…'` forms are read as assignments. Placeholders (`'***'`, `$1`) are kept.
 */
import { isPlaceholderValue } from '../detect/placeholder.js';
import { quotedEnd, unquotedEnd, type SpanCallback } from './value-reader.js';

/** The keyword, its optional `(`, up to the quote (or, after `BY`, the unquoted password). */
const SQL_PASSWORD = /\b(?:password|identified(?:[ \t]+with[ \t]+\w{1,64})?[ \t]+by)(?:[ \t]+|[ \t]*\([ \t]*)(?=[^\s(=])/gi;

/** Reports every password set by a SQL statement in `text`. */
export function scanSqlPasswords(text: string, report: SpanCallback, quotes: boolean): void {
  // without a quote, only `IDENTIFIED BY` can set one (upper case, as SQL keywords are written)
  if (!quotes && !text.includes('IDENTIFIED')) return;
  SQL_PASSWORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SQL_PASSWORD.exec(text)) !== null) {
    const v = m.index + m[0].length;
    const c = text.charCodeAt(v);
    let start: number;
    let end: number;
    if (c === 0x27 || c === 0x22) {
      start = v + 1;
      end = quotedEnd(text, start, c);
    } else {
      // only `IDENTIFIED BY` takes an unquoted password
      if ((text.charCodeAt(m.index) | 0x20) !== 0x69) continue;
      start = v;
      end = unquotedEnd(text, v);
      // MySQL 5's `IDENTIFIED BY PASSWORD '*hash'`: the keyword, then the hash
      if (end - start === 8 && text.slice(start, end).toLowerCase() === 'password') continue;
    }
    if (end > start && !isPlaceholderValue(text, start, end)) report(start, end);
    SQL_PASSWORD.lastIndex = Math.max(end, v);
  }
  SQL_PASSWORD.lastIndex = 0;
}
