/** Cleaning of tar member names into relative, `/`-separated paths that stay inside the archive. */

export type CleanedPath = { path: string } | { problem: string };

/**
 * The root a member name is relative to: the archive for its own members, and the image's root
 * filesystem for an entry of a layer, which a `..` at the start of its name would leave.
 */
export type MemberRoot = 'archive' | 'layer';

/**
 * Cleans a member name: drops leading `/` and `./`, `.` segments and empty segments, and resolves
 * `..` within the name. A name whose `..` climbs above the root (see `MemberRoot`), or that contains a NUL, is
 * rejected with a problem instead, as Docker rejects such a layer entry as a breakout. The root
 * itself (`./`) cleans to the empty string.
 */
export function cleanMemberPath(name: string, root: MemberRoot = 'archive'): CleanedPath {
  if (name.includes('\0')) return { problem: `the member name ${JSON.stringify(name)} contains a NUL character` };
  const segments: string[] = [];
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { problem: `the member name ${JSON.stringify(name)} points outside ${root === 'layer' ? "the image's root filesystem" : 'the archive'} with ".."` };
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { path: segments.join('/') };
}
