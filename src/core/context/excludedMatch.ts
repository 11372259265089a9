/**
 * Explains a wildcard COPY source that matches nothing because the ignore file excluded what it
 * would match. The context walk lists no excluded path, so this reads the folders on disk again,
 * one wildcard segment at a time.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareNames, normalizeContextPath, type ContextIndex } from './contextIndex';
import { BadPatternError, goPathMatch, hasWildcard } from './goMatch';

/**
 * The maximum number of folders one explanation reads. A hint is not worth a second walk of a
 * large context, so a source such as `*\/*\/*.log` over thousands of folders gets no hint.
 */
const MAX_FOLDER_READS = 200;

/**
 * Returns a sentence naming the ignore file's line and the first excluded path, in name order,
 * that the wildcard source would match. Returns `undefined` when no excluded path matches, when
 * the source has no wildcard or has `**`, and when the search reaches its folder limit.
 */
export function excludedWildcardMatch(index: ContextIndex, source: string): string | undefined {
  const matcher = index.ignoreMatcher;
  if (!matcher || matcher.isEmpty || !index.ignoreFile) return undefined;
  const segments = normalizeContextPath(source).split('/').filter((segment) => segment !== '');
  if (!segments.some(hasWildcard) || segments.includes('**')) return undefined;
  const budget = { reads: MAX_FOLDER_READS };
  for (const path of matchingPaths(index.root, '', segments, budget)) {
    const excluding = matcher.excludingPattern(path);
    if (excluding) return `Line ${excluding.line} of ${index.ignoreFile} ("${excluding.pattern}") excludes ${path}, which it would match.`;
  }
  return undefined;
}

/** Yields the context paths on disk below `folder` that match `segments`, depth first in name order. */
function* matchingPaths(root: string, folder: string, segments: readonly string[], budget: { reads: number }): Generator<string> {
  const [segment, ...rest] = segments;
  for (const entry of folderEntries(root, folder, budget)) {
    if (!safeMatch(segment, entry.name)) continue;
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (rest.length === 0) yield path;
    else if (entry.isDirectory()) yield* matchingPaths(root, path, rest, budget);
  }
}

/** Lists a context folder in name order; nothing once the budget is spent or when it cannot be read. */
function folderEntries(root: string, folder: string, budget: { reads: number }): Array<{ name: string; isDirectory(): boolean }> {
  if (budget.reads <= 0) return [];
  budget.reads--;
  try {
    const entries = readdirSync(join(root, ...folder.split('/').filter(Boolean)), { withFileTypes: true });
    return entries.sort((a, b) => compareNames(a.name, b.name));
  } catch {
    return [];
  }
}

/** Matches one name against one segment as Go's `filepath.Match` does; a bad pattern matches nothing. */
function safeMatch(pattern: string, name: string): boolean {
  try {
    return goPathMatch(pattern, name);
  } catch (error) {
    if (error instanceof BadPatternError) return false;
    throw error;
  }
}
