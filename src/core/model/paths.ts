/** Helpers for absolute, `/`-separated image paths. Image paths are POSIX on every host. */
import * as posix from 'node:path/posix';

/** Normalises an image path: absolute, no `.` or `..` segments, no trailing slash except for `/`. */
export function normalizeImagePath(path: string): string {
  const normalized = posix.normalize('/' + path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** Splits a normalised path into its segments (`/` has none). */
export function pathSegments(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

/** Returns the parent of a normalised path (`/` for top-level paths and for `/` itself). */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** Returns the last segment of a normalised path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A `.` or `..` segment, an empty segment, a trailing slash, or the empty path. */
const unnormalized = /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|\/$|^$/;

/** Joins a normalised directory and a relative or absolute path, then normalises. */
export function joinImagePath(directory: string, path: string): string {
  // A plain relative path under a normalised directory is joined as it is: a COPY of a large
  // context joins one path per file, and normalising each took over half the time of placing them.
  if (path[0] !== '/' && !unnormalized.test(path) && (directory === '/' || (directory[0] === '/' && !unnormalized.test(directory)))) {
    return directory === '/' ? '/' + path : directory + '/' + path;
  }
  return normalizeImagePath(path.startsWith('/') ? path : posix.join(directory, path));
}

/** Lists the ancestors of a normalised path from the top down, without `/` and the path itself. */
export function ancestorPaths(path: string): string[] {
  // Each ancestor is a prefix of the path up to a slash, so one scan finds them all.
  const ancestors: string[] = [];
  for (let slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) ancestors.push(path.slice(0, slash));
  return ancestors;
}
