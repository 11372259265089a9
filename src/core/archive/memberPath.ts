/** Cleaning of tar member names into relative, `/`-separated paths that stay inside the archive. */

export type CleanedPath = { path: string } | { problem: string };

/** A member name cleaned as ADD extracts it; `clamped` is set when a `..` climbed above the top. */
export type ClampedPath = { path: string; clamped: boolean } | { problem: string };

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
  const resolved = resolveSegments(name);
  if ('problem' in resolved) return resolved;
  if (resolved.clamped) return { problem: `the member name ${JSON.stringify(name)} points outside ${root === 'layer' ? "the image's root filesystem" : 'the archive'} with ".."` };
  return { path: resolved.path };
}

/**
 * Cleans a member name as `ADD` extracts a local archive: a `..` that climbs above the top stays
 * at the top, as `..` does at `/`. The builders extract inside the destination as if it were `/`:
 * Docker 20.10 and BuildKit (to v0.32 at least) through moby's `chrootarchive.Untar`, which
 * chroots there, and buildah 1.28 by cleaning each name against `/` (`cleanerReldirectory`). So
 * `../a` and `b/../../a` both land at `a`. A name with a NUL is rejected with a problem.
 */
export function clampMemberPath(name: string): ClampedPath {
  return resolveSegments(name);
}

function resolveSegments(name: string): ClampedPath {
  if (name.includes('\0')) return { problem: `the member name ${JSON.stringify(name)} contains a NUL character` };
  const segments: string[] = [];
  let clamped = false;
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) clamped = true;
      else segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { path: segments.join('/'), clamped };
}
