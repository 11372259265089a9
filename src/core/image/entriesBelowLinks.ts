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

/** Maximum number of problems listed one by one for each layer, because a hostile layer can list millions of entries below one link. */
export const MAX_PROBLEMS_PER_LAYER = 20;

/**
 * Returns one problem for each entry below a symlink that the layers up to its own leave in
 * place, each naming `label` (the image), the layer and the entry. After the first
 * `MAX_PROBLEMS_PER_LAYER` of a layer, one more problem counts the rest.
 */
export function findEntriesBelowLinks(layers: readonly ListedLayer[], label: string): string[] {
  const links = new LiveLinks();
  const problems: string[] = [];
  layers.forEach(({ member, layer }, index) => {
    let found = 0;
    for (const entry of layer.entries) {
      const link = links.size > 0 ? links.linkAbove(entry.path) : undefined;
      if (link && ++found <= MAX_PROBLEMS_PER_LAYER) problems.push(describeEntry(label, member, entry.path, link, link.layer === index));
      links.apply(entry, index);
    }
    if (found > MAX_PROBLEMS_PER_LAYER) problems.push(describeRest(label, member, found - MAX_PROBLEMS_PER_LAYER));
  });
  return problems;
}

interface Link {
  path: string;
  target: string;
  /** Index of the layer that wrote the link. */
  layer: number;
  /** Position of the entry that wrote the link among all entries read. */
  sequence: number;
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

function describeRest(label: string, member: string, rest: number): string {
  return `${label}: ${member}: ${rest.toLocaleString('en')} more entries of this layer are below symlinks, as the problems above describe. They are listed where the layer puts them.`;
}

/**
 * The symlinks of the layers read so far that no later entry replaced or deleted. An entry that
 * replaces a folder records only its sequence number, because a search for the links below the
 * folder scans every link, once per replaced folder of a hostile image. A lookup takes a link as
 * gone when a folder above it was replaced after the link was written, so each entry costs work
 * in proportion to its path's depth.
 */
export class LiveLinks {
  /** Links by path. A link that is gone stays here until a lookup passes it. */
  private readonly links = new Map<string, Link>();
  /** Folders with a link somewhere below them, now or earlier. */
  private readonly foldersAboveLinks = new Set<string>();
  /** Sequence number of the last entry that replaced or deleted each folder of `foldersAboveLinks`. */
  private readonly replacedAt = new Map<string, number>();
  private entriesRead = 0;
  /** Folders that lookups and recorded links have stepped through, which a test bounds. */
  foldersVisited = 0;

  get size(): number {
    return this.links.size;
  }

  /** Returns the link at the nearest parent folder of `path` that no later entry replaced, if any. */
  linkAbove(path: string): Link | undefined {
    const folders: string[] = [];
    for (let folder = parentPath(path); folder !== '/'; folder = parentPath(folder)) folders.push(folder);
    this.foldersVisited += folders.length;
    // From the root down, so that the last replacement of a folder above each link is known at the link.
    let replaced = 0;
    let nearest: Link | undefined;
    for (let index = folders.length - 1; index >= 0; index--) {
      const folder = folders[index];
      const link = this.links.get(folder);
      if (link && link.sequence > replaced) nearest = link;
      else if (link) this.links.delete(folder);
      replaced = Math.max(replaced, this.replacedAt.get(folder) ?? 0);
    }
    return nearest;
  }

  /** Records a symlink, or that `entry` replaces or deletes a link or the links below a folder. */
  apply(entry: LayerEntry, layer: number): void {
    const sequence = ++this.entriesRead;
    if (entry.op === 'write' && entry.type === 'symlink') {
      // A link in place of a folder replaces the links below it, as a file there does.
      if (this.foldersAboveLinks.has(entry.path)) this.replacedAt.set(entry.path, sequence);
      this.links.set(entry.path, { path: entry.path, target: entry.linkTarget ?? '', layer, sequence });
      this.addFoldersAbove(entry.path);
      return;
    }
    if (this.links.size === 0) return;
    // Any write replaces a link at its path, a folder too, because a folder does not merge with a link.
    this.links.delete(entry.path);
    const replacesChildren = entry.op === 'delete' || entry.type !== 'directory' || entry.opaque === true;
    if (replacesChildren && this.foldersAboveLinks.has(entry.path)) this.replacedAt.set(entry.path, sequence);
  }

  private addFoldersAbove(path: string): void {
    // A folder in the set has its parents in it too, so the walk stops at the first one.
    for (let folder = parentPath(path); folder !== '/' && !this.foldersAboveLinks.has(folder); folder = parentPath(folder)) {
      this.foldersAboveLinks.add(folder);
      this.foldersVisited++;
    }
  }
}
