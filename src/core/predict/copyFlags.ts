/**
 * COPY and ADD flags that reshape what a source provides: `--exclude` drops items, `--parents`
 * keeps a source's path from the context root, and ADD's `--checksum` is checked for form.
 * Behaviour follows BuildKit's Dockerfile reference (`--parents` and `--exclude` since syntax
 * 1.7-labs); no builder recorded here supports them.
 */
import { compileIgnorePattern, type PathTest } from '../context/ignorePattern';
import type { SourceContent } from './copySources';

/** Compiles `--exclude` patterns; each is matched against paths relative to the source. */
export function compileExcludes(patterns: string[]): PathTest[] {
  return patterns.map((pattern) => compileIgnorePattern(pattern.replace(/^\.?\/+/, '')));
}

/**
 * Drops the items an exclude pattern matches, and everything below an excluded directory. A
 * file source is tested by its own name.
 */
export function applyExcludes(content: SourceContent, excludes: PathTest[]): SourceContent | null {
  if (excludes.length === 0) return content;
  const excluded = (path: string) => excludes.some((test) => test(path));
  if (!content.isDirectory) return excluded(content.name) ? null : content;
  const droppedDirectories: string[] = [];
  const items = content.items.filter((item) => {
    if (droppedDirectories.some((directory) => item.relative.startsWith(directory + '/'))) return false;
    if (!excluded(item.relative)) return true;
    if (item.type === 'directory') droppedDirectories.push(item.relative);
    return false;
  });
  return { ...content, items };
}

/**
 * Returns the path a `--parents` source keeps under the destination: the matched context path,
 * or the part after a `/./` mark in the source as written.
 */
export function parentsPath(source: string, matchedPath: string): string {
  const pivot = source.replace(/^\.\//, '').indexOf('/./');
  if (pivot < 0) return matchedPath;
  const dropped = source.replace(/^\.\//, '').slice(0, pivot).split('/').filter((part) => part !== '' && part !== '.').length;
  return matchedPath.split('/').slice(dropped).join('/');
}

/** Checks `ADD --checksum`: BuildKit accepts `sha256:`, `sha384:` or `sha512:` with hex digits. */
export function checksumProblem(checksum: string): string | undefined {
  const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  const match = /^(sha256|sha384|sha512):([0-9a-f]+)$/.exec(checksum);
  if (match && match[2].length === lengths[match[1]]) return undefined;
  return `--checksum=${checksum} is invalid: give a digest such as sha256: followed by 64 hex digits.`;
}
