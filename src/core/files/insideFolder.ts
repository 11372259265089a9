/**
 * Whether a host path lies inside a folder, by the path alone (links are not followed). A
 * relative path that starts with `..` is outside only when `..` is its whole first segment: a
 * folder may be named `..data`, as Kubernetes names the folder behind a mounted ConfigMap.
 */
import * as nodePath from 'node:path';

/**
 * Returns whether `target` is `folder` itself or a path below it. `pathApi` is `node:path` by
 * default; tests pass `path.win32` or `path.posix` to check the other platform's rules.
 */
export function isInsideFolder(folder: string, target: string, pathApi: nodePath.PlatformPath = nodePath): boolean {
  const relative = pathApi.relative(folder, target);
  if (pathApi.isAbsolute(relative)) return false;
  return relative !== '..' && !relative.startsWith('..' + pathApi.sep);
}
