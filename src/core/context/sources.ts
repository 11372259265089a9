/**
 * Resolves a COPY or ADD source against the build context as BuildKit's copy does it: the
 * source is cleaned inside the context root, wildcards follow Go's `filepath.Match`, and a
 * symlink named as the source is followed within the context.
 */
import { ContextIndex, normalizeContextPath } from './contextIndex';
import { BadPatternError, goPathMatch, hasWildcard } from './goMatch';
import { contextPathBytes, hasEscapedName, nameBytes } from './hostNames';
import type { ContextFile } from './types';

export interface SourceMatch {
  /** Context-relative path that matched. */
  path: string;
  /** The entry to copy: for a symlink named as the source, the entry its chain resolves to. */
  file: ContextFile;
  /** Context path the symlink chain resolved to; set only when a link was followed. */
  followedLink?: string;
}

export interface SourceResolution {
  /** Matched paths in name order. Empty when nothing matched. */
  matches: SourceMatch[];
  /** The reason the source cannot be copied. A wildcard that matches nothing is no problem. */
  problem?: string;
  /**
   * The paths with a name that is not valid UTF-8 (see `hasEscapedName`) that a wildcard matched
   * by their bytes, or would match by their shown text. Builders differ on such names.
   */
  escapedNames?: EscapedComparison[];
}

/** A context path with a name that is not valid UTF-8, and whether the wildcard matched its bytes. */
export interface EscapedComparison {
  path: string;
  matched: boolean;
}

/** Linux gives up after 40 links; BuildKit's root-scoped resolver allows 255. */
const MAX_LINKS = 255;

/** Resolves one source path of a COPY or ADD against the context. */
export function resolveSource(index: ContextIndex, source: string): SourceResolution {
  const cleaned = normalizeContextPath(source);
  const segments = cleaned === '' ? [] : cleaned.split('/');
  const firstWildcard = segments.findIndex((segment) => hasWildcard(segment));
  if (firstWildcard < 0) return resolveLiteral(index, source, cleaned);

  const base = segments.slice(0, firstWildcard).join('/');
  const pattern = segments.slice(firstWildcard).join('/');
  return resolveWildcard(index, source, base, pattern);
}

function resolveLiteral(index: ContextIndex, source: string, cleaned: string): SourceResolution {
  const resolved = followPath(index, cleaned);
  if ('problem' in resolved) return { matches: [], problem: describeFailure(index, source, resolved) };
  return { matches: [toMatch(cleaned, resolved)] };
}

/**
 * Matches the wildcard part against every path below the base directory, depth first in name
 * order. A directory that matches is taken whole, so nothing below it is tested.
 */
function resolveWildcard(index: ContextIndex, source: string, base: string, pattern: string): SourceResolution {
  const resolvedBase = followPath(index, base);
  if ('problem' in resolvedBase || resolvedBase.file.type !== 'directory') return { matches: [] };
  const basePath = resolvedBase.file.path;

  // `*` and `?` never match a `/`, but a class may, so each class allows one level more.
  const maxDepth = pattern.split('/').length + countClasses(pattern);
  const relativeOf = (entry: ContextFile) => (basePath === '' ? entry.path : entry.path.slice(basePath.length + 1));
  const escaped: EscapedComparison[] = [];
  const resolution = collectMatches(index, source, index.children(basePath), {
    matches: (entry) => matchByBytes(entry.path, relativeOf(entry), escaped, (relative, asBytes) =>
      goPathMatch(pattern, asBytes ? contextPathBytes(relative) : relative)),
    descends: (entry) => relativeOf(entry).split('/').length < maxDepth,
  });
  return withEscaped(resolution, escaped);
}

/**
 * Tests a path against a wildcard. A path with a name that is not valid UTF-8 is matched by its
 * bytes, as Go's `filepath.Match` in the builders matches it, so `?` takes one invalid byte and
 * not the four characters of `\xe9`. Such a path goes into `escaped` when its bytes match or
 * its shown text would.
 */
function matchByBytes(
  path: string,
  relative: string,
  escaped: EscapedComparison[],
  test: (relative: string, asBytes: boolean) => boolean,
): boolean {
  if (!hasEscapedName(relative)) return test(relative, false);
  const matched = test(relative, true);
  if (matched || test(relative, false)) escaped.push({ path, matched });
  return matched;
}

function withEscaped(resolution: SourceResolution, escaped: EscapedComparison[]): SourceResolution {
  return escaped.length === 0 ? resolution : { ...resolution, escapedNames: escaped };
}

/** Returns whether a source has a `**` segment, which only `COPY --parents` treats as recursive. */
export function hasRecursiveWildcard(source: string): boolean {
  return normalizeContextPath(source).split('/').includes('**');
}

/**
 * Resolves a `COPY --parents` source that contains `**`, which BuildKit's Dockerfile reference
 * defines as matching any number of path segments, none included. Other segments follow Go's
 * `filepath.Match`. Every path below the literal base is tested, and a directory that matches is
 * taken whole.
 */
export function resolveRecursiveSource(index: ContextIndex, source: string): SourceResolution {
  const segments = normalizeContextPath(source).split('/').filter((segment) => segment !== '');
  const firstWildcard = segments.findIndex((segment) => hasWildcard(segment));
  const base = segments.slice(0, firstWildcard).join('/');
  const pattern = segments.slice(firstWildcard);
  const resolvedBase = followPath(index, base);
  if ('problem' in resolvedBase || resolvedBase.file.type !== 'directory') return { matches: [] };
  const basePath = resolvedBase.file.path;

  // `**` may match the base itself, as in `src/**`.
  const candidates = pattern.every((segment) => segment === '**') ? [resolvedBase.file] : index.children(basePath);
  const relativeOf = (entry: ContextFile) => {
    if (entry.path === basePath) return '';
    return basePath === '' ? entry.path : entry.path.slice(basePath.length + 1);
  };
  const escaped: EscapedComparison[] = [];
  const resolution = collectMatches(index, source, candidates, {
    matches: (entry) => matchByBytes(entry.path, relativeOf(entry), escaped, (relative, asBytes) => {
      const segments = relative === '' ? [] : relative.split('/');
      return matchSegments(pattern, asBytes ? segments.map((segment) => nameBytes(segment)) : segments);
    }),
    descends: () => true,
  });
  return withEscaped(resolution, escaped);
}

/**
 * Tests the candidates and the paths below them, depth first in name order, and returns the
 * entries that match. A directory that matches is taken whole, so nothing below it is tested.
 */
function collectMatches(
  index: ContextIndex,
  source: string,
  candidates: ContextFile[],
  test: { matches(entry: ContextFile): boolean; descends(entry: ContextFile): boolean },
): SourceResolution {
  const found: SourceMatch[] = [];
  const pending = [...candidates].reverse();
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    let matched: boolean;
    try {
      matched = test.matches(entry);
    } catch (error) {
      if (!(error instanceof BadPatternError)) throw error;
      return { matches: [], problem: `The source "${source}" is not a valid wildcard pattern ` +
        `(${error.message}); BuildKit copies nothing for it. Fix the brackets or escape them with \\.` };
    }
    if (matched) {
      const resolved = followPath(index, entry.path);
      if ('problem' in resolved) return { matches: found, problem: describeFailure(index, entry.path, resolved) };
      found.push(toMatch(entry.path, resolved));
    } else if (entry.type === 'directory' && test.descends(entry)) {
      pending.push(...index.children(entry.path).reverse());
    }
  }
  return { matches: found };
}

/**
 * Returns whether the path segments match the pattern segments, where a `**` segment takes any
 * number of path segments. Remembering the (pattern, path) positions already tried keeps the
 * work linear in their product.
 */
function matchSegments(pattern: string[], path: ReadonlyArray<string | Uint8Array>): boolean {
  const seen = new Set<number>();
  const match = (p: number, q: number): boolean => {
    if (p === pattern.length) return q === path.length;
    const key = p * (path.length + 1) + q;
    if (seen.has(key)) return false;
    seen.add(key);
    if (pattern[p] === '**') return match(p + 1, q) || (q < path.length && match(p, q + 1));
    return q < path.length && goPathMatch(pattern[p], path[q]) && match(p + 1, q + 1);
  };
  return match(0, 0);
}

function countClasses(pattern: string): number {
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '[') count++;
  }
  return count;
}

interface Followed {
  file: ContextFile;
  linksFollowed: number;
}

interface FollowFailure {
  problem: 'missing' | 'dangling' | 'loop';
  /** The link whose target is missing, for a dangling link. */
  link?: ContextFile;
}

/**
 * Looks a path up, following symlinks in every segment and at the end. An absolute link target
 * starts again at the context root, and `..` stops at the root, so nothing leaves the context.
 */
function followPath(index: ContextIndex, contextPath: string): Followed | FollowFailure {
  const pending = contextPath === '' ? [] : contextPath.split('/').reverse();
  let current = '';
  let linksFollowed = 0;
  let lastLink: ContextFile | undefined;
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name === '' || name === '.') continue;
    if (name === '..') {
      current = current.slice(0, Math.max(current.lastIndexOf('/'), 0));
      continue;
    }
    const next = current === '' ? name : `${current}/${name}`;
    const entry = index.get(next);
    if (!entry || (pending.length > 0 && entry.type !== 'directory' && entry.type !== 'symlink')) {
      return lastLink ? { problem: 'dangling', link: lastLink } : { problem: 'missing' };
    }
    if (entry.type !== 'symlink') {
      current = next;
      continue;
    }
    if (++linksFollowed > MAX_LINKS) return { problem: 'loop', link: entry };
    lastLink = entry;
    const target = entry.linkTarget ?? '';
    if (target.startsWith('/')) current = '';
    pending.push(...target.split('/').reverse());
  }
  const file = index.get(current);
  return file ? { file, linksFollowed } : { problem: 'missing' };
}

function toMatch(matchedPath: string, resolved: Followed): SourceMatch {
  const match: SourceMatch = { path: matchedPath, file: resolved.file };
  if (resolved.linksFollowed > 0) match.followedLink = resolved.file.path;
  return match;
}

function describeFailure(index: ContextIndex, source: string, failure: FollowFailure): string {
  const link = failure.link;
  switch (failure.problem) {
    case 'loop':
      return `The source "${source}" leads into a loop of symbolic links at "${link?.path}". ` +
        'Point one of the links at a real file or directory.';
    case 'dangling':
      return `The source "${source}" is a symbolic link ("${link?.path}" -> "${link?.linkTarget}") ` +
        'whose target is not in the build context. Add the target to the context or copy it directly.';
    case 'missing':
      return missingMessage(index, source);
  }
}

/** Describes a missing source, naming the ignore file's line when one excludes it. */
function missingMessage(index: ContextIndex, source: string): string {
  const path = normalizeContextPath(source);
  const excluding = index.ignoreMatcher?.excludingPattern(path);
  if (excluding && index.ignoreFile) {
    return `The source "${source}" is not in the build context ${index.root}, because line ${excluding.line} of ` +
      `${index.ignoreFile} ("${excluding.pattern}") excludes it. Remove or narrow that line, or add the line "!${path}" after it.`;
  }
  return `The source "${source}" was not found in the build context ${index.root}. Check the ` +
    'path, relative to the context folder, and that .dockerignore does not exclude it.';
}
