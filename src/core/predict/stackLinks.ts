/**
 * Follows the symlinks of a layer stack in a COPY or ADD destination. Builders resolve the
 * destination inside the image's root: tonistiigi/fsutil's `copy.Copy` (BuildKit) passes it
 * through continuity's `fs.RootPath`, and the classic builder and buildah 1.28 were recorded
 * writing through a symlinked folder too (conformance case 73-symlink-dir-later).
 */
import { joinImagePath, parentPath } from '../model/paths';
import type { LayerStack } from '../model/stack';

export class StackLinks {
  /** Resolved folders by path, because a large COPY looks up the same folders many times. */
  private readonly folders = new Map<string, string>();
  /** Folders being resolved now: meeting one again means a symlink loop, which is left as it is. */
  private readonly resolving = new Set<string>();

  // The folder of the last `resolveParents` call and what it resolved to. A COPY of a folder
  // resolves its files folder by folder, so most calls find their folder here without cutting
  // and hashing it for a map lookup.
  private lastFolder = '/';
  private lastResolved = '/';

  constructor(private readonly stack: LayerStack) {}

  /** Returns `path` with the symlinks among its ancestors followed; a final symlink stays. */
  resolveParents(path: string): string {
    if (path === '/') return path;
    const slash = path.lastIndexOf('/');
    let folder = this.lastFolder;
    let resolved = this.lastResolved;
    if (slash !== folder.length || slash === 0 || !path.startsWith(folder)) {
      folder = slash <= 0 ? '/' : path.slice(0, slash);
      resolved = this.resolveFolder(folder);
      // A resolution cut short by a symlink loop is not kept in `folders`, so it is not kept here either.
      if (this.folders.get(folder) === resolved) {
        this.lastFolder = folder;
        this.lastResolved = resolved;
      }
    }
    // A normalised path whose folder has no symlink resolves to itself. Returning it saves the
    // join's two regular expression tests and a new path string for each file a COPY writes.
    if (resolved === folder && slash > 0 && this.folders.get(folder) === folder && isPlainName(path, slash)) return path;
    return joinImagePath(resolved, path.slice(slash + 1));
  }

  /** Returns `path` with every symlink followed, the last one too, as a folder lookup does. */
  resolveFolder(path: string): string {
    if (path === '/') return path;
    const known = this.folders.get(path);
    if (known !== undefined) return known;
    if (this.resolving.has(path)) return path;
    this.resolving.add(path);
    let resolved = this.resolveParents(path);
    const entry = this.stack.lookup(resolved)?.entry;
    if (entry?.op === 'write' && entry.type === 'symlink' && entry.linkTarget !== undefined) {
      resolved = this.resolveFolder(joinImagePath(parentPath(resolved), entry.linkTarget));
    }
    this.resolving.delete(path);
    this.folders.set(path, resolved);
    return resolved;
  }
}

/** Tells whether the name after `slash` is neither empty, `.` nor `..`, so a join leaves it as it is. */
function isPlainName(path: string, slash: number): boolean {
  const length = path.length - slash - 1;
  if (length === 0) return false;
  if (length > 2 || path.charCodeAt(slash + 1) !== 0x2e) return true;
  return length === 2 && path.charCodeAt(slash + 2) !== 0x2e;
}
