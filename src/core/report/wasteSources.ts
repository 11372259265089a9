/**
 * The sources of an image's wasted bytes: the layers that hid them, and the largest wasted
 * paths. A deleted folder is one path with the total of the files its deletion hid, so one
 * `rm -rf` of a cache reads as that folder rather than as its largest files.
 */
import { hidesLowerChildren } from '../model/layer';
import type { WasteRecord } from '../model/merged';
import type { LayerStack } from '../model/stack';
import { compareNames } from '../model/stack';

/** The number of largest wasted paths that the report lists. */
export const LISTED_WASTED_PATHS = 10;

/** One layer that hid bytes written by earlier layers. */
export interface HidingLayer {
  /** The history entry of the hiding layer. */
  layer: number;
  bytes: number;
  /** Hidden file versions counted in `bytes`. */
  files: number;
  /** The layers whose bytes it hid, in layer order. */
  writtenBy: Array<{ layer: number; bytes: number; files: number }>;
}

/** A wasted file, or a folder whose deletion hid the files listed below it. */
export interface WastedPath {
  path: string;
  /** Whether `path` is a deleted or opaque folder whose hidden files this item counts. */
  folder: boolean;
  /** Hidden file versions counted in `bytes`. */
  files: number;
  bytes: number;
  writtenBy: number[];
  hiddenBy: number[];
  kind: WasteRecord['kind'];
}

export interface WasteSources {
  /** Every layer that hid wasted bytes, most bytes first. */
  hidingLayers: HidingLayer[];
  /** The `LISTED_WASTED_PATHS` largest wasted paths, largest first. */
  largestPaths: WastedPath[];
  /** How many wasted paths there are in all, folders counted once. */
  pathCount: number;
}

/**
 * Sums the waste records by the layer that hid them and by the path or deleted folder, as a waste
 * traversal passes them (`wasteReport`'s sink). It keeps only the largest paths and the folder
 * totals: an image of 200,000 files may have as many waste records, and an object per path raised
 * the peak memory of `image --json` by about 35 MiB.
 */
export class WasteSourceTally {
  private readonly roots: DeletionRoots;
  private readonly hiding = new Map<number, Map<number, { bytes: number; files: number }>>();
  private readonly largest = new LargestPaths();
  private readonly folders = new Map<string, WastedPath>();
  // The records of one path are consecutive (the waste report lists a node's versions together),
  // so a path of its own is summed in `current` and passed on when the next path starts.
  private current: WastedPath | undefined;

  constructor(stack: LayerStack) {
    this.roots = new DeletionRoots(stack);
  }

  /** Takes one record; a bound method, so that it can be passed as the sink itself. */
  readonly add = (record: WasteRecord): void => {
    addToHidingLayer(this.hiding, record);
    const root = record.kind === 'deleted' ? this.roots.rootOf(record.path, record.hiddenBy) : record.path;
    if (root !== record.path) {
      const key = `${record.kind}:${root}`;
      const folder = this.folders.get(key) ?? emptyPath(root, true, record.kind);
      addRecord(folder, record);
      this.folders.set(key, folder);
      return;
    }
    const current = this.current;
    if (!current || current.path !== root || current.kind !== record.kind) {
      if (current) this.largest.add(current);
      this.current = emptyPath(root, false, record.kind);
    }
    addRecord(this.current as WastedPath, record);
  };

  /** Returns the sums of every record taken; call it once, after the traversal. */
  finish(): WasteSources {
    if (this.current) this.largest.add(this.current);
    for (const folder of this.folders.values()) this.largest.add(folder);
    return { hidingLayers: sortHidingLayers(this.hiding), largestPaths: this.largest.sorted(), pathCount: this.largest.count };
  }
}

function addToHidingLayer(hiding: Map<number, Map<number, { bytes: number; files: number }>>, record: WasteRecord): void {
  const writers = hiding.get(record.hiddenBy) ?? new Map<number, { bytes: number; files: number }>();
  const writer = writers.get(record.writtenBy) ?? { bytes: 0, files: 0 };
  writer.bytes += record.bytes;
  writer.files++;
  writers.set(record.writtenBy, writer);
  hiding.set(record.hiddenBy, writers);
}

function emptyPath(path: string, folder: boolean, kind: WasteRecord['kind']): WastedPath {
  return { path, folder, files: 0, bytes: 0, writtenBy: [], hiddenBy: [], kind };
}

// Shadowed and deleted versions of one path stay apart, since they were hidden in different ways.
function addRecord(item: WastedPath, record: WasteRecord): void {
  item.files++;
  item.bytes += record.bytes;
  insertSorted(item.writtenBy, record.writtenBy);
  insertSorted(item.hiddenBy, record.hiddenBy);
}

/** Keeps the `LISTED_WASTED_PATHS` largest paths offered, largest first, and counts them all. */
class LargestPaths {
  count = 0;
  private readonly kept: WastedPath[] = [];

  add(item: WastedPath): void {
    this.count++;
    if (this.kept.length === LISTED_WASTED_PATHS && compareWasted(item, this.kept[this.kept.length - 1]) >= 0) return;
    this.kept.push(item);
    this.kept.sort(compareWasted);
    if (this.kept.length > LISTED_WASTED_PATHS) this.kept.pop();
  }

  sorted(): WastedPath[] {
    return [...this.kept];
  }
}

function compareWasted(a: WastedPath, b: WastedPath): number {
  return b.bytes - a.bytes || compareNames(a.path, b.path);
}

function insertSorted(layers: number[], layer: number): void {
  if (layers.includes(layer)) return;
  layers.push(layer);
  layers.sort((a, b) => a - b);
}

function sortHidingLayers(hiding: Map<number, Map<number, { bytes: number; files: number }>>): HidingLayer[] {
  const layers = [...hiding].map(([layer, writers]) => {
    const writtenBy = [...writers].sort(([a], [b]) => a - b).map(([writer, sums]) => ({ layer: writer, ...sums }));
    const bytes = writtenBy.reduce((sum, writer) => sum + writer.bytes, 0);
    const files = writtenBy.reduce((sum, writer) => sum + writer.files, 0);
    return { layer, bytes, files, writtenBy };
  });
  return layers.sort((a, b) => b.bytes - a.bytes || a.layer - b.layer);
}

/**
 * Finds the top-most path at which a layer deletes what is below: its whiteouts, opaque folders and
 * writes of a non-folder. A deleted version lies at or under one of the hiding layer's such paths,
 * since these are the only changes that delete (see `PathTree.hiderOf`). The ancestors are looked
 * up in the tree, so no set of every path a layer writes is built.
 * NOTE: a folder removed with one whiteout per file (buildah on vfs storage) has no such path of
 * its own, and shadowed files are never grouped, so both are listed file by file.
 */
class DeletionRoots {
  constructor(private readonly stack: LayerStack) {}

  /** Returns the top-most path of `layer` that deletes `path`, or `path` itself when none is found. */
  rootOf(path: string, layer: number): string {
    for (let end = path.indexOf('/', 1); end !== -1; end = path.indexOf('/', end + 1)) {
      const ancestor = path.slice(0, end);
      if (this.deletesBelow(ancestor, layer)) return ancestor;
    }
    return path;
  }

  private deletesBelow(path: string, layer: number): boolean {
    const tree = this.stack.tree;
    const node = tree.node(path);
    if (node === undefined) return false;
    if (tree.whiteouts(node).includes(layer)) return true;
    for (let index = 0; index < tree.versionCount(node); index++) {
      const version = tree.versionAt(node, index);
      if (version.layer === layer) return hidesLowerChildren(version.entry);
    }
    return false;
  }
}
