/**
 * The walked build context: every path a builder would receive, looked up by context-relative
 * path. Paths are stored once, as map keys that the records and child lists share.
 */
import type { ContextFile, ContextProblem } from './types';
import type { IgnoreMatcher } from './dockerignore';

/** Converts `./a/b/`, `a//b` or `.` to the stored form (`a/b`, `''` for the root). */
export function normalizeContextPath(path: string): string {
  if (path === '' || path === '.' || path === './' || path === '/') return '';
  if (!/(^\.?\/)|\/$|\/\/|(^|\/)\.\.?(\/|$)/.test(path)) return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

/** Returns the parent of a stored path (`''` for a top-level path). */
export function parentContextPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Returns the last segment of a stored path. */
export function contextBaseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Compares names by Unicode code point, which is the byte order Go sorts UTF-8 names in.
 * Plain `<` compares UTF-16 units and would put U+FFxx after astral characters.
 */
export function compareNames(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

export class ContextIndex {
  readonly problems: ContextProblem[] = [];
  /** Absolute host path of the ignore file that was applied, if one exists. */
  ignoreFile?: string;
  /** The ignore file's `!` patterns, cleaned, which decide which excluded folders older builders walk into. */
  ignoreExceptions: readonly string[] = [];
  /** The ignore file's patterns, to name the line that excludes a missing source. */
  ignoreMatcher?: IgnoreMatcher;
  private readonly entries = new Map<string, ContextFile>();
  /** Child paths of each directory, in name order. */
  private readonly childPaths = new Map<string, string[]>();

  /** @param root Absolute host path of the context folder. */
  constructor(readonly root: string) {}

  /** Number of entries, the root included. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Adds an entry. Its parent need not be added yet, so a walk can add an excluded directory
   * after it finds a re-included file inside. Adding a path again replaces its record.
   */
  add(file: ContextFile): void {
    const path = normalizeContextPath(file.path);
    const record = path === file.path ? file : { ...file, path };
    const known = this.entries.has(path);
    this.entries.set(path, record);
    if (path === '' || known) return;
    insertSorted(this.childList(parentContextPath(path)), path);
  }

  /** Looks up a context-relative path (`''` or `.` is the root). */
  get(path: string): ContextFile | undefined {
    return this.entries.get(normalizeContextPath(path));
  }

  /** Lists the entries directly inside `dir`, in name order. */
  children(dir: string): ContextFile[] {
    const paths = this.childPaths.get(normalizeContextPath(dir)) ?? [];
    return paths.map((path) => this.entries.get(path) as ContextFile);
  }

  /** Lists every entry below `dir`, depth first in name order, without `dir` itself. */
  descendants(dir: string): ContextFile[] {
    const result: ContextFile[] = [];
    const stack = [...(this.childPaths.get(normalizeContextPath(dir)) ?? [])].reverse();
    for (let path = stack.pop(); path !== undefined; path = stack.pop()) {
      result.push(this.entries.get(path) as ContextFile);
      const below = this.childPaths.get(path);
      if (below) for (let i = below.length - 1; i >= 0; i--) stack.push(below[i] as string);
    }
    return result;
  }

  private childList(dir: string): string[] {
    let list = this.childPaths.get(dir);
    if (!list) {
      list = [];
      this.childPaths.set(dir, list);
    }
    return list;
  }
}

/** Inserts a path into a name-ordered list; a walk appends in order, so that case is O(1). */
function insertSorted(list: string[], path: string): void {
  const name = contextBaseName(path);
  const last = list[list.length - 1];
  if (last === undefined || compareNames(contextBaseName(last), name) < 0) {
    list.push(path);
    return;
  }
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNames(contextBaseName(list[middle] as string), name) < 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, path);
}
