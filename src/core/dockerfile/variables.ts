/**
 * Variable substitution as BuildKit performs it in COPY, ADD, WORKDIR, ENV, ARG and FROM:
 * `$v`, `${v}`, `${v:-w}`, `${v-w}`, `${v:+w}`, `${v+w}`, `${v:?m}`, `${v?m}`, and the pattern
 * forms `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}`, `${v/p/r}`, `${v//p/r}`.
 */
import { PatternError, replacePattern, trimPrefix, trimSuffix } from './shellPattern';

/** Returns a variable's value, or `undefined` when it is not set. */
export type VariableLookup = (name: string) => string | undefined;

export interface Expansion {
  value: string;
  /** Index just past the substitution in the word. */
  end: number;
  error?: string;
}

const nameChar = /[A-Za-z0-9_]/;

/**
 * Maximum characters an expansion may add to a word. A value that refers to itself
 * (`ENV A=$A$A`) doubles on each line, and 30 such lines exceed what a string can hold.
 */
export const MAX_EXPANSION_GROWTH = 1024 * 1024;

/** Returns the maximum length of the expansion of `word`. */
export function expansionLimit(word: string): number {
  return word.length + MAX_EXPANSION_GROWTH;
}

/** Describes a cut-off expansion, for the problem on its line. */
export function describeOverflow(limit: number): string {
  return `the variables here expand to more than ${limit} characters, so the value is cut off there; ` +
    'a variable that refers to itself, such as ENV A=$A$A, doubles on each line';
}

/** Expands the substitution that starts with `$` at `start` in `word`. */
export function expandVariable(word: string, start: number, lookup: VariableLookup, escape = '\\'): Expansion {
  if (word[start + 1] === '{') return expandBraced(word, start, lookup, escape);
  let end = start + 1;
  while (end < word.length && nameChar.test(word[end])) end++;
  if (end === start + 1) return { value: '$', end };
  return { value: lookup(word.slice(start + 1, end)) ?? '', end };
}

function expandBraced(word: string, start: number, lookup: VariableLookup, escape: string): Expansion {
  const close = findClosingBrace(word, start + 2, escape);
  if (close < 0) return { value: '', end: word.length, error: `missing '}' in "${word.slice(start)}"` };
  const body = word.slice(start + 2, close);
  const end = close + 1;
  const nameMatch = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body);
  if (!nameMatch) return { value: '', end, error: `invalid variable substitution "\${${body}}"` };
  const name = nameMatch[0];
  const rest = body.slice(name.length);
  const value = lookup(name);
  const operand: Operand = (text, raw = false) => expandNested(text, lookup, escape, raw);
  return { ...applyModifier(name, value, rest, operand), end };
}

/**
 * Expands an operand of a modifier. With `raw`, escapes stay in the result, as BuildKit leaves
 * them in patterns and replacements for the pattern matcher to read.
 */
type Operand = (text: string, raw?: boolean) => string;

/** Applies the part after the name (`:-word`, `#pattern`, ...) to the variable's value. */
function applyModifier(
  name: string,
  value: string | undefined,
  modifier: string,
  operand: Operand,
): { value: string; error?: string } {
  if (modifier === '') return { value: value ?? '' };
  const colon = modifier.startsWith(':');
  const op = colon ? modifier[1] : modifier[0];
  const argument = modifier.slice(colon ? 2 : 1);
  const unset = value === undefined || (colon && value === '');
  switch (op) {
    case '-':
      return { value: unset ? operand(argument) : (value as string) };
    case '+':
      return { value: unset ? '' : operand(argument) };
    case '?':
      if (!unset) return { value: value as string };
      return { value: '', error: `${name}: ${argument === '' ? 'is not set' : operand(argument)}` };
  }
  if (colon || !'#%/'.includes(op)) return { value: '', error: `unsupported modifier "${modifier}" in \${${name}${modifier}}` };
  return applyPattern(name, value ?? '', modifier, operand);
}

function applyPattern(name: string, value: string, modifier: string, operand: Operand): { value: string; error?: string } {
  try {
    return { value: matchPattern(name, value, modifier, operand) };
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    return { value: '', error: `invalid pattern in \${${name}${modifier}}: ${error.message}` };
  }
}

/** Applies `#`, `##`, `%`, `%%`, `/` or `//`. Throws a `PatternError` for a pattern that BuildKit rejects. */
function matchPattern(name: string, value: string, modifier: string, operand: Operand): string {
  if (modifier.startsWith('/')) {
    const all = modifier.startsWith('//');
    const [pattern, replacement] = splitReplacement(modifier.slice(all ? 2 : 1));
    // BuildKit reads the pattern up to a `/` and fails when none follows.
    if (replacement === undefined) throw new PatternError(`missing / after the pattern, write \${${name}${all ? '//' : '/'}PATTERN/TEXT}`);
    // The replacement keeps its backslashes: BuildKit leaves them in the text it puts in.
    return replacePattern(value, operand(pattern, true), operand(replacement, true), all);
  }
  const longest = modifier[1] === modifier[0];
  const pattern = operand(modifier.slice(longest ? 2 : 1), true);
  return modifier.startsWith('#') ? trimPrefix(value, pattern, longest) : trimSuffix(value, pattern, longest);
}

/** Finds the `}` that closes a `${` whose body starts at `from`, skipping nested `${...}`. */
function findClosingBrace(word: string, from: number, escape: string): number {
  let depth = 0;
  for (let i = from; i < word.length; i++) {
    if (word[i] === escape) i++;
    else if (word[i] === '$' && word[i + 1] === '{') {
      depth++;
      i++;
    } else if (word[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function expandNested(text: string, lookup: VariableLookup, escape: string, raw: boolean): string {
  const limit = expansionLimit(text);
  let value = '';
  for (let i = 0; i < text.length && value.length <= limit; i++) {
    if (text[i] === escape && i + 1 < text.length) value += raw ? text[i] + text[++i] : text[++i];
    else if (text[i] === '$') {
      const expansion = expandVariable(text, i, lookup, escape);
      value += expansion.value;
      i = expansion.end - 1;
    } else value += text[i];
  }
  return value;
}

/** Splits `pattern/replacement` at the first `/` that is not escaped. */
function splitReplacement(text: string): [string, string?] {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '/') return [text.slice(0, i), text.slice(i + 1)];
  }
  return [text];
}

