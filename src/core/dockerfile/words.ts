/**
 * Word handling for shell-form instruction arguments, as BuildKit's shell lexer does it:
 * arguments split on unquoted whitespace, then each word expands variables and drops its quotes.
 */
import { describeOverflow, expansionLimit, expandVariable, type VariableLookup } from './variables';

export interface ExpandResult {
  value: string;
  /** Errors from `${v:?msg}` forms and malformed substitutions, as plain sentences. */
  errors: string[];
}

/** Splits text into words on unquoted whitespace, keeping quotes and escapes in each word. */
export function splitWords(text: string, escape = '\\'): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | null = null;
  let braces = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote === null && braces === 0 && /\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    current += char;
    if (char === escape && quote !== "'" && i + 1 < text.length) {
      current += text[++i];
    } else if (quote !== "'" && char === '$' && text[i + 1] === '{') {
      // Whitespace inside ${...} belongs to the substitution, as in `${NAME:?set NAME}`.
      braces++;
      current += text[++i];
    } else if (braces > 0 && char === '}') {
      braces--;
    } else if (quote === null && (char === '"' || char === "'")) {
      quote = char;
    } else if (char === quote) {
      quote = null;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/**
 * Expands one word: `$v`, `${v}` and the `${v...}` forms, quotes removed, escapes applied.
 * Single quotes keep everything literal; inside double quotes the escape character only escapes
 * `"`, `$` and itself.
 */
export function expandWord(word: string, lookup: VariableLookup, escape = '\\'): ExpandResult {
  const errors: string[] = [];
  const limit = expansionLimit(word);
  let value = '';
  let quote: string | null = null;
  for (let i = 0; i < word.length && value.length <= limit; i++) {
    const char = word[i];
    if (quote === "'") {
      if (char === "'") quote = null;
      else value += char;
    } else if (char === escape && i + 1 < word.length) {
      const next = word[i + 1];
      if (quote === '"' && next !== '"' && next !== '$' && next !== escape) value += char;
      value += next;
      i++;
    } else if (char === '"' || (char === "'" && quote === null)) {
      quote = quote === char ? null : char;
    } else if (char === '$') {
      const expansion = expandVariable(word, i, lookup, escape);
      if (expansion.error) errors.push(expansion.error);
      value += expansion.value;
      i = expansion.end - 1;
    } else {
      value += char;
    }
  }
  if (value.length > limit) {
    errors.push(describeOverflow(limit));
    value = value.slice(0, limit);
  }
  return { value, errors };
}

/** Expands every word and reports all errors together. */
export function expandWords(words: string[], lookup: VariableLookup, escape = '\\'): { values: string[]; errors: string[] } {
  const values: string[] = [];
  const errors: string[] = [];
  for (const word of words) {
    const result = expandWord(word, lookup, escape);
    values.push(result.value);
    errors.push(...result.errors);
  }
  return { values, errors };
}
