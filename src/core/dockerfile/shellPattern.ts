/**
 * The pattern operations of variable expansion. `${VAR#pattern}` and `${VAR##pattern}` remove
 * the shortest and longest prefix that the shell pattern matches whole, `%` and `%%` the same for
 * suffixes, and `${VAR/pattern/text}` replaces the leftmost longest match (`//`: every match).
 * Regular expressions took time quadratic in the value's length here (56 s for a trim of a
 * 200,000-character value, 46 s for a replacement). The pattern runs instead as a small automaton
 * over the value, in time proportional to the value's length times the pattern's.
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

/**
 * Replaces the leftmost longest match of `pattern` in `value` with `replacement`, or with `all`
 * each match from left to right. As in Go's `ReplaceAllString`, which BuildKit's expansion is
 * written in, an empty match right after a match is not replaced.
 */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  const tokens = tokensOf(pattern);
  let result = '';
  let copied = 0;
  let lastEnd = -1;
  for (let from = 0; from <= value.length; ) {
    const match = leftmostLongest(value, tokens, from);
    if (!match) break;
    const [start, end] = match;
    from = end === start ? end + 1 : end;
    if (start === end && start === lastEnd) continue;
    result += value.slice(copied, start) + replacement;
    copied = end;
    lastEnd = end;
    if (!all) break;
  }
  return result + value.slice(copied);
}

/** A pattern that BuildKit rejects: a backslash before a character it does not escape. */
export class PatternError extends Error {}

/**
 * Splits a shell pattern into tokens: `*` and `?` are wildcards and every other character stands
 * for itself. BuildKit's expansion reads `[` and `]` as plain characters too, not as a bracket
 * expression as a POSIX shell would. A backslash makes the `*`, `?` or `\\` after it plain. Before
 * `}` or `/` it only kept that character from ending the expression, so it is dropped. Any other
 * backslash throws a `PatternError`, because BuildKit fails the build on it.
 */
function tokensOf(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '*') tokens.push('star');
    else if (char === '?') tokens.push(anyUnit);
    else if (char === '\\') tokens.push(unitIs(escapedChar(pattern, ++index)));
    else tokens.push(unitIs(char));
  }
  return tokens;
}

/** Returns the character that a backslash at `index - 1` makes plain. */
function escapedChar(pattern: string, index: number): string {
  const char = pattern[index];
  if (char !== undefined && '*?\\}/'.includes(char)) return char;
  const escape = char === undefined ? 'at the end' : `\\${char}`;
  throw new PatternError(`invalid escape ${escape}, only \\*, \\?, \\\\, \\} and \\/ are escapes`);
}

function unitIs(char: string): Token {
  return (unit) => unit === char;
}

function anyUnit(): boolean {
  return true;
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

/** Marks a state that no thread of `leftmostLongest` is in. */
const NONE = Number.MAX_SAFE_INTEGER;

/**
 * Finds the match of `tokens` in `value` that starts first at or after `from`, and of the matches
 * that start there the longest. Each state keeps the earliest start of the threads in it, because
 * a later start in the same state can only lead to a match further right.
 */
function leftmostLongest(value: string, tokens: Token[], from: number): [number, number] | undefined {
  const accept = tokens.length;
  let starts: Float64Array = new Float64Array(accept + 1).fill(NONE);
  let best: [number, number] | undefined;
  for (let position = from; ; position++) {
    if (!best) seed(starts, tokens, position);
    const matched = starts[accept];
    if (matched !== NONE && (!best || matched <= best[0])) best = [matched, position];
    if (position === value.length) return best;
    starts = advance(starts, tokens, value[position], best ? best[0] : NONE);
    if (best && !starts.some((start) => start !== NONE)) return best;
  }
}

/** Starts a thread at `position` in state 0 and the states its stars can skip to. */
function seed(starts: Float64Array, tokens: Token[], position: number): void {
  starts[0] = Math.min(starts[0], position);
  for (let state = 0; state < tokens.length && tokens[state] === 'star'; state++) starts[state + 1] = Math.min(starts[state + 1], starts[state]);
}

/** Moves every thread over the code unit `unit`, dropping threads that start after `latest`. */
function advance(starts: Float64Array, tokens: Token[], unit: string, latest: number): Float64Array {
  const next = new Float64Array(starts.length).fill(NONE);
  for (let state = 0; state < tokens.length; state++) {
    const start = starts[state];
    if (start === NONE || (latest !== NONE && start > latest)) continue;
    const token = tokens[state];
    if (token === 'star') next[state] = Math.min(next[state], start);
    else if (token(unit)) next[state + 1] = Math.min(next[state + 1], start);
  }
  for (let state = 0; state < tokens.length; state++) {
    if (tokens[state] === 'star') next[state + 1] = Math.min(next[state + 1], next[state]);
  }
  return next;
}
