/**
 * Finds layer entries whose path goes through a symlink: `evil -> /etc/shadow`, then
 * `evil/through.txt`. A tar can list such an entry, but no filesystem can hold a file inside a
 * symlink, so the storage driver decides where it lands. With Docker 20.10.24, checked with
 * `docker load` and `docker export`:
 * - overlay2 writes an entry through a link of its own layer when that layer wrote the link's
 *   target earlier, and otherwise fails to load the image.
 * - overlay2 puts a folder in place of a lower layer's link, with the entry in it.
 * - vfs writes through the link in both cases, and fails when the target does not exist.
 * The entries stay where the layer lists them, and each gets a problem.
 */
import type { LayerEntry } from '../model/layer';
import { parentPath } from '../model/paths';

/** A layer as this check reads it: its member (for messages) and its entries in tar order. */
export interface ListedLayer {
  member: string;
  layer: { entries: readonly LayerEntry[] };
}

/**
 * Returns one problem for each entry below a symlink that the layers up to its own leave in
 * place, each naming `label` (the image), the layer and the entry.
 */
export function findEntriesBelowLinks(layers: readonly ListedLayer[], label: string): string[] {
  const links = new LiveLinks();
  const problems: string[] = [];
  layers.forEach(({ member, layer }, index) => {
    for (const entry of layer.entries) {
      const link = links.size > 0 ? links.linkAbove(entry.path) : undefined;
      if (link) problems.push(describeEntry(label, member, entry.path, link, link.layer === index));
      links.apply(entry, index);
    }
  });
  return problems;
}

interface Link {
  path: string;
  target: string;
  /** Index of the layer that wrote the link. */
  layer: number;
}

function describeEntry(label: string, member: string, path: string, link: Link, sameLayer: boolean): string {
  const where = sameLayer ? 'an earlier entry of this layer' : 'a lower layer';
  const overlay = sameLayer ? 'writes it through the link when this layer wrote the target earlier, and otherwise fails to load the image' : 'makes a folder in place of the link, with the entry in it';
  return (
    `${label}: ${member}: the entry ${path} is below ${link.path}, which ${where} wrote as a symlink to ${JSON.stringify(link.target)}. ` +
    `It is listed where the layer puts it. Docker 20.10 on overlay2 ${overlay}. ` +
    'On vfs, Docker writes it through the link when the target exists, and otherwise fails to load the image.'
  );
}

/** The symlinks of the layers read so far that no later entry replaced or deleted. */
class LiveLinks {
  private readonly links = new Map<string, Link>();
  /** Folders with a link somewhere below them. A folder whose links are gone costs only a needless scan. */
  private readonly foldersAboveLinks = new Set<string>();

  get size(): number {
    return this.links.size;
  }

  /** Returns the link at the nearest parent folder of `path`, if any. */
  linkAbove(path: string): Link | undefined {
    for (let folder = parentPath(path); folder !== '/'; folder = parentPath(folder)) {
      const link = this.links.get(folder);
      if (link) return link;
    }
    return undefined;
  }

  /** Records a symlink, and drops the links that `entry` replaces or deletes. */
  apply(entry: LayerEntry, layer: number): void {
    if (entry.op === 'write' && entry.type === 'symlink') {
      this.links.set(entry.path, { path: entry.path, target: entry.linkTarget ?? '', layer });
      for (let folder = parentPath(entry.path); folder !== '/'; folder = parentPath(folder)) this.foldersAboveLinks.add(folder);
      return;
    }
    if (this.links.size === 0) return;
    // Any write replaces a link at its path, a folder too, because a folder does not merge with a link.
    this.links.delete(entry.path);
    const replacesChildren = entry.op === 'delete' || entry.type !== 'directory' || entry.opaque === true;
    if (replacesChildren && this.foldersAboveLinks.has(entry.path)) this.dropBelow(entry.path);
  }

  private dropBelow(folder: string): void {
    const prefix = folder + '/';
    for (const path of this.links.keys()) {
      if (path.startsWith(prefix)) this.links.delete(path);
    }
  }
}
