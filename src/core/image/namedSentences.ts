import { plural } from '../report/format';

/**
 * Describes the first `maxNamed` items one sentence each, and counts the rest in one more sentence
 * (`2 more files differ in mode.`), so that a long list stays short in a diagnostic.
 */
export function describeFirstItems<T>(items: readonly T[], maxNamed: number, describe: (item: T) => string, counted: { noun: string; difference: string }): string[] {
  const sentences = items.slice(0, maxNamed).map(describe);
  const rest = items.length - maxNamed;
  if (rest > 0) sentences.push(`${plural(rest, `more ${counted.noun}`)} ${rest === 1 ? 'differs' : 'differ'} ${counted.difference}.`);
  return sentences;
}
