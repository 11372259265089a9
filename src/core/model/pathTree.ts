/**
 * The tree of every path any layer of a stack touched. Each path is stored once, and each node
 * keeps the versions written by the layers and the layers that deleted it, so the merged
 * filesystem as of any layer is a question asked of the tree, not a copy of it.
 */
import type { WriteEntry } from './layer';

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
  // which saved about 30 MB of peak RSS on the bench image.
  private childMap?: Map<string, PathNode>;
  private whiteoutLayers?: number[];

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
    return this.childMap ?? NO_CHILDREN;
  }

  /** Layers whose whiteout names this path, ascending. */
  get whiteouts(): readonly number[] {
    return this.whiteoutLayers ?? NO_WHITEOUTS;
  }

  addChild(child: PathNode): void {
    (this.childMap ??= new Map()).set(child.name, child);
  }

  /** Records a whiteout of this path; layers arrive in ascending order. */
  addWhiteout(layer: number): void {
    (this.whiteoutLayers ??= []).push(layer);
  }

  /** Drops the whiteouts of layer `layer` and above, as `LayerStack.truncate` removes those layers. */
  dropWhiteoutsFrom(layer: number): void {
    const kept = this.whiteoutLayers?.filter((whiteout) => whiteout < layer);
    this.whiteoutLayers = kept && kept.length > 0 ? kept : undefined;
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

function isList(stored: Version | readonly Version[]): stored is readonly Version[] {
  return Array.isArray(stored);
}

/** Returns whether a version hides what lower layers wrote below its path. */
function hidesBelow(version: Version): boolean {
  return version.entry.opaque === true || version.entry.type !== 'directory';
}

export class PathTree {
  readonly root = new PathNode('', undefined);

  /** Returns the node of a normalised path, creating it and its ancestors when `create` is set. */
  node(path: string, create: true): PathNode;
  node(path: string, create?: false): PathNode | undefined;
  node(path: string, create = false): PathNode | undefined {
    let node = this.root;
    if (path === '/') return node;
    // The same segments as `pathSegments`, scanned in place: stacking 100,000 entries split as
    // many paths into arrays, which showed in the profile of explain --json.
    for (let start = 1; ; ) {
      const slash = path.indexOf('/', start);
      const end = slash < 0 ? path.length : slash;
      const segment = path.slice(start, end);
      let child = node.children.get(segment);
      if (!child) {
        if (!create) return undefined;
        child = new PathNode(segment, node);
        node.addChild(child);
      }
      node = child;
      if (end >= path.length) return node;
      start = end + 1;
    }
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
   */
  hiderOf(node: PathNode, version: Version, asOf: number): Hider | undefined {
    let best: Hider | undefined;
    const consider = (layer: number, kind: Hider['kind']) => {
      if (layer <= version.layer || layer > asOf) return;
      if (!best || layer < best.layer || (layer === best.layer && kind === 'deleted')) best = { layer, kind };
    };
    const next = node.versions.find((candidate) => candidate.layer > version.layer);
    if (next) consider(next.layer, 'shadowed');
    for (const layer of node.whiteouts) consider(layer, 'deleted');
    for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
      for (const layer of ancestor.whiteouts) consider(layer, 'deleted');
      for (const other of ancestor.versions) {
        if (other.entry.opaque || other.entry.type !== 'directory') consider(other.layer, 'deleted');
      }
    }
    return best;
  }
}
