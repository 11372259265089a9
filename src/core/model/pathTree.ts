/**
 * The tree of every path any layer of a stack touched. Each path is stored once, and each node
 * keeps the versions written by the layers and the layers that deleted it, so the merged
 * filesystem as of any layer is a question asked of the tree, not a copy of it.
 */
import { hidesLowerChildren, type WriteEntry } from './layer';
import { ownedCopy } from './ownedCopy';

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

/** Shared by every node without children or whiteouts, so such nodes allocate no container. */
const NO_CHILDREN: ReadonlyMap<string, PathNode> = new Map();
const NO_WHITEOUTS: readonly number[] = [];
const NO_VERSIONS: readonly Version[] = [];

export class PathNode {
  // Most paths have one version, kept without an array: an array of one took 56 bytes per path,
  // about 9 MB on the 200,000-entry bench image (`npm run bench`). Longer lists are arrays of
  // exactly the right length, because V8 reserves spare room when an array grows.
  private stored: Version | readonly Version[] | undefined;
  // Most nodes are files: no children and no whiteouts. Their containers are made on first use,
  // which saved about 30 MB of peak RSS on the bench image. One field contains a folder's child
  // map, a deleted path's whiteout layers, or both, which saved 8 bytes a node against two fields.
  private links: Map<string, PathNode> | readonly number[] | FolderLinks | undefined;

  constructor(
    readonly name: string,
    readonly parent: PathNode | undefined,
  ) {}

  /** Versions in ascending layer order. */
  get versions(): readonly Version[] {
    const stored = this.stored;
    if (stored === undefined) return NO_VERSIONS;
    return isList(stored) ? stored : [stored];
  }

  /** The number of versions; with `versionAt`, a loop over them that allocates nothing. */
  get versionCount(): number {
    const stored = this.stored;
    if (stored === undefined) return 0;
    return isList(stored) ? stored.length : 1;
  }

  /** Returns version `index` in ascending layer order. */
  versionAt(index: number): Version {
    const stored = this.stored as Version | readonly Version[];
    return isList(stored) ? stored[index] : stored;
  }

  /** Adds a version above the existing ones. */
  addVersion(version: Version): void {
    const stored = this.stored;
    if (stored === undefined) this.stored = version;
    else this.stored = isList(stored) ? [...stored, version] : [stored, version];
  }

  /** Drops the versions of layer `layer` and above, as `LayerStack.truncate` removes those layers. */
  dropVersionsFrom(layer: number): void {
    const remaining = this.versions.filter((version) => version.layer < layer);
    if (remaining.length === 0) this.stored = undefined;
    else if (remaining.length === 1) this.stored = remaining[0];
    else this.stored = remaining;
  }

  get children(): ReadonlyMap<string, PathNode> {
    const links = this.links;
    if (links === undefined || isList(links)) return NO_CHILDREN;
    return links instanceof Map ? links : links.children;
  }

  /** Layers whose whiteout names this path, ascending. */
  get whiteouts(): readonly number[] {
    const links = this.links;
    if (links === undefined || links instanceof Map) return NO_WHITEOUTS;
    return isList(links) ? links : links.whiteouts;
  }

  addChild(child: PathNode): void {
    const links = this.links;
    if (links instanceof Map) links.set(child.name, child);
    else if (links === undefined) this.links = new Map([[child.name, child]]);
    else if (isList(links)) this.links = { children: new Map([[child.name, child]]), whiteouts: links };
    else links.children.set(child.name, child);
  }

  /** Records a whiteout of this path; layers arrive in ascending order. */
  addWhiteout(layer: number): void {
    // A new array of the exact length, as for versions: one that `push` grew keeps room for 17.
    const whiteouts = this.whiteouts;
    this.setWhiteouts(whiteouts.length === 0 ? [layer] : [...whiteouts, layer]);
  }

  /** Drops the whiteouts of layer `layer` and above, as `LayerStack.truncate` removes those layers. */
  dropWhiteoutsFrom(layer: number): void {
    this.setWhiteouts(this.whiteouts.filter((whiteout) => whiteout < layer));
  }

  private setWhiteouts(whiteouts: readonly number[]): void {
    const links = this.links;
    let children: Map<string, PathNode> | undefined;
    if (links instanceof Map) children = links;
    else if (links !== undefined && !isList(links)) children = links.children;
    if (whiteouts.length === 0) this.links = children;
    else this.links = children === undefined ? whiteouts : { children, whiteouts };
  }

  get path(): string {
    if (!this.parent) return '/';
    const parentPath = this.parent.path;
    return parentPath === '/' ? '/' + this.name : parentPath + '/' + this.name;
  }

  /** Returns the highest version at or below `asOf`. */
  topVersion(asOf: number): Version | undefined {
    const stored = this.stored;
    if (stored === undefined) return undefined;
    if (!isList(stored)) return stored.layer <= asOf ? stored : undefined;
    for (let i = stored.length - 1; i >= 0; i--) {
      if (stored[i].layer <= asOf) return stored[i];
    }
    return undefined;
  }

  /**
   * Returns the highest layer at or below `asOf` whose change to this node hides what lower
   * layers wrote under it: a whiteout of the node, an opaque marker on it, or a non-directory
   * written in its place. Returns -1 when there is none.
   */
  descendantCutoff(asOf: number): number {
    let cutoff = this.selfCutoff(asOf);
    const stored = this.stored;
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

  /** Returns the highest layer at or below `asOf` that whited this node out, or -1. */
  selfCutoff(asOf: number): number {
    let cutoff = -1;
    for (const layer of this.whiteouts) if (layer <= asOf) cutoff = layer;
    return cutoff;
  }
}

/** The child map and whiteout layers of a folder that has both. */
interface FolderLinks {
  readonly children: Map<string, PathNode>;
  readonly whiteouts: readonly number[];
}

function isList<T>(stored: T | readonly T[] | Map<string, PathNode> | FolderLinks): stored is readonly T[] {
  return Array.isArray(stored);
}

/** Returns whether a version hides what lower layers wrote below its path. */
function hidesBelow(version: Version): boolean {
  return hidesLowerChildren(version.entry);
}

export class PathTree {
  readonly root = new PathNode('', undefined);
  // The folder of the last path looked up. Layers list paths folder by folder, so most lookups
  // find their parent here and slice one name instead of every segment. Nodes are never removed,
  // so the cached node stays valid.
  private lastFolderPath = '/';
  private lastFolder: PathNode = this.root;

  /** Returns the node of a normalised path, creating it and its ancestors when `create` is set. */
  node(path: string, create: true): PathNode;
  node(path: string, create?: false): PathNode | undefined;
  node(path: string, create = false): PathNode | undefined {
    if (path === '/') return this.root;
    const slash = path.lastIndexOf('/');
    const parent = this.folder(path, slash, create);
    if (!parent) return undefined;
    return this.child(parent, path.slice(slash + 1), create);
  }

  /** Returns the node of the folder `path.slice(0, slash)`, from the cache when it is the same folder. */
  private folder(path: string, slash: number, create: boolean): PathNode | undefined {
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
      if (!found) return undefined;
      node = found;
      start = end + 1;
    }
    this.lastFolderPath = folderPath;
    this.lastFolder = node;
    return node;
  }

  private child(parent: PathNode, name: string, create: boolean): PathNode | undefined {
    const existing = parent.children.get(name);
    if (existing || !create) return existing;
    // The name is cut from the path looked up, which the node must not keep alive.
    const created = new PathNode(ownedCopy(name), parent);
    parent.addChild(created);
    return created;
  }

  /** Returns the highest layer at or below `asOf` at which an ancestor of `node` hid its subtree. */
  ancestorCutoff(node: PathNode, asOf: number): number {
    let cutoff = -1;
    for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
      cutoff = Math.max(cutoff, ancestor.descendantCutoff(asOf));
    }
    return cutoff;
  }

  /**
   * Returns the version of `node` that the merged filesystem shows as of layer `asOf`.
   * A change at layer L hides only versions from layers below L, so a layer may mark a directory
   * opaque and write new children into it.
   */
  visibleVersion(node: PathNode, asOf: number, ancestorCutoff = this.ancestorCutoff(node, asOf)): Version | undefined {
    const top = node.topVersion(asOf);
    if (!top) return undefined;
    const cutoff = Math.max(ancestorCutoff, node.selfCutoff(asOf));
    return top.layer >= cutoff ? top : undefined;
  }

  /**
   * Returns what hid `version` of `node` as of layer `asOf`: the lowest later change that hides
   * it. A deletion in the same layer as a newer version wins, because the deletion is what
   * removed the lower copy (an opaque directory rewritten in one layer shadows nothing).
   * `ancestorDeletion` is `this.ancestorDeletion(node, version.layer, asOf)`, the same for every
   * child of one folder, so a caller that asks about many files of a folder passes it.
   */
  hiderOf(node: PathNode, version: Version, asOf: number, ancestorDeletion = this.ancestorDeletion(node, version.layer, asOf)): Hider | undefined {
    // Loops by index, without closures or arrays: this runs for every hidden version when the
    // merged paths and the waste of a stack are listed.
    const after = version.layer;
    let shadow = Infinity;
    for (let index = 0; index < node.versionCount; index++) {
      const layer = node.versionAt(index).layer;
      if (layer > after) {
        if (layer <= asOf) shadow = layer;
        break;
      }
    }
    const deletion = Math.min(lowestBetween(node.whiteouts, after, asOf), ancestorDeletion);
    if (deletion === Infinity && shadow === Infinity) return undefined;
    return deletion <= shadow ? { layer: deletion, kind: 'deleted' } : { layer: shadow, kind: 'shadowed' };
  }

  /**
   * Returns the lowest layer above `after` and at most `asOf` at which an ancestor of `node` was
   * deleted or hid its subtree (see `hidesBelow`), or `Infinity`.
   */
  ancestorDeletion(node: PathNode, after: number, asOf: number): number {
    let deletion = Infinity;
    for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
      deletion = Math.min(deletion, lowestBetween(ancestor.whiteouts, after, asOf), lowestHidingLayer(ancestor, after, asOf));
    }
    return deletion;
  }
}

/** Returns the lowest of the ascending `layers` above `after` and at most `asOf`, or `Infinity`. */
function lowestBetween(layers: readonly number[], after: number, asOf: number): number {
  for (const layer of layers) {
    if (layer > asOf) break;
    if (layer > after) return layer;
  }
  return Infinity;
}

/**
 * Returns the lowest layer above `after` and at most `asOf` in which `node` hides what lower
 * layers wrote below it (see `hidesBelow`), or `Infinity`.
 */
function lowestHidingLayer(node: PathNode, after: number, asOf: number): number {
  for (let index = 0; index < node.versionCount; index++) {
    const version = node.versionAt(index);
    if (version.layer > asOf) break;
    if (version.layer > after && hidesBelow(version)) return version.layer;
  }
  return Infinity;
}
