/**
 * The files of earlier layers that each layer hides first, summed as the layer is pushed. A step's
 * hover states which of its layer's files later steps hide. Walking the layer's files for that
 * took 3 to 14 ms of the first hover of the bench's `COPY node_modules` (`npm run bench`, 42,801
 * files, all shadowed by `COPY . /app`) on a loaded 2-core machine, while the layers that hide
 * them change few paths.
 */
import { hidesLowerChildren } from './layer';
import { layerNodes } from './layerNodes';
import type { NodeId, PathTree } from './pathTree';
import type { LayerStack, StackedLayer } from './stack';

/** The files of one layer that one later layer hides first: how many, their bytes, and how. */
export interface HiddenShare {
  files: number;
  bytes: number;
  shadowed: boolean;
  deleted: boolean;
}

// For each layer, the later layers that hid some of its files first, each with its share. A
// hiding layer is its object, not its index: after truncation a new layer takes the index, and
// the share of the removed one must not count for it.
const sharesOf = new WeakMap<StackedLayer, Map<StackedLayer, HiddenShare>>();
// The layers whose shares were summed when they were pushed.
const summed = new WeakSet<StackedLayer>();

/**
 * Returns the shares of the layers above `index` that hid its files, by hiding layer, or
 * `undefined` when some layer above it was not summed as it was pushed (see `sumHiddenShares`).
 */
export function hiddenSharesOf(stack: LayerStack, index: number): Map<StackedLayer, HiddenShare> | undefined {
  const layer = stack.layers[index];
  if (!layer) return undefined;
  for (let later = index + 1; later <= stack.top; later++) if (!summed.has(stack.layers[later])) return undefined;
  const current = new Map<StackedLayer, HiddenShare>();
  for (const [hider, share] of sharesOf.get(layer) ?? []) if (stack.layers[hider.index] === hider) current.set(hider, share);
  return current;
}

/**
 * Adds the files that `stacked`, the top layer of `stack`, hides first to the shares of the
 * layers that wrote them, as `PathTree.hiderOf` finds the hider of each. The hider of a version is
 * the first later layer that changes its node or hides an ancestor's contents. So every version
 * whose hider is `stacked` lies at a node that `stacked` changes, or below one whose contents it
 * hides, and belongs to the highest layer below `stacked` that writes that node.
 */
export function sumHiddenShares(stack: LayerStack, stacked: StackedLayer): void {
  const pass: Pass = { stack, stacked, folder: undefined, folderBelow: -1, folderDeletion: Infinity, lower: undefined, share: undefined };
  const hider = stacked.index;
  const tree = stack.tree;
  const nodes = layerNodes(stack, stacked);
  // The nodes whose contents `stacked` hides, and below them those that it does not change.
  const pending: NodeId[] = [];
  // The nodes that `stacked` changes more than once, which count once.
  let repeated: Set<NodeId> | undefined;
  for (let position = 0; position < stacked.entries.length; position++) {
    const node = nodes[position];
    // A version whose first later change is this one would be visible below it, so an entry
    // that its classification found nothing below (`lowerLayer`) hides none of the node's own
    // versions. Most entries of a COPY add paths and have no children.
    const ownVersions = stacked.entries[position].lowerLayer !== undefined;
    if (node === undefined || (!ownVersions && !tree.hasChildren(node))) continue;
    if (changesAt(tree, node, hider) > 1) {
      repeated ??= new Set();
      if (repeated.has(node)) continue;
      repeated.add(node);
    }
    if (ownVersions) addHiddenAt(pass, node);
    if (tree.hasChildren(node) && hidesContentsAt(tree, node, hider)) pending.push(node);
  }
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    for (const child of tree.children(node)) {
      if (changesAt(tree, child, hider) === 0) addHiddenAt(pass, child);
      // A node whose contents `stacked` hides was queued by its own entry.
      else if (hidesContentsAt(tree, child, hider)) continue;
      pending.push(child);
    }
  }
  summed.add(stacked);
}

/**
 * The state of one `sumHiddenShares`. A layer lists its paths folder by folder, so what the
 * ancestors of the last folder hide, and the last share added to, serve the next path too.
 */
interface Pass {
  stack: LayerStack;
  stacked: StackedLayer;
  folder: NodeId | undefined;
  folderBelow: number;
  folderDeletion: number;
  lower: StackedLayer | undefined;
  share: HiddenShare | undefined;
}

/** Counts the versions and whiteouts of `node` in layer `layer`. */
function changesAt(tree: PathTree, node: NodeId, layer: number): number {
  let count = 0;
  for (let index = tree.versionCount(node) - 1; index >= 0; index--) {
    const versionLayer = tree.versionAt(node, index).layer;
    if (versionLayer < layer) break;
    if (versionLayer === layer) count++;
  }
  for (const whiteout of tree.whiteouts(node)) if (whiteout === layer) count++;
  return count;
}

/**
 * Returns whether layer `layer` hides what lower layers wrote below `node`: a whiteout of it, or
 * a write that is an opaque folder or no folder (as `PathTree.ancestorDeletion` counts them).
 */
function hidesContentsAt(tree: PathTree, node: NodeId, layer: number): boolean {
  if (tree.whiteouts(node).includes(layer)) return true;
  for (let index = tree.versionCount(node) - 1; index >= 0; index--) {
    const version = tree.versionAt(node, index);
    if (version.layer < layer) break;
    if (version.layer === layer && hidesLowerChildren(version.entry)) return true;
  }
  return false;
}

/** Adds the versions of `node` whose hider is the pass's layer to the shares of their layer. */
function addHiddenAt(pass: Pass, node: NodeId): void {
  const { stack, stacked } = pass;
  const tree = stack.tree;
  const hider = stacked.index;
  let below = -1;
  for (let index = tree.versionCount(node) - 1; index >= 0 && below < 0; index--) {
    const layer = tree.versionAt(node, index).layer;
    if (layer < hider) below = layer;
  }
  if (below < 0) return;
  const folder = tree.parent(node);
  if (folder !== pass.folder || below !== pass.folderBelow) {
    pass.folder = folder;
    pass.folderBelow = below;
    pass.folderDeletion = tree.ancestorDeletion(node, below, hider);
  }
  for (let index = 0; index < tree.versionCount(node); index++) {
    const version = tree.versionAt(node, index);
    if (version.layer > below) break;
    const size = version.entry.size;
    if (version.layer < below || size === null || size === 0) continue;
    const found = tree.hiderOf(node, version, hider, pass.folderDeletion);
    if (found?.layer !== hider) continue;
    const share = shareOf(pass, stack.layers[below]);
    share.files++;
    share.bytes += size;
    if (found.kind === 'shadowed') share.shadowed = true;
    else share.deleted = true;
  }
}

/** Returns the share of `lower`'s files that the pass's layer hides, made empty on first use. */
function shareOf(pass: Pass, lower: StackedLayer): HiddenShare {
  if (pass.lower === lower && pass.share) return pass.share;
  let shares = sharesOf.get(lower);
  if (!shares) {
    shares = new Map();
    sharesOf.set(lower, shares);
  }
  let share = shares.get(pass.stacked);
  if (!share) {
    // Shares of layers that truncation removed would keep those layers alive, so they go here.
    for (const earlier of shares.keys()) if (pass.stack.layers[earlier.index] !== earlier) shares.delete(earlier);
    share = { files: 0, bytes: 0, shadowed: false, deleted: false };
    shares.set(pass.stacked, share);
  }
  pass.lower = lower;
  pass.share = share;
  return share;
}
