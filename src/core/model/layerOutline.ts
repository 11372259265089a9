/**
 * The facts a step's hover states about its layer's own entries: how many it adds, modifies and
 * deletes, the first few of each in listing order, and the layers whose versions they shadow.
 * Each fact takes a pass over the layer's entries, 83,842 for the bench's `COPY . /app`
 * (`npm run bench`), so a stack that keeps nodes works them out in one pass as it pushes the
 * layer, and every later hover of the layer reads them.
 */
import type { WriteEntry } from './layer';
import { layerNodes } from './layerNodes';
import { firstInListingOrder } from './listingOrder';
import type { NodeId, PathTree } from './pathTree';
import type { ClassifiedEntry, LayerStack, StackedLayer } from './stack';

/** The maximum number of paths a hover lists per kind of change before "and N more". */
export const maxListedPaths = 8;

/** A layer's entries of one kind of change. */
export interface ChangeOutline {
  count: number;
  /** The first `maxListedPaths` entries in listing order (see `firstInListingOrder`). */
  listed: readonly ClassifiedEntry[];
}

/** Modified entries and the layers whose versions they shadow, lowest first. */
export interface ShadowOutline {
  count: number;
  lowerLayers: number[];
}

export interface LayerOutline {
  added: ChangeOutline;
  modified: ChangeOutline;
  deleted: ChangeOutline;
  /** Modified entries whose shadowed version is not an assumed base folder. */
  shadowing: ShadowOutline;
  /** Modified entries that shadow folders assumed to be in a base image that was not read. */
  shadowingBase: ShadowOutline;
  /** Whiteouts of a path that no lower layer lists (`hiddenCount` 0 or absent). */
  unlistedDeletions: number;
  /** Writes of known size above 0, the files whose bytes the waste counts. */
  files: number;
  /** The paths of the opaque folders the layer writes, in the layer's order. */
  opaqueFolders: readonly string[];
}

// An outline never changes while its layer lives, for the reason `layerNodes` gives: the layer's
// entries and the lower layers they were classified against stay as they were until truncation
// replaces the layer. Each is stored with its tree, as the nodes it read are.
const outlines = new WeakMap<StackedLayer, { tree: LayerStack['tree']; outline: LayerOutline }>();

/** Returns the outline of `stacked`, a layer of `stack`, working it out on the first call. */
export function layerOutline(stack: LayerStack, stacked: StackedLayer): LayerOutline {
  const cached = outlines.get(stacked);
  if (cached?.tree === stack.tree) return cached.outline;
  const outline = outlineOf(stack, stacked);
  outlines.set(stacked, { tree: stack.tree, outline });
  return outline;
}

function outlineOf(stack: LayerStack, stacked: StackedLayer): LayerOutline {
  const byChange: Record<ClassifiedEntry['change'], ClassifiedEntry[]> = { added: [], modified: [], deleted: [] };
  const shadowing = new Set<number>();
  const shadowingBase = new Set<number>();
  let shadowingCount = 0;
  let shadowingBaseCount = 0;
  let unlistedDeletions = 0;
  let files = 0;
  const opaqueFolders: string[] = [];
  const nodes = layerNodes(stack, stacked);
  for (let position = 0; position < stacked.entries.length; position++) {
    const classified = stacked.entries[position];
    byChange[classified.change].push(classified);
    const { entry, lowerLayer } = classified;
    if (entry.op === 'write' && (entry.size ?? 0) > 0) files++;
    if (entry.op === 'write' && entry.opaque) opaqueFolders.push(entry.path);
    if (classified.change === 'deleted' && !classified.hiddenCount) unlistedDeletions++;
    if (classified.change !== 'modified') continue;
    const node = nodes[position];
    if (lowerLayer !== undefined && node !== undefined && firstEntryOf(stack.tree, node, lowerLayer)?.origin?.kind === 'assumed-base') {
      shadowingBaseCount++;
      shadowingBase.add(lowerLayer);
    } else {
      shadowingCount++;
      if (lowerLayer !== undefined) shadowing.add(lowerLayer);
    }
  }
  return {
    added: changeOutline(byChange.added),
    modified: changeOutline(byChange.modified),
    deleted: changeOutline(byChange.deleted),
    shadowing: { count: shadowingCount, lowerLayers: ascending(shadowing) },
    shadowingBase: { count: shadowingBaseCount, lowerLayers: ascending(shadowingBase) },
    unlistedDeletions,
    files,
    opaqueFolders,
  };
}

function changeOutline(entries: ClassifiedEntry[]): ChangeOutline {
  return { count: entries.length, listed: firstInListingOrder(entries, maxListedPaths) };
}

function ascending(layers: Set<number>): number[] {
  return [...layers].sort((a, b) => a - b);
}

/**
 * Returns the first version of `layer` among a node's versions, as `shadowedEntry` finds the
 * version a modified entry shadows.
 */
function firstEntryOf(tree: PathTree, node: NodeId, layer: number): WriteEntry | undefined {
  for (let index = 0; index < tree.versionCount(node); index++) {
    const version = tree.versionAt(node, index);
    if (version.layer === layer) return version.entry;
    if (version.layer > layer) return undefined;
  }
  return undefined;
}
