/**
 * The sources of an image's wasted bytes: the layers that hid them, and the largest wasted
 * paths. A deleted folder is one path with the total of the files its deletion hid, so one
 * `rm -rf` of a cache reads as that folder rather than as its largest files.
 */
import { hidesLowerChildren } from '../model/layer';
import type { WasteRecord, WasteReport } from '../model/merged';
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

/** Sums the waste records by the layer that hid them and by the path or deleted folder. */
export function wasteSources(stack: LayerStack, waste: WasteReport): WasteSources {
  const roots = new DeletionRoots(stack);
  const hiding = new Map<number, Map<number, { bytes: number; files: number }>>();
  const paths = new Map<string, WastedPath>();
  for (const record of waste.records) {
    const writers = hiding.get(record.hiddenBy) ?? new Map<number, { bytes: number; files: number }>();
    const writer = writers.get(record.writtenBy) ?? { bytes: 0, files: 0 };
    writer.bytes += record.bytes;
    writer.files++;
    writers.set(record.writtenBy, writer);
    hiding.set(record.hiddenBy, writers);
    addToPath(paths, record, record.kind === 'deleted' ? roots.rootOf(record.path, record.hiddenBy) : record.path);
  }
  const largest = [...paths.values()].sort((a, b) => b.bytes - a.bytes || compareNames(a.path, b.path));
  return { hidingLayers: sortHidingLayers(hiding), largestPaths: largest.slice(0, LISTED_WASTED_PATHS), pathCount: largest.length };
}

/** Adds a record to the entry of `root`, the record's own path or the deleted folder above it. */
function addToPath(paths: Map<string, WastedPath>, record: WasteRecord, root: string): void {
  // Shadowed and deleted versions of one path stay apart, since they were hidden in different ways.
  const key = `${record.kind}:${root}`;
  const item = paths.get(key) ?? { path: root, folder: root !== record.path, files: 0, bytes: 0, writtenBy: [], hiddenBy: [], kind: record.kind };
  item.files++;
  item.bytes += record.bytes;
  insertSorted(item.writtenBy, record.writtenBy);
  insertSorted(item.hiddenBy, record.hiddenBy);
  paths.set(key, item);
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
 * The paths at which each layer deletes what is below: its whiteouts, opaque folders and
 * writes of a non-folder. A deleted version lies at or under one of the hiding layer's such
 * paths, since these are the only changes that delete (see `PathTree.hiderOf`).
 * NOTE: a folder removed with one whiteout per file (buildah on vfs storage) has no such path of
 * its own, and shadowed files are never grouped, so both are listed file by file.
 */
class DeletionRoots {
  private readonly byLayer = new Map<number, Set<string>>();

  constructor(private readonly stack: LayerStack) {}

  /** Returns the top-most path of `layer` that deletes `path`, or `path` itself when none is found. */
  rootOf(path: string, layer: number): string {
    const roots = this.rootsOf(layer);
    for (let end = path.indexOf('/', 1); end !== -1; end = path.indexOf('/', end + 1)) {
      if (roots.has(path.slice(0, end))) return path.slice(0, end);
    }
    return path;
  }

  private rootsOf(layer: number): Set<string> {
    let roots = this.byLayer.get(layer);
    if (roots) return roots;
    roots = new Set<string>();
    for (const { entry } of this.stack.layers[layer]?.entries ?? []) {
      if (entry.op === 'delete' || hidesLowerChildren(entry)) roots.add(entry.path);
    }
    this.byLayer.set(layer, roots);
    return roots;
  }
}
