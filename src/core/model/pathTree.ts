/**
 * The tree of every path any layer of a stack touched. Each path is stored once, and each node
 * keeps the versions written by the layers and the layers that deleted it, so the merged
 * filesystem as of any layer is a question asked of the tree, not a copy of it. A node is an
 * index (`NodeId`): the tree keeps its links and name in columns (`NodeTable`), and its versions
 * and whiteouts in arrays and a map by index.
 */
import { hidesLowerChildren, type WriteEntry } from './layer';
import { NodeTable, type NodeId } from './nodeTable';

export type { NodeId } from './nodeTable';

/** One layer's version of a path. */
export interface Version {
  layer: number;
  entry: WriteEntry;
}

/** The change that hid a lower version: a later version of the same path, or a deletion. */
export interface Hider {
  layer: number;
  kind: 'shadowed' | 'deleted';
}

const NO_WHITEOUTS: readonly number[] = [];
const NO_VERSIONS: readonly Version[] = [];

export class PathTree {
  private readonly nodes = new NodeTable();
  readonly root: NodeId = this.nodes.add(undefined, '');
  // The versions of each node by its index, in chunks of `VERSION_CHUNK` nodes. One array that
  // grew with the tree left each of its outgrown copies in the large object space until the next
  // full collection. Most paths have one version, kept without an array: an array of one took 56
  // bytes per path, about 9 MB on the 200,000-entry bench image (`npm run bench`). Longer lists
  // are arrays of exactly the right length, because V8 reserves spare room when an array grows.
  private readonly stored: StoredVersions[][] = [newVersionChunk()];
  // The layers whose whiteouts name a node, ascending, for the few nodes that have any.
  private readonly whiteoutLists = new Map<NodeId, readonly number[]>();
  // The folder of the last path looked up. Layers list paths folder by folder, so most lookups
  // find their parent here and slice one name instead of every segment. Nodes are never removed,
  // so the cached node stays valid.
  private lastFolderPath = '/';
  private lastFolder: NodeId = this.root;
  // The folder whose path `path` spelled last, and that path.
  private lastSpelledFolder: NodeId | undefined = undefined;
  private lastSpelledFolderPath = '/';

  /** The number of nodes made so far; a node made later has an index at least this. */
  get nodeCount(): number {
    return this.nodes.size;
  }

  /** Returns the node of a normalised path, creating it and its ancestors when `create` is set. */
  node(path: string, create: true): NodeId;
  node(path: string, create?: false): NodeId | undefined;
  node(path: string, create = false): NodeId | undefined {
    if (path === '/') return this.root;
    const slash = path.lastIndexOf('/');
    const parent = this.folder(path, slash, create);
    if (parent === undefined) return undefined;
    return this.child(parent, path.slice(slash + 1), create);
  }

  /** Returns the node of the folder `path.slice(0, slash)`, from the cache when it is the same folder. */
  private folder(path: string, slash: number, create: boolean): NodeId | undefined {
    if (slash === 0) return this.root;
    const cached = this.lastFolderPath;
    if (slash === cached.length && path.startsWith(cached)) return this.lastFolder;
    const folderPath = path.slice(0, slash);
    let node = this.root;
    // The same segments as `pathSegments`, scanned in place: stacking 100,000 entries split as
    // many paths into arrays, which showed in the profile of explain --json.
    for (let start = 1; start <= slash; ) {
      const next = folderPath.indexOf('/', start);
      const end = next < 0 ? folderPath.length : next;
      const found = this.child(node, folderPath.slice(start, end), create);
      if (found === undefined) return undefined;
      node = found;
      start = end + 1;
    }
    this.lastFolderPath = folderPath;
    this.lastFolder = node;
    return node;
  }

  private child(parent: NodeId, name: string, create: boolean): NodeId | undefined {
    const existing = this.nodes.find(parent, name);
    if (existing !== undefined || !create) return existing;
    // The table copies the name's characters, so the node keeps no path it was cut from alive.
    const created = this.nodes.add(parent, name);
    if (created % VERSION_CHUNK === 0) this.stored.push(newVersionChunk());
    return created;
  }

  /** Returns the parent of `node`, or `undefined` for the root. */
  parent(node: NodeId): NodeId | undefined {
    return this.nodes.parent(node);
  }

  /** Returns the last segment of the node's path, which is empty for the root. */
  name(node: NodeId): string {
    return this.nodes.name(node);
  }

  path(node: NodeId): string {
    const parent = this.nodes.parent(node);
    if (parent === undefined) return '/';
    // Writes are listed folder by folder, so the folder's path is most often the last one spelled.
    if (parent !== this.lastSpelledFolder) {
      this.lastSpelledFolderPath = this.path(parent);
      this.lastSpelledFolder = parent;
    }
    const parentPath = this.lastSpelledFolderPath;
    return parentPath === '/' ? '/' + this.nodes.name(node) : parentPath + '/' + this.nodes.name(node);
  }

  /** Compares the names of two nodes as `compareNames` in `stack.ts` compares strings. */
  compareNames(a: NodeId, b: NodeId): number {
    return this.nodes.compareNames(a, b);
  }

  hasChildren(node: NodeId): boolean {
    return this.nodes.hasChildren(node);
  }

  /** Lists the children of `node` in no set order. */
  children(node: NodeId): NodeId[] {
    return this.nodes.children(node);
  }

  /** Versions of `node` in ascending layer order. */
  versions(node: NodeId): readonly Version[] {
    const stored = this.storedAt(node);
    if (stored === undefined) return NO_VERSIONS;
    return isList(stored) ? stored : [stored];
  }

  /** Returns the versions of the node of the normalised `path`, none when no layer placed it. */
  versionsOfPath(path: string): readonly Version[] {
    const node = this.node(path);
    return node === undefined ? NO_VERSIONS : this.versions(node);
  }

  /** Returns the number of versions of `node`. With `versionAt`, a loop over them allocates nothing. */
  versionCount(node: NodeId): number {
    const stored = this.storedAt(node);
    if (stored === undefined) return 0;
    return isList(stored) ? stored.length : 1;
  }

  /** Returns version `index` of `node` in ascending layer order. */
  versionAt(node: NodeId, index: number): Version {
    const stored = this.storedAt(node) as Version | readonly Version[];
    return isList(stored) ? stored[index] : stored;
  }

  /** Adds a version of `node` above the existing ones. */
  addVersion(node: NodeId, version: Version): void {
    const stored = this.storedAt(node);
    if (stored === undefined) this.setStored(node, version);
    else this.setStored(node, isList(stored) ? [...stored, version] : [stored, version]);
  }

  /** Drops the versions of layer `layer` and above, as `LayerStack.truncate` removes those layers. */
  dropVersionsFrom(node: NodeId, layer: number): void {
    const remaining = this.versions(node).filter((version) => version.layer < layer);
    if (remaining.length === 0) this.setStored(node, undefined);
    else if (remaining.length === 1) this.setStored(node, remaining[0]);
    else this.setStored(node, remaining);
  }

  private storedAt(node: NodeId): StoredVersions {
    return this.stored[Math.floor(node / VERSION_CHUNK)][node % VERSION_CHUNK];
  }

  private setStored(node: NodeId, versions: StoredVersions): void {
    this.stored[Math.floor(node / VERSION_CHUNK)][node % VERSION_CHUNK] = versions;
  }

  /** Layers whose whiteout names this path, ascending. */
  whiteouts(node: NodeId): readonly number[] {
    const whiteouts = this.whiteoutLists.size === 0 ? undefined : this.whiteoutLists.get(node);
    return whiteouts ?? NO_WHITEOUTS;
  }

  /** Records a whiteout of `node`. Layers arrive in ascending order. */
  addWhiteout(node: NodeId, layer: number): void {
    // A new array of the exact length, as for versions: one that `push` grew keeps room for 17.
    const whiteouts = this.whiteouts(node);
    this.whiteoutLists.set(node, whiteouts.length === 0 ? [layer] : [...whiteouts, layer]);
  }

  /** Drops the whiteouts of layer `layer` and above, as `LayerStack.truncate` removes those layers. */
  dropWhiteoutsFrom(node: NodeId, layer: number): void {
    const remaining = this.whiteouts(node).filter((whiteout) => whiteout < layer);
    if (remaining.length === 0) this.whiteoutLists.delete(node);
    else this.whiteoutLists.set(node, remaining);
  }

  /** Returns the highest version of `node` at or below `asOf`. */
  topVersion(node: NodeId, asOf: number): Version | undefined {
    const stored = this.storedAt(node);
    if (stored === undefined) return undefined;
    if (!isList(stored)) return stored.layer <= asOf ? stored : undefined;
    for (let i = stored.length - 1; i >= 0; i--) {
      if (stored[i].layer <= asOf) return stored[i];
    }
    return undefined;
  }

  /**
   * Returns the highest layer at or below `asOf` whose change to `node` hides what lower
   * layers wrote under it: a whiteout of the node, an opaque marker on it, or a non-directory
   * written in its place. Returns -1 when there is none.
   */
  descendantCutoff(node: NodeId, asOf: number): number {
    let cutoff = this.selfCutoff(node, asOf);
    const stored = this.storedAt(node);
    if (stored === undefined) return cutoff;
    // The single version is read without `versions`, which would allocate an array: this runs
    // for every ancestor of every path looked up.
    if (!isList(stored)) return stored.layer <= asOf && hidesBelow(stored) ? Math.max(cutoff, stored.layer) : cutoff;
    for (const version of stored) {
      if (version.layer > asOf) break;
      if (hidesBelow(version)) cutoff = Math.max(cutoff, version.layer);
    }
    return cutoff;
  }

  /** Returns the highest layer at or below `asOf` that whited `node` out, or -1. */
  selfCutoff(node: NodeId, asOf: number): number {
    let cutoff = -1;
    for (const layer of this.whiteouts(node)) if (layer <= asOf) cutoff = layer;
    return cutoff;
  }

  /** Returns the highest layer at or below `asOf` at which an ancestor of `node` hid its subtree. */
  ancestorCutoff(node: NodeId, asOf: number): number {
    let cutoff = -1;
    for (let ancestor = this.parent(node); ancestor !== undefined; ancestor = this.parent(ancestor)) {
      cutoff = Math.max(cutoff, this.descendantCutoff(ancestor, asOf));
    }
    return cutoff;
  }

  /**
   * Returns the version of `node` that the merged filesystem shows as of layer `asOf`.
   * A change at layer L hides only versions from layers below L, so a layer may mark a directory
   * opaque and write new children into it.
   */
  visibleVersion(node: NodeId, asOf: number, ancestorCutoff = this.ancestorCutoff(node, asOf)): Version | undefined {
    const top = this.topVersion(node, asOf);
    if (!top) return undefined;
    const cutoff = Math.max(ancestorCutoff, this.selfCutoff(node, asOf));
    return top.layer >= cutoff ? top : undefined;
  }

  /**
   * Returns what hid `version` of `node` as of layer `asOf`: the lowest later change that hides
   * it. A deletion in the same layer as a newer version wins, because the deletion is what
   * removed the lower copy (an opaque directory rewritten in one layer shadows nothing).
   * `ancestorDeletion` is `this.ancestorDeletion(node, version.layer, asOf)`, the same for every
   * child of one folder, so a caller that asks about many files of a folder passes it.
   */
  hiderOf(node: NodeId, version: Version, asOf: number, ancestorDeletion = this.ancestorDeletion(node, version.layer, asOf)): Hider | undefined {
    // Loops by index, without closures or arrays: this runs for every hidden version when the
    // merged paths and the waste of a stack are listed.
    const after = version.layer;
    let shadow = Infinity;
    for (let index = 0; index < this.versionCount(node); index++) {
      const layer = this.versionAt(node, index).layer;
      if (layer > after) {
        if (layer <= asOf) shadow = layer;
        break;
      }
    }
    const deletion = Math.min(lowestBetween(this.whiteouts(node), after, asOf), ancestorDeletion);
    if (deletion === Infinity && shadow === Infinity) return undefined;
    return deletion <= shadow ? { layer: deletion, kind: 'deleted' } : { layer: shadow, kind: 'shadowed' };
  }

  /**
   * Returns the lowest layer above `after` and at most `asOf` at which an ancestor of `node` was
   * deleted or hid its subtree (see `hidesBelow`), or `Infinity`.
   */
  ancestorDeletion(node: NodeId, after: number, asOf: number): number {
    let deletion = Infinity;
    for (let ancestor = this.parent(node); ancestor !== undefined; ancestor = this.parent(ancestor)) {
      deletion = Math.min(deletion, lowestBetween(this.whiteouts(ancestor), after, asOf), this.lowestHidingLayer(ancestor, after, asOf));
    }
    return deletion;
  }

  /**
   * Returns the lowest layer above `after` and at most `asOf` in which `node` hides what lower
   * layers wrote below it (see `hidesBelow`), or `Infinity`.
   */
  private lowestHidingLayer(node: NodeId, after: number, asOf: number): number {
    for (let index = 0; index < this.versionCount(node); index++) {
      const version = this.versionAt(node, index);
      if (version.layer > asOf) break;
      if (version.layer > after && hidesBelow(version)) return version.layer;
    }
    return Infinity;
  }
}

/** The versions of one node: none, one, or a list of two or more. */
type StoredVersions = Version | readonly Version[] | undefined;

/** Nodes per chunk of versions: 64 KiB of slots, below V8's 128 KiB large objects. */
const VERSION_CHUNK = 8192;

function newVersionChunk(): StoredVersions[] {
  return new Array<StoredVersions>(VERSION_CHUNK).fill(undefined);
}

function isList<T>(stored: T | readonly T[]): stored is readonly T[] {
  return Array.isArray(stored);
}

/** Returns whether a version hides what lower layers wrote below its path. */
function hidesBelow(version: Version): boolean {
  return hidesLowerChildren(version.entry);
}

/** Returns the lowest of the ascending `layers` above `after` and at most `asOf`, or `Infinity`. */
function lowestBetween(layers: readonly number[], after: number, asOf: number): number {
  for (const layer of layers) {
    if (layer > asOf) break;
    if (layer > after) return layer;
  }
  return Infinity;
}
