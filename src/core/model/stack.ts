/**
 * A stack of layers and the merged filesystem it gives. Pushing a layer classifies its entries
 * against the layers below (added, modified, deleted) and records what it shadows and deletes.
 */
import { changedAttributes, type Attribute } from './changes';
import { hidesLowerChildren, type ChangeKind, type Layer, type LayerEntry, type WriteEntry } from './layer';
import { keepLayerFacts } from './layerFacts';
import { keepLayerNodes } from './layerNodes';
import { PathTree, type NodeId, type Version } from './pathTree';
import { normalizeImagePath } from './paths';

/** A layer entry with its kind of change, as the layers below decide it. */
export interface ClassifiedEntry {
  entry: LayerEntry;
  change: ChangeKind;
  /** The index of the layer that contains the entry. */
  layer: number;
  /**
   * The layer whose version this entry shadows or deletes (for `modified` and `deleted`). For a
   * write over an implied folder (`overImpliedFolder`), the lowest layer that lists a path in it.
   */
  lowerLayer?: number;
  /**
   * Set on a directory write over a folder that no lower layer lists but whose paths a lower layer
   * lists, such as `usr/` above a base layer's `usr/bin/x` alone. Docker Engine 20.10 and buildah
   * 1.28.2 both make such a folder when they apply that layer, so the write modifies it. The tree
   * has no version of it.
   */
  overImpliedFolder?: true;
  /** For a deletion or an opaque directory: lower paths it hides, the path itself included. */
  hiddenCount?: number;
  /**
   * For a write that modifies a lower write: the attributes that differ from it (see
   * `changedAttributes`); absent when the contents cannot be compared.
   */
  changedAttributes?: readonly Attribute[];
  /**
   * Set on a change that hides a lower directory (a whiteout, an opaque directory, a file in its
   * place), or the unlisted lower files in it (`emptied`, `copiedUp`), where the directory
   * may hold paths no layer lists (see `LayerStack.mayHoldUnlisted`), so it hides bytes of
   * unknown size.
   */
  hidesUnlisted?: true;
}

/**
 * A count of entries and their known bytes. `unknownSizes` counts entries of unknown size. In a
 * `deleted` tally it also counts each hidden directory that may hold paths no layer lists, and in
 * a `shadowed` tally each directory whose unlisted lower files the layer copies up.
 */
export interface Tally {
  count: number;
  bytes: number;
  unknownSizes: number;
}

export interface LayerSummary {
  added: Tally;
  modified: Tally;
  /** Lower versions that this layer's writes hide. */
  shadowed: Tally;
  /** Lower versions that this layer's whiteouts and opaque directories remove. */
  deleted: Tally;
}

export interface StackedLayer {
  index: number;
  layer: Layer;
  entries: ClassifiedEntry[];
  summary: LayerSummary;
}

/** A version hidden by a shadowed or deleted entry, found while pushing a layer. */
interface HiddenVersion {
  node: NodeId;
  version: Version;
}

export function emptyTally(): Tally {
  return { count: 0, bytes: 0, unknownSizes: 0 };
}

export function addToTally(tally: Tally, size: number | null): void {
  tally.count++;
  if (size === null) tally.unknownSizes++;
  else tally.bytes += size;
}

export interface StackOptions {
  /**
   * Hands each write the tree node it is placed at (`WriteEntry.placeIn`), so that writes can
   * drop their own path strings. A write then keeps this stack's tree alive, so set it only for
   * the stack that lasts as long as its layers do.
   */
  placeWrites?: boolean;
  /**
   * Keeps each layer's tree nodes for `layerNodes`, which the hover of a step reads for every file
   * of its layer, and works out the facts about the layer's own entries that the hover states
   * (`keepLayerFacts`) unless `push` skips them (`PushOptions.facts`). It costs an array slot per
   * entry and a pass over the layer's entries, which the editor's predictions can spare and a
   * read image of hundreds of thousands of files need not pay.
   */
  keepNodes?: boolean;
}

export interface PushOptions {
  /**
   * Whether a stack that keeps nodes works out the layer's hover facts, true by default. A layer
   * that no hover reads in this stack can skip them. A hover that reads them anyway works them
   * out on first use.
   */
  facts?: boolean;
}

export class LayerStack {
  readonly tree = new PathTree();
  readonly layers: StackedLayer[] = [];

  // The first tree node that the layer being pushed created. Such a node had no path under it in
  // any lower layer, because a lower path would have created it then.
  private firstNewNode = 0;

  constructor(private readonly options: StackOptions = {}) {}

  /** Index of the top layer, or -1 for an empty stack. */
  get top(): number {
    return this.layers.length - 1;
  }

  /** Pushes a layer, classifying its entries against the merged filesystem below it. */
  push(layer: Layer, options: PushOptions = {}): StackedLayer {
    const index = this.layers.length;
    const summary: LayerSummary = { added: emptyTally(), modified: emptyTally(), shadowed: emptyTally(), deleted: emptyTally() };
    // One node lookup per entry serves both steps: classifying reads only the layers below,
    // so recording this layer's earlier entries first changes no classification.
    const nodes: NodeId[] | undefined = this.options.keepNodes ? [] : undefined;
    this.firstNewNode = this.tree.nodeCount;
    const entries = layer.entries.map((entry) => {
      const node = this.tree.node(entry.path, true);
      const classified = this.classify(entry, node, index, summary);
      this.record(classified, node);
      if (this.options.placeWrites && entry.op === 'write') entry.placeIn?.(this.tree, node);
      nodes?.push(node);
      return classified;
    });
    const stacked: StackedLayer = { index, layer, entries, summary };
    if (nodes) keepLayerNodes(stacked, this.tree, nodes);
    this.layers.push(stacked);
    if (nodes && options.facts !== false) keepLayerFacts(this, stacked);
    return stacked;
  }

  /**
   * Removes the layers from index `count` up, so that the stack contains its first `count` layers,
   * as though only those had been pushed. Costs time in proportion to the removed entries.
   * Nodes that only removed layers wrote stay in the tree with no version, which lookups skip.
   */
  truncate(count: number): void {
    while (this.layers.length > Math.max(0, count)) {
      const removed = this.layers.pop() as StackedLayer;
      for (const entry of removed.layer.entries) {
        const node = this.tree.node(entry.path);
        if (node === undefined) continue;
        if (entry.op === 'delete') this.tree.dropWhiteoutsFrom(node, removed.index);
        else this.tree.dropVersionsFrom(node, removed.index);
      }
    }
  }

  /** Returns the version of `path` that the merged filesystem shows as of layer `asOf`. */
  lookup(path: string, asOf = this.top): Version | undefined {
    const node = this.tree.node(normalizeImagePath(path));
    return node === undefined ? undefined : this.tree.visibleVersion(node, asOf);
  }

  /** Returns whether `path` is a directory in the merged filesystem as of layer `asOf`. */
  isDirectory(path: string, asOf = this.top): boolean {
    return normalizeImagePath(path) === '/' || this.lookup(path, asOf)?.entry.type === 'directory';
  }

  /** Lists the visible children of a directory as of layer `asOf`, in name order. */
  children(path: string, asOf = this.top): Array<{ name: string; node: NodeId; version: Version }> {
    const parent = this.tree.node(normalizeImagePath(path));
    if (parent === undefined) return [];
    const cutoff = Math.max(this.tree.ancestorCutoff(parent, asOf), this.tree.descendantCutoff(parent, asOf));
    const visible: Array<{ name: string; node: NodeId; version: Version }> = [];
    for (const node of this.tree.children(parent)) {
      const version = this.tree.visibleVersion(node, asOf, cutoff);
      if (version) visible.push({ name: this.tree.name(node), node, version });
    }
    return visible.sort((a, b) => compareNames(a.name, b.name));
  }

  private classify(entry: LayerEntry, node: NodeId, layer: number, summary: LayerSummary): ClassifiedEntry {
    const below = layer - 1;
    const lower = below >= 0 ? this.tree.visibleVersion(node, below) : undefined;
    if (entry.op === 'delete') {
      const hidden = lower ? this.visibleSubtree(node, lower, below) : [];
      for (const item of hidden) addToTally(summary.deleted, item.version.entry.size);
      const unlisted = lower !== undefined && this.hidesUnlisted(node, lower, below, summary.deleted);
      return unlisted
        ? { entry, change: 'deleted', layer, lowerLayer: lower.layer, hiddenCount: hidden.length, hidesUnlisted: true }
        : { entry, change: 'deleted', layer, lowerLayer: lower?.layer, hiddenCount: hidden.length };
    }
    if (!lower && entry.type === 'directory' && below >= 0 && node < this.firstNewNode) {
      const implied = this.classifyOverImpliedFolder(entry, node, layer, summary);
      if (implied) return implied;
    }
    // The attributes go into the object as it is made: a field added later took a separate
    // property store on each of the bench image's 14,000 modified entries.
    const attributes = lower && changedAttributes(lower.entry, entry);
    const classified: ClassifiedEntry = !lower
      ? ((this.options.placeWrites && entry.asAddedEntry?.(layer)) || { entry, change: 'added', layer })
      : attributes
        ? { entry, change: 'modified', layer, lowerLayer: lower.layer, changedAttributes: attributes }
        : { entry, change: 'modified', layer, lowerLayer: lower.layer };
    addToTally(lower ? summary.modified : summary.added, entry.size);
    if (lower) addToTally(summary.shadowed, lower.entry.size);
    if (lower && hidesLowerChildren(entry)) {
      const hidden = this.visibleSubtree(node, lower, below).filter((item) => item.node !== node);
      for (const item of hidden) addToTally(summary.deleted, item.version.entry.size);
      classified.hiddenCount = hidden.length;
      if (this.hidesUnlisted(node, lower, below, summary.deleted)) classified.hidesUnlisted = true;
    } else if (lower && (entry.emptied || entry.copiedUp)) {
      // The listed contents have whiteouts or copies of their own in the layer; only the unlisted
      // ones count here. A copy-up writes the lower files again, so it shadows them.
      const tally = entry.emptied ? summary.deleted : summary.shadowed;
      if (this.hidesUnlisted(node, lower, below, tally)) classified.hidesUnlisted = true;
    }
    return classified;
  }

  /**
   * Classifies a directory write at `node`, which no layer below lists, as modifying the folder
   * that the paths under it imply, or returns `undefined` when no path under it is visible below.
   * An opaque write hides those paths, as it hides the contents of a listed folder.
   * NOTE: whether an unknown layer put unlisted paths into the implied folder is not checked, so
   * an opaque write over it never sets `hidesUnlisted`. A file or link written in place of an
   * implied folder still counts as added and hides nothing.
   */
  private classifyOverImpliedFolder(entry: WriteEntry, node: NodeId, layer: number, summary: LayerSummary): ClassifiedEntry | undefined {
    const below = layer - 1;
    const opaque = hidesLowerChildren(entry);
    const descendants: HiddenVersion[] = [];
    // Only an opaque write needs every path it hides. Otherwise the walk ends at a path of the
    // first layer, below which no layer can be.
    this.visitVisibleDescendants(node, below, this.tree.ancestorCutoff(node, below), (item) => {
      descendants.push(item);
      return !opaque && item.version.layer === 0;
    });
    if (descendants.length === 0) return undefined;
    const lowerLayer = descendants.reduce((lowest, item) => Math.min(lowest, item.version.layer), layer);
    const classified: ClassifiedEntry = { entry, change: 'modified', layer, lowerLayer, overImpliedFolder: true };
    addToTally(summary.modified, entry.size);
    // The implied folder has no bytes, as a listed one has none.
    addToTally(summary.shadowed, 0);
    if (opaque) {
      for (const item of descendants) addToTally(summary.deleted, item.version.entry.size);
      classified.hiddenCount = descendants.length;
    }
    return classified;
  }

  /**
   * Calls `visit` for each descendant of `node` visible as of layer `asOf` until it returns true,
   * and returns whether it did. Each folder's children come before theirs, so an early stop stays
   * near `node`. Nodes that the layer being pushed created are skipped, because no lower layer has
   * paths under them, and `ancestorCutoff` is handed down, so each level reads only its own node.
   */
  private visitVisibleDescendants(node: NodeId, asOf: number, ancestorCutoff: number, visit: (item: HiddenVersion) => boolean): boolean {
    const cutoff = Math.max(ancestorCutoff, this.tree.descendantCutoff(node, asOf));
    const children = this.tree.children(node).filter((child) => child < this.firstNewNode);
    for (const child of children) {
      const version = this.tree.visibleVersion(child, asOf, cutoff);
      if (version && visit({ node: child, version })) return true;
    }
    for (const child of children) {
      if (this.visitVisibleDescendants(child, asOf, cutoff, visit)) return true;
    }
    return false;
  }

  /**
   * Tells whether hiding `lower`, the version of `node` visible as of layer `below`, hides paths
   * that no layer lists. If it does, it adds one path of unknown size to `tally`.
   */
  private hidesUnlisted(node: NodeId, lower: Version, below: number, tally: Tally): boolean {
    if (lower.entry.type !== 'directory' || !this.unknownLayerSince(this.creationLayer(node, lower), below)) return false;
    tally.unknownSizes++;
    return true;
  }

  /**
   * Returns whether the directory at `path`, as the merged filesystem shows it as of layer `asOf`,
   * may hold paths that no layer lists. A layer of `unknown` certainty may write such paths, but
   * only into a directory that exists by then, so only the unknown layers from the one that
   * created the directory up to `asOf` count. For the root, and for a path no layer shows, every
   * unknown layer up to `asOf` counts.
   */
  mayHoldUnlisted(path: string, asOf = this.top): boolean {
    return this.unknownLayerSince(this.unlistedSince(path, asOf), asOf);
  }

  /**
   * Lists the indexes of the `unknown` layers that may have put unlisted paths into the directory
   * at `path` as of layer `asOf`, by the rule of `mayHoldUnlisted`. Layer 0 is the stage's base.
   */
  unknownLayersIn(path: string, asOf = this.top): number[] {
    const layers: number[] = [];
    for (let index = this.unlistedSince(path, asOf); index <= asOf && index < this.layers.length; index++) {
      if (this.layers[index].layer.certainty === 'unknown') layers.push(index);
    }
    return layers;
  }

  /** Returns the first layer that may hold unlisted paths in the directory at `path`: the one that created it, or 0. */
  private unlistedSince(path: string, asOf: number): number {
    const node = this.tree.node(normalizeImagePath(path));
    const version = node === undefined ? undefined : this.tree.visibleVersion(node, asOf);
    return node !== undefined && version ? this.creationLayer(node, version) : 0;
  }

  /**
   * Returns the layer that created the directory whose visible version is `version`: the lowest
   * of the unbroken run of directory versions under it. A folder assumed to be in the base image
   * was there before any layer, so its run starts at layer 0.
   * NOTE: a folder that an unknown layer below made without listing it counts as created by the
   * first layer that lists it, as with a WORKDIR over an unread base image.
   */
  private creationLayer(node: NodeId, version: Version): number {
    let current = version;
    for (;;) {
      if (current.entry.origin?.kind === 'assumed-base') return 0;
      if (current.entry.opaque || current.layer === 0) return current.layer;
      const lower = this.tree.visibleVersion(node, current.layer - 1);
      if (!lower || lower.entry.type !== 'directory') return current.layer;
      current = lower;
    }
  }

  /** Returns whether a layer from `first` to `last` may hold content it does not list. */
  unknownLayerSince(first: number, last: number): boolean {
    for (let index = Math.max(0, first); index <= last && index < this.layers.length; index++) {
      if (this.layers[index].layer.certainty === 'unknown') return true;
    }
    return false;
  }

  /**
   * Records a classified entry in its node. A write's classified entry is also its version, which
   * saved an object per entry (about 6 MB on the 200,000-entry bench image).
   */
  private record(classified: ClassifiedEntry, node: NodeId): void {
    const entry = classified.entry;
    if (entry.op === 'delete') this.tree.addWhiteout(node, classified.layer);
    else this.tree.addVersion(node, classified as Version);
  }

  /** Lists `node` and its visible descendants as of layer `asOf`, depth first. */
  private visibleSubtree(node: NodeId, version: Version, asOf: number): HiddenVersion[] {
    const found: HiddenVersion[] = [{ node, version }];
    const cutoff = Math.max(this.tree.ancestorCutoff(node, asOf), this.tree.descendantCutoff(node, asOf));
    if (version.entry.type !== 'directory') return found;
    for (const child of this.tree.children(node)) {
      const childVersion = this.tree.visibleVersion(child, asOf, cutoff);
      if (childVersion) found.push(...this.visibleSubtree(child, childVersion, asOf));
    }
    return found;
  }
}

/** Orders names by UTF-16 code units, as `ls` does in the C locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
