/**
 * Follows the symlinks of a layer stack in a COPY or ADD destination. Builders resolve the
 * destination inside the image's root: tonistiigi/fsutil's `copy.Copy` (BuildKit) passes it
 * through continuity's `fs.RootPath`, and the classic builder and buildah 1.28 were recorded
 * writing through a symlinked folder too (conformance case 73-symlink-dir-later).
 */
import { baseName, joinImagePath, parentPath } from '../model/paths';
import type { LayerStack } from '../model/stack';

export class StackLinks {
  /** Resolved folders by path, because a large COPY looks up the same folders many times. */
  private readonly folders = new Map<string, string>();
  /** Folders being resolved now: meeting one again means a symlink loop, which is left as it is. */
  private readonly resolving = new Set<string>();

  constructor(private readonly stack: LayerStack) {}

  /** Returns `path` with the symlinks among its ancestors followed; a final symlink stays. */
  resolveParents(path: string): string {
    if (path === '/') return path;
    return joinImagePath(this.resolveFolder(parentPath(path)), baseName(path));
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
