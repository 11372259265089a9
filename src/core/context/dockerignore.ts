/**
 * `.dockerignore` files as Docker and BuildKit read them (moby `patternmatcher` v0.6 and its
 * `ignorefile.ReadAll`): the last matching line wins, `!` re-includes, and a line that matches a
 * directory also matches everything inside it.
 */
import * as posix from 'node:path/posix';
import { BadPatternError, goPathMatch } from './goMatch';
import { pathAsRunes } from './hostNames';
import { compileIgnorePattern, couldMatchBelow, type PathTest } from './ignorePattern';

/** One pattern line of an ignore file. */
export interface IgnorePattern {
  /** The cleaned pattern, without its `!`. */
  pattern: string;
  /** Whether the line starts with `!`, which re-includes what earlier lines excluded. */
  negated: boolean;
  /** 1-based line number in the ignore file. */
  line: number;
  /** The reason Docker rejects the line. The matcher skips such a pattern. */
  invalid?: string;
}

/** Per-pattern results for a directory: whether each pattern matched it or one of its ancestors. */
export type PatternMatches = readonly boolean[];

/** Parses the text of a `.dockerignore` file. Invalid lines come back with `invalid` set. */
export function parseDockerignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    // Only a `#` in the first column starts a comment; ` #x` is the pattern `#x`.
    if (line.startsWith('#')) return;
    const parsed = parseLine(line.trim(), index + 1);
    if (parsed) patterns.push(parsed);
  });
  return patterns;
}

function parseLine(text: string, line: number): IgnorePattern | undefined {
  if (text === '') return undefined;
  const negated = text.startsWith('!');
  const body = negated ? text.slice(1).trim() : text;
  if (body === '') {
    return { pattern: '', negated, line, invalid: 'a "!" line needs a pattern after the "!"' };
  }

  let pattern = cleanPath(body);
  if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
  try {
    goPathMatch(pattern, '.');
  } catch (error) {
    if (!(error instanceof BadPatternError)) throw error;
    return { pattern, negated, line, invalid: `"${pattern}" is not a valid pattern: ${error.message}` };
  }
  return { pattern, negated, line };
}

/** Cleans a path like Go's `filepath.Clean`: no `.`, no `..` after a name, no trailing `/`. */
function cleanPath(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

interface CompiledPattern {
  source: IgnorePattern;
  test: PathTest;
}

/** Decides which context paths an ignore file excludes. */
export class IgnoreMatcher {
  private readonly compiled: CompiledPattern[];

  constructor(patterns: IgnorePattern[]) {
    this.compiled = patterns
      .filter((pattern) => pattern.invalid === undefined)
      .map((source) => ({ source, test: compileIgnorePattern(source.pattern) }));
  }

  /** The cleaned patterns of the valid `!` lines, in file order, without their `!`. */
  get exceptionPatterns(): string[] {
    return this.compiled.filter((pattern) => pattern.source.negated).map((pattern) => pattern.source.pattern);
  }

  /** Whether the patterns exclude nothing, so the walk can skip matching. */
  get isEmpty(): boolean {
    return this.compiled.length === 0;
  }

  /** Returns whether a context-relative path (`/`-separated, no leading `./`) is excluded. */
  isExcluded(path: string): boolean {
    const clean = path === '' ? '.' : cleanPath(path);
    // Docker never excludes the context root itself.
    if (clean === '.' || clean === '/') return false;

    let matches: PatternMatches | undefined;
    let excluded = false;
    const segments = clean.split('/');
    for (let depth = 1; depth <= segments.length; depth++) {
      ({ excluded, matches } = this.match(segments.slice(0, depth).join('/'), matches));
    }
    return excluded;
  }

  /**
   * Returns the line that excludes a context-relative path: the last pattern that matches it or
   * one of its ancestors, as Docker decides. `undefined` when the path is not excluded.
   */
  excludingPattern(path: string): IgnorePattern | undefined {
    const clean = path === '' ? '.' : cleanPath(path);
    if (clean === '.' || clean === '/') return undefined;
    let matches: PatternMatches | undefined;
    const segments = clean.split('/');
    for (let depth = 1; depth <= segments.length; depth++) {
      ({ matches } = this.match(segments.slice(0, depth).join('/'), matches));
    }
    const last = matches?.lastIndexOf(true) ?? -1;
    if (last < 0 || this.compiled[last].source.negated) return undefined;
    return this.compiled[last].source;
  }

  /**
   * Matches a path given the results of its parent directory (none for a top-level path), so a
   * walk tests each pattern once per entry. A pattern that matched the parent matches the path.
   */
  match(path: string, parent?: PatternMatches): { excluded: boolean; matches: PatternMatches } {
    let excluded = false;
    const matches = this.compiled.map((pattern, i) => {
      const matched = parent?.[i] === true || pattern.test(path);
      if (matched) excluded = !pattern.source.negated;
      return matched;
    });
    return { excluded, matches };
  }

  /**
   * Returns the last line whose result on `path` depends on how a name in it that is not valid
   * UTF-8 is read. The walk and builders match its bytes, where `?` takes one invalid byte and a
   * line that contains the byte itself (read here as U+FFFD) names it. The shown name has `\xe9`
   * as four characters. Lines that decide alike on both readings are not returned.
   */
  escapedNameDoubt(path: string): IgnorePattern | undefined {
    const asRunes = pathAsRunes(path);
    if (asRunes === path) return undefined;
    const doubtful = this.compiled.filter((pattern) => pattern.test(path) !== pattern.test(asRunes));
    return doubtful[doubtful.length - 1]?.source;
  }

  /**
   * Returns whether a `!` pattern could re-include something inside the excluded directory
   * `dir`, so a walk must still look inside it. It may return true when nothing is re-included.
   */
  mayReincludeBelow(dir: string): boolean {
    const clean = dir === '' ? '.' : cleanPath(dir);
    const prefix = clean === '.' ? '' : clean;
    return this.compiled.some(
      (pattern) => pattern.source.negated && couldMatchBelow(pattern.source.pattern, prefix),
    );
  }
}
