/**
 * One word as people write it: all lower case, all upper case, or capitalised. A random token of
 * letters mixes cases inside a word, so it does not pass.
 */
const WORDS = /^(?:[a-z]+|[A-Z](?:[a-z]+|[A-Z]+)?)(?:[ ./_-](?:[a-z]+|[A-Z](?:[a-z]+|[A-Z]+)?))*$/;
/** A decimal number: `42`, `-1.5`, `1700000000000`. */
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * True for a value that reads as a setting rather than a secret: plain words (`english`,
 * `dark_mode`, `en-US`, `Europe/Berlin`, `true`, `accepted`) or a number. Such a value taken into
 * a request scope would be scrubbed from every line of the request, so it is left out.
 */
export function isPlainValue(value: string): boolean {
  return WORDS.test(value) || NUMBER.test(value);
}
