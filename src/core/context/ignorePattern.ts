/**
 * One `.dockerignore` pattern compiled the way moby's `patternmatcher` (v0.6) does it: `**`
 * spans any number of path segments, `*` and `?` stay inside one segment, and the pattern must
 * match the whole path. Patterns without wildcards compare as plain strings.
 */

/** Tests a context-relative, `/`-separated path against one cleaned pattern. */
export type PathTest = (path: string) => boolean;

/** Characters that mean something in a regular expression but nothing in a pattern. */
const REGEXP_ONLY = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

type MatchKind = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** Compiles a cleaned pattern (no leading `!`) into a path test. */
export function compileIgnorePattern(pattern: string): PathTest {
  const { kind, source } = translatePattern(pattern);
  switch (kind) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (path) => path.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      // `**/name` also matches `name` at the top level.
      const topLevel = suffix.startsWith('/') ? suffix.slice(1) : undefined;
      return (path) => path.endsWith(suffix) || path === topLevel;
    }
    case 'regexp': {
      const regexp = compileRegExp(source);
      return regexp ? (path) => regexp.test(path) : () => false;
    }
  }
}

/**
 * Translates a pattern into a regular expression source, and decides whether a plain string
 * test can stand in for it, with the same rules as moby's `Pattern.compile`.
 */
function translatePattern(pattern: string): { kind: MatchKind; source: string } {
  const chars = Array.from(pattern);
  let source = '^';
  let kind: MatchKind = 'exact';
  for (let i = 0, at = 0; at < chars.length; i++) {
    const ch = chars[at++] as string;
    if (ch === '*' && chars[at] === '*') {
      at++;
      if (chars[at] === '/') at++;
      if (at >= chars.length) {
        // A trailing `**` accepts everything below, as in `.gitignore`.
        if (kind === 'exact') kind = 'prefix';
        else {
          source += '.*';
          kind = 'regexp';
        }
      } else {
        source += '(.*/)?';
        kind = 'regexp';
      }
      if (i === 0) kind = 'suffix';
    } else if (ch === '*') {
      source += '[^/]*';
      kind = 'regexp';
    } else if (ch === '?') {
      source += '[^/]';
      kind = 'regexp';
    } else if (REGEXP_ONLY.has(ch)) {
      source += '\\' + ch;
    } else if (ch === '\\') {
      const next = chars[at++];
      source += next === undefined ? '\\\\' : escapeLiteral(next);
      if (next !== undefined) kind = 'regexp';
    } else if (ch === '[' || ch === ']') {
      source += ch;
      kind = 'regexp';
    } else {
      source += ch;
    }
  }
  return { kind, source: source + '$' };
}

/**
 * Escapes one character for a regular expression.
 * NOTE: moby hands `\x` to Go's regexp, where `\d`, `\w` or `\s` is a class. Here every escaped
 * character is literal, as it is in Go's `filepath.Match`.
 */
function escapeLiteral(ch: string): string {
  // `\-` is invalid outside a class under the `u` flag, while `\x2d` is valid everywhere.
  if (ch === '-') return '\\x2d';
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

/**
 * Compiles with the `u` flag so that `?` takes a whole character, as Go's regexp does. Go also
 * accepts a stray `]`, which only the legacy syntax allows, so that is the fallback.
 */
function compileRegExp(source: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(source, flags);
    } catch {
      // Try the next syntax.
    }
  }
  return undefined;
}

/**
 * Returns whether a cleaned pattern could match a path strictly inside `dir`. It returns true
 * whenever it cannot rule a match out (`**`, and classes, which may match a `/`).
 */
export function couldMatchBelow(pattern: string, dir: string): boolean {
  if (pattern.includes('**') || pattern.includes('[')) return true;
  const patternSegments = pattern.split('/');
  const dirSegments = dir === '' ? [] : dir.split('/');
  // A pattern no longer than the directory path can only name it or one of its ancestors.
  if (patternSegments.length <= dirSegments.length) return false;
  return dirSegments.every((name, i) => segmentMatches(patternSegments[i] as string, name));
}

function segmentMatches(segment: string, name: string): boolean {
  let source = '^';
  const chars = Array.from(segment);
  for (let at = 0; at < chars.length; at++) {
    const ch = chars[at] as string;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '\\' && at + 1 < chars.length) source += escapeLiteral(chars[++at] as string);
    else source += escapeLiteral(ch);
  }
  return new RegExp(source + '$', 'u').test(name);
}
