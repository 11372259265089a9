/**
 * The trims of variable expansion: `${VAR#pattern}` and `${VAR##pattern}` remove the shortest
 * and longest prefix that the shell pattern matches whole, `%` and `%%` the same for suffixes.
 * Testing each prefix against a regular expression took time quadratic in the value's length
 * (56 s for a 200,000-character value). Here the pattern runs as a small automaton over the
 * value once, which takes time in proportion to the value's length times the pattern's.
 */

/** One step of a pattern: `*`, or a matcher of one UTF-16 code unit. */
type Token = 'star' | ((unit: string) => boolean);

/** Removes the shortest (or, with `longest`, the longest) prefix of `value` that `pattern` matches. */
export function trimPrefix(value: string, pattern: string, longest: boolean): string {
  const length = matchLength(value, tokensOf(pattern), longest);
  return length === undefined ? value : value.slice(length);
}

/** Removes the shortest (or, with `longest`, the longest) suffix of `value` that `pattern` matches. */
export function trimSuffix(value: string, pattern: string, longest: boolean): string {
  // A suffix matches the pattern when, both reversed, the prefix matches the reversed pattern.
  const reversed = value.split('').reverse().join('');
  const length = matchLength(reversed, tokensOf(pattern).reverse(), longest);
  return length === undefined ? value : value.slice(0, value.length - length);
}

/** Splits a shell pattern into tokens, reading `*`, `?` and `[...]` (with `!` to negate). */
function tokensOf(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      tokens.push('star');
      continue;
    }
    if (char === '?') {
      tokens.push(() => true);
      continue;
    }
    const close = char === '[' ? pattern.indexOf(']', i + 2) : -1;
    if (close < 0) {
      tokens.push((unit) => unit === char);
      continue;
    }
    const members = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
    const bracket = new RegExp('^[' + members + ']$', 's');
    tokens.push((unit) => bracket.test(unit));
    i = close;
  }
  return tokens;
}

/**
 * Returns the shortest (or longest) length of a prefix of `value` that `tokens` match whole, or
 * `undefined` when no prefix matches. The automaton's state `s` means the first `s` tokens have
 * matched; a star may match nothing, so reaching its state also reaches the next one.
 */
function matchLength(value: string, tokens: Token[], longest: boolean): number | undefined {
  const accept = tokens.length;
  let states = closure(new Uint8Array(accept + 1), tokens, 0);
  let found: number | undefined = states[accept] ? 0 : undefined;
  if (found !== undefined && !longest) return found;
  for (let position = 0; position < value.length; position++) {
    states = step(states, tokens, value[position]);
    if (!states.includes(1)) break;
    if (states[accept]) {
      found = position + 1;
      if (!longest) return found;
    }
  }
  return found;
}

/** Returns the states reached from `states` by reading the code unit `unit`. */
function step(states: Uint8Array, tokens: Token[], unit: string): Uint8Array {
  const next = new Uint8Array(states.length);
  for (let state = 0; state < tokens.length; state++) {
    if (!states[state]) continue;
    const token = tokens[state];
    if (token === 'star') next[state] = 1;
    else if (token(unit)) next[state + 1] = 1;
  }
  for (let state = 0; state < tokens.length; state++) if (next[state]) closure(next, tokens, state);
  return next;
}

/** Marks state `from`, and each state that the stars from `from` on can skip to, in place; returns `states`. */
function closure(states: Uint8Array, tokens: Token[], from: number): Uint8Array {
  states[from] = 1;
  for (let state = from; state < tokens.length && tokens[state] === 'star'; state++) states[state + 1] = 1;
  return states;
}
